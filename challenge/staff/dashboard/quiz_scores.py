"""Each quiz's questions with the share of answers that were right, from the answer tallies
(challenge/quizzes/answer_tallies.py, kept from the stored attempts at write time): totals only,
and no share for a question answered fewer than PRIVACY_MIN_GROUP times."""

from collections import defaultdict
from dataclasses import dataclass

from flask import current_app
from markupsafe import Markup

from challenge.content.queries import Shown, published_items
from challenge.quizzes.answer_tallies import chosen
from challenge.quizzes.scoring import questions_of
from challenge.staff.dashboard.queries import answer_counts


@dataclass(frozen=True)
class QuestionScore:
    number: int
    question_id: str
    title: Markup
    attempts: int
    right: int
    shown: bool  # answered by at least PRIVACY_MIN_GROUP: the share may be shown

    @property
    def percent_right(self) -> float | None:
        if not self.shown or not self.attempts:
            return None
        return 100 * self.right / self.attempts


@dataclass(frozen=True)
class QuizScores:
    quiz: Shown
    questions: list[QuestionScore]


def quiz_scores(locale: str) -> list[QuizScores]:
    """Every published quiz, in order, with each question's answers and right answers (exactly
    the right options, as the quiz scores them now); the loop runs over distinct answers."""
    minimum = int(current_app.config["PRIVACY_MIN_GROUP"])
    quizzes = published_items("quiz", locale)
    attempts: dict[tuple[int, str], int] = defaultdict(int)
    right: dict[tuple[int, str], int] = defaultdict(int)
    correct = {
        quiz.item.id: {
            raw["id"]: frozenset(i for i, o in enumerate(raw["options"]) if o["correct"])
            for raw in quiz.data["questions"]
        }
        for quiz in quizzes
    }
    for item_id, question_id, answer, count in answer_counts():
        expected = correct.get(item_id, {}).get(question_id)
        if expected is None:  # an archived quiz, or a question since removed
            continue
        attempts[(item_id, question_id)] += count
        if chosen(answer) == expected:
            right[(item_id, question_id)] += count
    return [
        QuizScores(
            quiz=quiz,
            questions=[
                QuestionScore(
                    number=question.number,
                    question_id=question.id,
                    title=question.title,
                    attempts=attempts[(quiz.item.id, question.id)],
                    right=right[(quiz.item.id, question.id)],
                    shown=attempts[(quiz.item.id, question.id)] >= minimum,
                )
                for question in questions_of(quiz.data, locale)
            ],
        )
        for quiz in quizzes
    ]
