"""Reading a submitted quiz form strictly, and scoring it: all on the server, never trusting the client.

Each option's form value is "<question id>.<option index>", the index in the source's order, so
the page reveals nothing about which options are right, and an option moved to another question
is caught.
"""

import random
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from challenge.content.markdown import localise

FIELD_PREFIX = "q-"


class Tampered(ValueError):
    """A submission no honest form could send; the message is shown to the visitor."""


@dataclass(frozen=True)
class Option:
    value: str
    index: int
    html: Markup
    feedback: Markup
    correct: bool


@dataclass(frozen=True)
class Question:
    id: str
    number: int
    title: Markup
    prompt: Markup
    options: tuple[Option, ...]  # in the order shown for this attempt
    multiple: bool
    explanation: Markup

    @property
    def field_name(self) -> str:
        return FIELD_PREFIX + self.id

    @property
    def correct(self) -> frozenset[int]:
        return frozenset(option.index for option in self.options if option.correct)


def questions_of(data: dict, locale: str, *, shuffle_seed: str | None = None) -> list[Question]:
    """The quiz's questions for display, options shuffled per attempt when a seed is given."""
    questions = []
    for number, raw in enumerate(data["questions"], start=1):
        options = [
            Option(
                value=f"{raw['id']}.{index}",
                index=index,
                html=localise(option["html"], locale),
                feedback=localise(option["feedback"], locale),
                correct=option["correct"],
            )
            for index, option in enumerate(raw["options"])
        ]
        if shuffle_seed is not None:
            # Order only, not a secret: the same attempt always shows the same order.
            random.Random(f"{shuffle_seed}:{raw['id']}").shuffle(options)  # noqa: S311
        questions.append(
            Question(
                id=raw["id"],
                number=number,
                title=localise(raw["title"], locale),
                prompt=localise(raw["prompt"], locale),
                options=tuple(options),
                multiple=raw["multiple"],
                explanation=localise(raw["explanation"], locale),
            )
        )
    return questions


def read_answers(questions: list[Question], form) -> tuple[dict[str, list[int]], list[Question]]:
    """The chosen option indexes per question, and the questions left unanswered.

    Raises Tampered for anything an honest form cannot send.
    """
    by_name = {question.field_name: question for question in questions}
    for name in form:
        if name.startswith(FIELD_PREFIX) and name not in by_name:
            raise Tampered(_l("The answers name a question that is not in this quiz."))
    answers, missing = {}, []
    for question in questions:
        values = form.getlist(question.field_name)
        if not values:
            missing.append(question)
            continue
        if len(set(values)) != len(values):
            raise Tampered(_l("The same answer was sent twice for one question."))
        if not question.multiple and len(values) > 1:
            raise Tampered(_l("A question that takes one answer was sent several."))
        valid = {option.value: option.index for option in question.options}
        if any(value not in valid for value in values):
            raise Tampered(_l("An answer does not belong to its question."))
        answers[question.id] = sorted(valid[value] for value in values)
    return answers, missing


@dataclass(frozen=True)
class Score:
    score: int
    max_score: int
    percent: int
    passed: bool


def score(questions: list[Question], answers: dict[str, list[int]], pass_mark: int) -> Score:
    """A question scores only when exactly its correct options are chosen, no more and no fewer."""
    right = sum(
        1 for question in questions if frozenset(answers.get(question.id, ())) == question.correct
    )
    total = len(questions)
    percent = round(100 * right / total) if total else 0
    passed = total > 0 and right * 100 >= pass_mark * total  # exact: 69.5% does not pass a 70% mark
    return Score(score=right, max_score=total, percent=percent, passed=passed)
