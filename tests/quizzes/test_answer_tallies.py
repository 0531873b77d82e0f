"""Answer tallies: each answer to each quiz question is counted as it is given, so the staff
dashboard reads a few rows, never the attempts; `stats verify|rebuild` recount them, a discount
takes a burst's answers away, and migration 0010 fills them from the attempts already there."""

import datetime as dt
import importlib.util

from sqlalchemy import event, select, update

from challenge.clock import utcnow
from challenge.config import PROJECT_ROOT
from challenge.content.models import ContentItem
from challenge.extensions import db
from challenge.participation import bursts, reconcile
from challenge.participation.models import Participant
from challenge.quizzes import answer_tallies
from challenge.quizzes.models import QuizAnswerTally
from challenge.staff.dashboard import queries
from tests.staff.support import staff_client
from tests.support.quizzes import answer_sheet, questions, send

QUIZ = "/en/quizzes/spotting-phishing"
BOT = "203.0.113.7"


def answer(app, *, wrong=(), address="198.51.100.20"):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    sent = send(client, answer_sheet(app, wrong=wrong), url=QUIZ, country="IN")
    assert sent.status_code == 302, sent.status_code
    return client


def quiz_id(app) -> int:
    with app.app_context():
        return db.session.scalar(
            select(ContentItem.id).where(
                ContentItem.kind == "quiz", ContentItem.slug == "spotting-phishing"
            )
        )


def tallied(app) -> dict:
    with app.app_context():
        return dict(answer_tallies.stored())


def test_each_answer_is_tallied_as_it_is_given(synced):
    answer(synced, wrong=("parcel-text",))
    answer(synced)
    item = quiz_id(synced)
    parcel = next(q for q in questions(synced) if q["id"] == "parcel-text")
    right = ",".join(map(str, parcel["correct"]))
    wrong = str(next(i for i, o in enumerate(parcel["options"]) if not o["correct"]))
    counts = tallied(synced)
    assert counts[(item, "parcel-text", right)] == 1 and counts[(item, "parcel-text", wrong)] == 1
    assert sum(n for (_i, question, _a), n in counts.items() if question == "signs") == 2
    with synced.app_context():
        assert answer_tallies.recount() == answer_tallies.stored()
        assert reconcile.drift() == []


def test_the_dashboard_never_reads_the_attempts(synced):
    for _ in range(3):
        answer(synced, wrong=("signs",))
    analyst = staff_client(synced, "analyst")
    statements = []
    with synced.app_context():
        engine = db.engine

        def keep(_connection, _cursor, statement, *_args):
            statements.append(statement)

        event.listen(engine, "before_cursor_execute", keep)
        try:
            page = analyst.get("/staff/dashboard")
        finally:
            event.remove(engine, "before_cursor_execute", keep)
    assert page.status_code == 200 and "Signs of a phishing message" in page.text
    assert any("quiz_answer_tally" in statement for statement in statements)
    assert not any("quiz_attempt" in statement for statement in statements)
    with synced.app_context():
        signs = next(row for row in queries.wrong_answers("en") if row.question_id == "signs")
        assert (signs.attempts, signs.wrong) == (3, 3)


def test_wrong_answers_are_judged_against_the_quiz_as_published_now(synced):
    answer(synced, wrong=("signs",))
    item = quiz_id(synced)
    with synced.app_context():
        (key,) = [
            key
            for key in answer_tallies.stored()
            if key[1] == "signs"
            and answer_tallies.chosen(key[2]) is not None
            and key[2]
            != ",".join(
                map(str, next(q for q in questions(synced) if q["id"] == "signs")["correct"])
            )
        ]
        # A quiz corrected so that the answer given is now the right one: no recount needed.
        quiz = db.session.get(ContentItem, item)
        translation = next(t for t in quiz.translations if t.locale == "en")
        data = dict(translation.data)
        data["questions"] = [
            {
                **question,
                "options": [
                    {**option, "correct": index in answer_tallies.chosen(key[2])}
                    for index, option in enumerate(question["options"])
                ],
            }
            if question["id"] == "signs"
            else question
            for question in data["questions"]
        ]
        translation.data = data
        db.session.commit()
        signs = next(row for row in queries.wrong_answers("en") if row.question_id == "signs")
        assert (signs.attempts, signs.wrong) == (1, 0)


def test_verify_finds_drift_in_answer_tallies_and_rebuild_repairs_it(synced):
    answer(synced, wrong=("parcel-text",))
    answer(synced)
    runner = synced.test_cli_runner()
    assert runner.invoke(args=["stats", "verify"]).exit_code == 0
    with synced.app_context():
        db.session.execute(
            update(QuizAnswerTally)
            .where(QuizAnswerTally.question_id == "signs")
            .values(value=QuizAnswerTally.value + 5)
        )
        db.session.commit()
    drifted = runner.invoke(args=["stats", "verify"])
    assert drifted.exit_code != 0
    assert f"quiz_answers quiz:{quiz_id(synced)}:signs" in drifted.output
    assert "stored 7, recounted 2" in drifted.output
    assert runner.invoke(args=["stats", "rebuild"]).exit_code == 0
    assert runner.invoke(args=["stats", "verify"]).exit_code == 0
    with synced.app_context():
        db.session.execute(QuizAnswerTally.__table__.delete())  # lost altogether
        db.session.commit()
    assert runner.invoke(args=["stats", "verify"]).exit_code != 0
    assert runner.invoke(args=["stats", "rebuild"]).exit_code == 0
    assert sum(n for (_i, q, _a), n in tallied(synced).items() if q == "signs") == 2


def test_a_discount_takes_a_bursts_answers_away_and_a_restore_gives_them_back(synced):
    for _ in range(3):
        answer(synced, wrong=("parcel-text",), address=BOT)
    answer(synced)  # someone else, elsewhere
    before = tallied(synced)
    with synced.app_context():
        origin = db.session.scalar(select(Participant.origin).order_by(Participant.id))
        now = utcnow()
        criteria = bursts.Criteria(
            origin, now - dt.timedelta(minutes=5), now + dt.timedelta(minutes=5)
        )
        outcome = bursts.discount(criteria, reason="a script")
        assert outcome.participants == 3
        assert reconcile.drift() == []
    after = tallied(synced)
    assert sum(n for (_i, q, _a), n in after.items() if q == "parcel-text") == 1
    with synced.app_context():
        parcel = next(
            row for row in queries.wrong_answers("en") if row.question_id == "parcel-text"
        )
        assert (parcel.attempts, parcel.wrong) == (1, 0)
        assert bursts.restore(outcome.batch, reason="a school, not a script") == 3
        assert reconcile.drift() == []
    assert tallied(synced) == before


def test_migration_0010_fills_the_tallies_from_the_attempts(synced):
    answer(synced, wrong=("parcel-text", "signs"))
    answer(synced)
    path = PROJECT_ROOT / "migrations" / "versions" / "0010_quiz_answer_tallies.py"
    spec = importlib.util.spec_from_file_location("migration_0010", path)
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    with synced.app_context():
        filled = migration.recount(db.session.connection())
        assert filled == answer_tallies.stored() == answer_tallies.recount()
        assert migration.answer_key("[2, 0]") == answer_tallies.answer_key([0, 2]) == "0,2"
        assert migration.answer_key("not json") == answer_tallies.UNREADABLE
