"""Shared test helpers (moved out of test modules, which never import each other)."""

from collections import Counter

from sqlalchemy import select

from challenge.editions.models import EditionCheckIn
from challenge.editions.queries import editions
from challenge.editions.standing import completion
from challenge.extensions import db
from challenge.lessons.models import LessonCompletion
from challenge.participation import fold
from challenge.participation.models import DailyTally, Participant, Tally
from challenge.participation.tallies import POINTS
from challenge.pledges.models import PledgeTaken
from challenge.quizzes.models import QuizAttempt


def recount() -> dict[tuple[str, str], int]:
    """Every tally, from the rows; organisation scopes follow each participant's current membership."""
    counts: Counter = Counter()
    organisation_of: dict[int, int | None] = {}
    for participant_id, country, organisation_id in db.session.execute(
        select(Participant.id, Participant.country, Participant.organisation_id)
    ):
        organisation_of[participant_id] = organisation_id
        counts[("participants", "all")] += 1
        if country:
            counts[("participants", f"country:{country}")] += 1
        if organisation_id:
            counts[("participants", f"org:{organisation_id}")] += 1
    for model, metric, prefix, action in (
        (PledgeTaken, "pledges", "pledge", "pledge"),
        (LessonCompletion, "lessons", "lesson", "lesson"),
    ):
        for participant_id, item_id, country in db.session.execute(
            select(model.participant_id, model.item_id, model.country)
        ):
            org = organisation_of[participant_id]
            keys = [("all", None), (f"{prefix}:{item_id}", None)]
            if country:
                keys += [
                    (f"country:{country}", None),
                    (f"{prefix}:{item_id}:country:{country}", None),
                ]
            if org:
                keys += [(f"org:{org}", None), (f"org:{org}:{prefix}:{item_id}", None)]
            for scope, _ in keys:
                counts[(metric, scope)] += 1
            counts[("points", "all")] += POINTS[action]
            if country:
                counts[("points", f"country:{country}")] += POINTS[action]
            if org:
                counts[("points", f"org:{org}")] += POINTS[action]
    for attempt in db.session.scalars(select(QuizAttempt)):
        org = organisation_of[attempt.participant_id]
        scopes = ["all", f"quiz:{attempt.item_id}"]
        points_scopes = ["all"]
        if attempt.country:
            scopes += [
                f"country:{attempt.country}",
                f"quiz:{attempt.item_id}:country:{attempt.country}",
            ]
            points_scopes.append(f"country:{attempt.country}")
        if org:
            scopes += [f"org:{org}", f"org:{org}:quiz:{attempt.item_id}"]
            points_scopes.append(f"org:{org}")
        for scope in scopes:
            counts[("quiz_attempts", scope)] += 1
            counts[("quiz_attempts_passed", scope)] += int(attempt.passed)
            counts[("quiz_score_percent", scope)] += attempt.percent
            if attempt.first_pass:
                counts[("quiz_passes", scope)] += 1
        if attempt.first_pass:
            for scope in points_scopes:
                counts[("points", scope)] += POINTS["quiz_pass"]
    counts.update(edition_counts(organisation_of))
    return {key: value for key, value in counts.items() if value}


def edition_counts(organisation_of: dict[int, int | None]) -> Counter:
    """Edition participants and finishers, each in the country of their first check-in."""
    counts: Counter = Counter()
    entries = {entry.item_id: entry for entry in editions("en")}
    first: dict[tuple[int, int], EditionCheckIn] = {}
    for row in db.session.scalars(select(EditionCheckIn).order_by(EditionCheckIn.created_at)):
        first.setdefault((row.participant_id, row.item_id), row)
    for (participant_id, item_id), row in first.items():
        scopes = [f"edition:{item_id}"]
        if row.country:
            scopes.append(f"edition:{item_id}:country:{row.country}")
        if organisation_of[participant_id]:
            scopes.append(f"org:{organisation_of[participant_id]}:edition:{item_id}")
        finished = completion(db.session.get(Participant, participant_id), entries[item_id])
        for scope in scopes:
            counts[("edition_participants", scope)] += 1
            counts[("edition_completions", scope)] += int(finished is not None)
    return counts


def recount_daily() -> dict[tuple[str, str, object], int]:
    """Organisation scopes per day: members on the day they joined, everything else on its own day."""
    counts: Counter = Counter()
    organisation_of = {}
    for participant_id, organisation_id, joined_at in db.session.execute(
        select(Participant.id, Participant.organisation_id, Participant.joined_at)
    ):
        organisation_of[participant_id] = organisation_id
        if organisation_id:
            counts[("participants", f"org:{organisation_id}", joined_at.date())] += 1
    for model, metric, prefix in (
        (PledgeTaken, "pledges", "pledge"),
        (LessonCompletion, "lessons", "lesson"),
    ):
        for participant_id, item_id, created_at in db.session.execute(
            select(model.participant_id, model.item_id, model.created_at)
        ):
            org = organisation_of[participant_id]
            if org:
                for scope in (f"org:{org}", f"org:{org}:{prefix}:{item_id}"):
                    counts[(metric, scope, created_at.date())] += 1
    for attempt in db.session.scalars(select(QuizAttempt)):
        org = organisation_of[attempt.participant_id]
        if org:
            for scope in (f"org:{org}", f"org:{org}:quiz:{attempt.item_id}"):
                counts[("quiz_attempts", scope, attempt.created_at.date())] += 1
    return {key: value for key, value in counts.items() if value}


def fold_pending(app=None) -> int:
    """What the job worker does every second: fold the changes written behind (a pledge's counts,
    in tally_pending) into the tallies. In `app`'s context when given, else in the current one."""
    if app is None:
        return fold.fold()
    with app.app_context():
        return fold.fold()


def stored_daily(metrics=("participants", "pledges", "lessons", "quiz_attempts")) -> dict:
    """The organisation scopes' daily tallies, once the worker has folded what is pending."""
    fold.fold()
    return {
        (metric, scope, day): value
        for metric, scope, day, value in db.session.execute(
            select(DailyTally.metric, DailyTally.scope, DailyTally.day, DailyTally.value).where(
                DailyTally.scope.like("org:%"), DailyTally.metric.in_(metrics)
            )
        )
        if value
    }


def stored() -> dict[tuple[str, str], int]:
    """Every tally as the public reads it once the worker has folded what is pending."""
    fold.fold()
    return {
        (metric, scope): value
        for metric, scope, value in db.session.execute(
            select(Tally.metric, Tally.scope, Tally.value)
        )
        if value
    }
