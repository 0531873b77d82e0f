"""Reads for the quiz pages, the lesson pages' quiz links and the participant's own progress."""

from dataclasses import dataclass

from sqlalchemy import Integer, cast, func, select

from challenge.content.companions import Companion, companion
from challenge.content.queries import Shown, published_item, published_items
from challenge.extensions import db
from challenge.participation.models import Participant
from challenge.participation.registry import people_counter
from challenge.quizzes.models import QuizAttempt

KIND = "quiz"


@dataclass(frozen=True)
class QuizStatus:
    """One participant's record on one quiz."""

    attempts: int
    best_percent: int
    passed: bool


@people_counter(KIND)
def quiz_takers(organisation_id: int) -> int:
    """Members of the organisation who have attempted at least one quiz."""
    return db.session.scalar(
        select(func.count(func.distinct(QuizAttempt.participant_id)))
        .join(Participant, Participant.id == QuizAttempt.participant_id)
        .where(Participant.organisation_id == organisation_id)
    )


def quiz_list(locale: str) -> list[Shown]:
    return published_items(KIND, locale)


def quiz_page(slug: str, locale: str) -> Shown | None:
    return published_item(KIND, slug, locale)


def quizzes_by_lesson(locale: str) -> dict[str, Shown]:
    """Published quizzes keyed by the lesson they test (each quiz names its lesson)."""
    found: dict[str, Shown] = {}
    for quiz in quiz_list(locale):
        found.setdefault(quiz.item.data.get("lesson"), quiz)
    return found


def statuses(participant) -> dict[int, QuizStatus]:
    """Per quiz item id: attempts, best score and whether passed; one grouped query."""
    if participant is None:
        return {}
    rows = db.session.execute(
        select(
            QuizAttempt.item_id,
            func.count(),
            func.max(QuizAttempt.percent),
            func.max(cast(QuizAttempt.passed, Integer)),
        )
        .where(QuizAttempt.participant_id == participant.id)
        .group_by(QuizAttempt.item_id)
    )
    return {
        item_id: QuizStatus(attempts=count, best_percent=best, passed=bool(passed))
        for item_id, count, best, passed in rows
    }


def attempt_of(participant, attempt_id: int, item_id: int) -> QuizAttempt | None:
    """An attempt, only for the participant who made it."""
    if participant is None:
        return None
    return db.session.scalar(
        select(QuizAttempt).where(
            QuizAttempt.id == attempt_id,
            QuizAttempt.item_id == item_id,
            QuizAttempt.participant_id == participant.id,
        )
    )


def attempt_by_nonce(nonce: str) -> QuizAttempt | None:
    return db.session.scalar(select(QuizAttempt).where(QuizAttempt.nonce == nonce))


@companion("lesson", "quiz")
def lesson_quizzes(locale: str, participant) -> dict[str, Companion]:
    """Each lesson's quiz, with this participant's record of it: for the lesson pages."""
    records = statuses(participant)
    return {
        lesson: Companion(quiz, records.get(quiz.item.id))
        for lesson, quiz in quizzes_by_lesson(locale).items()
    }
