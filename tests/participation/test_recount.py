"""Helpers to recount tallies from the raw rows (the same check `stats verify` will make)."""

from collections import Counter

from sqlalchemy import select

from challenge.extensions import db
from challenge.lessons.models import LessonCompletion
from challenge.participation.models import Participant, Tally
from challenge.participation.tallies import POINTS
from challenge.pledges.models import PledgeTaken
from challenge.quizzes.models import QuizAttempt


def recount() -> dict[tuple[str, str], int]:
    counts: Counter = Counter()
    for (country,) in db.session.execute(select(Participant.country)):
        counts[("participants", "all")] += 1
        if country:
            counts[("participants", f"country:{country}")] += 1
    for model, metric, prefix, action in (
        (PledgeTaken, "pledges", "pledge", "pledge"),
        (LessonCompletion, "lessons", "lesson", "lesson"),
    ):
        for item_id, country in db.session.execute(select(model.item_id, model.country)):
            keys = [("all", None), (f"{prefix}:{item_id}", None)]
            if country:
                keys += [
                    (f"country:{country}", None),
                    (f"{prefix}:{item_id}:country:{country}", None),
                ]
            for scope, _ in keys:
                counts[(metric, scope)] += 1
            counts[("points", "all")] += POINTS[action]
            if country:
                counts[("points", f"country:{country}")] += POINTS[action]
    for attempt in db.session.scalars(select(QuizAttempt)):
        scopes = ["all", f"quiz:{attempt.item_id}"]
        if attempt.country:
            scopes += [
                f"country:{attempt.country}",
                f"quiz:{attempt.item_id}:country:{attempt.country}",
            ]
        for scope in scopes:
            counts[("quiz_attempts", scope)] += 1
            counts[("quiz_attempts_passed", scope)] += int(attempt.passed)
            counts[("quiz_score_percent", scope)] += attempt.percent
            if attempt.first_pass:
                counts[("quiz_passes", scope)] += 1
        if attempt.first_pass:
            for scope in scopes[:1] + scopes[2:3]:
                counts[("points", scope)] += POINTS["quiz_pass"]
    return {key: value for key, value in counts.items() if value}


def stored() -> dict[tuple[str, str], int]:
    return {
        (metric, scope): value
        for metric, scope, value in db.session.execute(
            select(Tally.metric, Tally.scope, Tally.value)
        )
        if value
    }


def test_recount_of_nothing_is_nothing(app):
    with app.app_context():
        assert recount() == stored() == {}
