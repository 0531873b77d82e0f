"""A participant's own progress, in the page's language, and the one step to take next."""

from dataclasses import dataclass, field

from sqlalchemy import select

from challenge.certificates.models import Certificate
from challenge.content.queries import Shown, published_item
from challenge.editions.queries import listing
from challenge.editions.standing import Progress as EditionProgress
from challenge.editions.standing import participant_editions, progress
from challenge.extensions import db
from challenge.lessons.queries import completed_ids, lesson_list
from challenge.participation.models import Participant
from challenge.participation.tallies import POINTS
from challenge.pledges.models import PledgeTaken
from challenge.pledges.queries import pledge_list, pledges_of
from challenge.quizzes.queries import QuizStatus, quiz_list, statuses


@dataclass(frozen=True)
class NextStep:
    """What to do next: `kind` says which (the template words it), `item` the content to open,
    `standing` the edition's progress when the step is its action of the day."""

    kind: str  # "edition", "retry-quiz", "lesson", "quiz", "pledge" or "done"
    item: Shown | None = None
    standing: EditionProgress | None = None
    action_item: Shown | None = None


@dataclass
class Progress:
    participant: Participant | None
    pledges: list[tuple[Shown, PledgeTaken]] = field(default_factory=list)
    lessons_done: list[Shown] = field(default_factory=list)
    lessons_total: int = 0
    quizzes: list[tuple[Shown, QuizStatus]] = field(default_factory=list)
    quizzes_total: int = 0
    editions: list[EditionProgress] = field(default_factory=list)
    certificates: list[Certificate] = field(default_factory=list)
    next_step: NextStep = field(default_factory=lambda: NextStep("done"))

    @property
    def points(self) -> int:
        """Points by the campaign's one scheme (tallies.POINTS); editions count their own."""
        return (
            POINTS["pledge"] * len(self.pledges)
            + POINTS["lesson"] * len(self.lessons_done)
            + POINTS["quiz_pass"] * self.quizzes_passed
        )

    @property
    def quizzes_passed(self) -> int:
        return sum(1 for _quiz, status in self.quizzes if status.passed)


def certificates_of(participant: Participant | None) -> list[Certificate]:
    if participant is None:
        return []
    return list(
        db.session.scalars(
            select(Certificate)
            .where(Certificate.participant_id == participant.id, Certificate.revoked_at.is_(None))
            .order_by(Certificate.issued_at, Certificate.id)
        )
    )


def running_editions(participant: Participant | None, locale: str) -> list[EditionProgress]:
    """The participant's editions; for a visitor yet to act, the ones running in their window."""
    if participant is not None:
        return participant_editions(participant, locale)
    return [progress(None, entry) for entry, _window in listing(locale, None).current]


def next_step(found: Progress, locale: str) -> NextStep:
    """One step, in the order that moves a participant on most: today's edition action, a quiz
    not passed yet, the next lesson, a quiz not taken, a pledge not taken."""
    for standing in found.editions:
        action = standing.next_action() if standing.is_running else None
        if action is not None:
            item = None if action.is_task else published_item(action.kind, action.ref, locale)
            return NextStep("edition", standing=standing, action_item=item)
    for quiz, status in found.quizzes:
        if not status.passed:
            return NextStep("retry-quiz", item=quiz)
    read = {lesson.item.id for lesson in found.lessons_done}
    for lesson in lesson_list(locale):
        if lesson.item.id not in read:
            return NextStep("lesson", item=lesson)
    taken_quizzes = {quiz.item.id for quiz, _status in found.quizzes}
    for quiz in quiz_list(locale):
        if quiz.item.id not in taken_quizzes:
            return NextStep("quiz", item=quiz)
    taken_pledges = {pledge.item.id for pledge, _taken in found.pledges}
    for summary in pledge_list(locale):
        if summary.pledge.item.id not in taken_pledges:
            return NextStep("pledge", item=summary.pledge)
    return NextStep("done")


def participant_progress(participant: Participant | None, locale: str) -> Progress:
    lessons = lesson_list(locale)
    done = completed_ids(participant)
    quizzes = quiz_list(locale)
    records = statuses(participant)
    found = Progress(
        participant=participant,
        pledges=pledges_of(participant, locale),
        lessons_done=[lesson for lesson in lessons if lesson.item.id in done],
        lessons_total=len(lessons),
        quizzes=[(quiz, records[quiz.item.id]) for quiz in quizzes if quiz.item.id in records],
        quizzes_total=len(quizzes),
        editions=running_editions(participant, locale),
        certificates=certificates_of(participant),
    )
    found.next_step = next_step(found, locale)
    return found
