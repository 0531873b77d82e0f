"""Recording quiz attempts: every attempt is kept; the participant's first pass is counted."""

from collections import Counter
from collections.abc import Iterable

from sqlalchemy import Integer, cast, func, select
from sqlalchemy.exc import IntegrityError

from challenge.clock import utcnow
from challenge.content.models import ContentItem
from challenge.extensions import db
from challenge.participation import tallies
from challenge.participation.models import Participant
from challenge.participation.operations import participant_for_action
from challenge.participation.registry import (
    activity_check,
    activity_done,
    activity_rows,
    contribution,
    merger,
    recount,
)
from challenge.quizzes import answer_tallies
from challenge.quizzes.models import QuizAttempt
from challenge.quizzes.scoring import Score


class AlreadySubmitted(Exception):
    """This attempt's one-time id has been used: a replayed or double-clicked submission."""


def quiz_scope(item_id: int) -> str:
    return tallies.item_scope("quiz", item_id)


def attempt_changes(
    attempt: QuizAttempt, sign: int = 1, organisation_id: int | None = None
) -> dict[tuple[str, str], int]:
    """Tally deltas for one attempt: attempts, passes and score sums (averages are sum / count)."""
    changes: dict[tuple[str, str], int] = {}
    item_scope = quiz_scope(attempt.item_id)
    for scope in tallies.scopes_for(attempt.country, item_scope, organisation_id=organisation_id):
        changes[("quiz_attempts", scope)] = sign
        changes[("quiz_attempts_passed", scope)] = sign * int(attempt.passed)
        changes[("quiz_score_percent", scope)] = sign * attempt.percent
    if attempt.first_pass:
        changes.update(
            tallies.action_changes("quiz_pass", attempt.country, item_scope, sign, organisation_id)
        )
    return changes


def has_passed(participant_id: int, item_id: int) -> bool:
    return (
        db.session.scalar(
            select(QuizAttempt.id).where(
                QuizAttempt.participant_id == participant_id,
                QuizAttempt.item_id == item_id,
                QuizAttempt.first_pass.is_(True),
            )
        )
        is not None
    )


def record_attempt(
    item: ContentItem,
    *,
    nonce: str,
    answers: dict[str, list[int]],
    result: Score,
    country: str | None,
    locale: str,
    retry: bool = True,
) -> QuizAttempt:
    """Save and count one scored attempt; raises AlreadySubmitted if its id was used before."""
    if _nonce_used(nonce):
        raise AlreadySubmitted(nonce)
    participant = participant_for_action(country, locale)
    attempt = QuizAttempt(
        participant_id=participant.id,
        item_id=item.id,
        nonce=nonce,
        country=participant.country,
        locale=locale,
        answers=answers,
        score=result.score,
        max_score=result.max_score,
        percent=result.percent,
        passed=result.passed,
        first_pass=result.passed and not has_passed(participant.id, item.id),
        created_at=utcnow(),
    )
    try:  # the attempt's row is written first, so a concurrent twin's conflict surfaces here
        db.session.add(attempt)
        db.session.flush()
        tallies.bump(
            attempt_changes(attempt, organisation_id=participant.organisation_id),
            attempt.created_at.date(),
        )
        answer_tallies.bump(answer_tallies.changes(item.id, answers))  # the wrong answers
        # Every attempt, with its score: an edition may ask for more, or less, than the pass mark.
        activity_done("quiz", item.slug, participant, score=attempt.percent)
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        if retry and not _nonce_used(nonce):
            # Another attempt of this participant's passed at the same moment and took the first pass.
            return record_attempt(
                item,
                nonce=nonce,
                answers=answers,
                result=result,
                country=country,
                locale=locale,
                retry=False,
            )
        raise AlreadySubmitted(nonce) from None  # the same form sent twice at once
    return attempt


def _nonce_used(nonce: str) -> bool:
    return db.session.scalar(select(QuizAttempt.id).where(QuizAttempt.nonce == nonce)) is not None


@merger
def merge_attempts(anonymous: Participant, into: Participant) -> None:
    """Move every attempt; where both passed a quiz, only the earlier first pass stays counted."""
    attempts = db.session.scalars(
        select(QuizAttempt)
        .where(QuizAttempt.participant_id.in_([anonymous.id, into.id]))
        .order_by(QuizAttempt.created_at, QuizAttempt.id)
    ).all()
    organisations = {anonymous.id: anonymous.organisation_id, into.id: into.organisation_id}
    passed: set[int] = set()
    for attempt in attempts:
        if attempt.first_pass and attempt.item_id in passed:
            tallies.bump(
                tallies.action_changes(
                    "quiz_pass",
                    attempt.country,
                    quiz_scope(attempt.item_id),
                    sign=-1,
                    organisation_id=organisations[attempt.participant_id],
                ),
                attempt.created_at.date(),
            )
            attempt.first_pass = False
        elif attempt.first_pass:
            passed.add(attempt.item_id)
    db.session.flush()  # clear the second passes before moving rows, or the unique index objects
    for attempt in attempts:
        attempt.participant_id = into.id
    db.session.flush()


@contribution
def attempt_contributions(participant: Participant, organisation_id: int) -> list:
    attempts = db.session.scalars(
        select(QuizAttempt).where(QuizAttempt.participant_id == participant.id)
    )
    return [
        (attempt_changes(attempt, organisation_id=organisation_id), attempt.created_at.date())
        for attempt in attempts
    ]


@recount
def recount_attempts(counted) -> Iterable[tuple[dict, object]]:
    """The attempts' tallies from the rows: every attempt, those passed, their scores and first
    passes (which count as the "quiz_pass" action once per participant)."""
    attempts = (
        select(
            QuizAttempt.item_id,
            QuizAttempt.country,
            Participant.organisation_id,
            func.date(QuizAttempt.created_at),
            func.count(),
            func.sum(cast(QuizAttempt.passed, Integer)),
            func.sum(QuizAttempt.percent),
            func.sum(cast(QuizAttempt.first_pass, Integer)),
        )
        .join(Participant, Participant.id == QuizAttempt.participant_id)
        .where(counted)
        .group_by(
            QuizAttempt.item_id,
            QuizAttempt.country,
            Participant.organisation_id,
            func.date(QuizAttempt.created_at),
        )
    )
    for item_id, country, org, day, n, passed, percent, first in db.session.execute(attempts):
        scopes = tallies.scopes_for(country, quiz_scope(item_id), organisation_id=org)
        changes: Counter = Counter()
        for scope in scopes:
            changes[("quiz_attempts", scope)] += n
            changes[("quiz_attempts_passed", scope)] += int(passed or 0)
            changes[("quiz_score_percent", scope)] += int(percent or 0)
        changes.update(
            tallies.action_changes(
                "quiz_pass", country, quiz_scope(item_id), sign=int(first or 0), organisation_id=org
            )
        )
        yield changes, day


@activity_check("quiz")
def has_passed_with(participant: Participant, slug: str, min_score: int | None = None) -> bool:
    """Whether an attempt passed the quiz, with at least `min_score` percent when given."""
    enough = QuizAttempt.passed.is_(True) if min_score is None else QuizAttempt.percent >= min_score
    return (
        db.session.scalar(
            select(QuizAttempt.id)
            .join(ContentItem, ContentItem.id == QuizAttempt.item_id)
            .where(
                QuizAttempt.participant_id == participant.id,
                ContentItem.kind == "quiz",
                ContentItem.slug == slug,
                enough,
            )
            .limit(1)
        )
        is not None
    )


activity_rows("quizzes", QuizAttempt)  # a school class's totals count them
