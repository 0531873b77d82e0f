"""A participant's own progress, in the page's language."""

from dataclasses import dataclass, field

from challenge.content.queries import Shown
from challenge.editions.standing import Progress as EditionProgress
from challenge.editions.standing import participant_editions
from challenge.lessons.queries import completed_ids, lesson_list
from challenge.participation.models import Participant
from challenge.pledges.models import PledgeTaken
from challenge.pledges.queries import pledges_of
from challenge.quizzes.queries import QuizStatus, quiz_list, statuses


@dataclass
class Progress:
    participant: Participant | None
    pledges: list[tuple[Shown, PledgeTaken]] = field(default_factory=list)
    lessons_done: list[Shown] = field(default_factory=list)
    lessons_total: int = 0
    quizzes: list[tuple[Shown, QuizStatus]] = field(default_factory=list)
    quizzes_total: int = 0
    editions: list[EditionProgress] = field(default_factory=list)


def participant_progress(participant: Participant | None, locale: str) -> Progress:
    lessons = lesson_list(locale)
    done = completed_ids(participant)
    quizzes = quiz_list(locale)
    records = statuses(participant)
    return Progress(
        participant=participant,
        pledges=pledges_of(participant, locale),
        lessons_done=[lesson for lesson in lessons if lesson.item.id in done],
        lessons_total=len(lessons),
        quizzes=[(quiz, records[quiz.item.id]) for quiz in quizzes if quiz.item.id in records],
        quizzes_total=len(quizzes),
        editions=participant_editions(participant, locale),
    )
