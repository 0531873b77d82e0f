"""After a run: is every write the server confirmed in the database, and do the counts hold?"""

from collections import Counter

from sqlalchemy import select

from bench.harness import flask_command

CHUNK = 500


def _chunks(values: list, size: int = CHUNK):
    for start in range(0, len(values), size):
        yield values[start : start + size]


def confirmed_writes_missing(
    database_url: str, secret_key: str, confirmed: list[list], *, stats_verify: bool = False
) -> dict:
    """Look up each confirmed write ([kind, participant cookie, slug, attempt id]) in the database.

    Returns how many were checked and found per kind, and the first few that are missing; with
    `stats_verify`, also the outcome of `flask stats verify`, run in this same process.
    """
    from itsdangerous import BadSignature

    from challenge import create_app
    from challenge.content.models import ContentItem
    from challenge.extensions import db
    from challenge.lessons.models import LessonCompletion
    from challenge.participation import identity
    from challenge.participation.models import Participant
    from challenge.pledges.models import PledgeTaken
    from challenge.quizzes.models import QuizAttempt

    app = create_app({"DATABASE_URL": database_url, "SECRET_KEY": secret_key, "TESTING": True})
    checked, found, missing = Counter(), Counter(), []
    with app.app_context():
        serializer = identity._serializer()
        tokens = {}
        for cookie in {entry[1] for entry in confirmed if entry[1]}:
            try:
                tokens[cookie] = serializer.loads(cookie)
            except BadSignature:
                tokens[cookie] = None
        participant_ids = {}
        for chunk in _chunks([token for token in tokens.values() if token]):
            participant_ids.update(
                db.session.execute(
                    select(Participant.token, Participant.id).where(Participant.token.in_(chunk))
                ).all()
            )
        items = {
            (kind, slug): item_id
            for kind, slug, item_id in db.session.execute(
                select(ContentItem.kind, ContentItem.slug, ContentItem.id)
            )
        }
        ids = list(participant_ids.values())
        rows = {"pledge": set(), "lesson": set()}
        for chunk in _chunks(ids):
            for kind, model in (("pledge", PledgeTaken), ("lesson", LessonCompletion)):
                rows[kind].update(
                    db.session.execute(
                        select(model.participant_id, model.item_id).where(
                            model.participant_id.in_(chunk)
                        )
                    ).all()
                )
        attempt_ids = [entry[3] for entry in confirmed if entry[0] == "quiz" and entry[3]]
        attempts = {}
        for chunk in _chunks(attempt_ids):
            attempts.update(
                {
                    attempt_id: (participant_id, item_id)
                    for attempt_id, participant_id, item_id in db.session.execute(
                        select(
                            QuizAttempt.id, QuizAttempt.participant_id, QuizAttempt.item_id
                        ).where(QuizAttempt.id.in_(chunk))
                    )
                }
            )
        for kind, cookie, slug, attempt_id in confirmed:
            checked[kind] += 1
            participant_id = participant_ids.get(tokens.get(cookie))
            item_id = items.get((kind, slug))
            if kind == "quiz":
                present = attempts.get(attempt_id) == (participant_id, item_id)
            else:
                present = (participant_id, item_id) in rows[kind]
            if present and participant_id is not None:
                found[kind] += 1
            elif len(missing) < 20:
                missing.append({"kind": kind, "slug": slug, "attempt": attempt_id})
        db.session.remove()
    recount = None
    if stats_verify:
        outcome = app.test_cli_runner().invoke(args=["stats", "verify"])
        recount = {"ok": outcome.exit_code == 0, "output": outcome.output.strip()[-2000:]}
    with app.app_context():
        db.engine.dispose()
    return {
        "checked": dict(checked),
        "found": dict(found),
        "missing": sum(checked.values()) - sum(found.values()),
        "missing_examples": missing,
        "stats_verify": recount,
    }


def stats_verify(env: dict[str, str]) -> dict:
    """`flask stats verify`: every tally recounted from the raw rows."""
    try:
        output = flask_command(env, "stats", "verify")
    except RuntimeError as failure:
        return {"ok": False, "output": str(failure)[-2000:]}
    return {"ok": True, "output": output.strip()}
