"""Server-side scoring and strict reading of answers, without a request."""

import pytest
from werkzeug.datastructures import MultiDict

from challenge.quizzes.scoring import Tampered, questions_of, read_answers, score

DATA = {
    "questions": [
        {
            "id": "one",
            "title": "One",
            "prompt": "<p>Pick one.</p>",
            "options": [
                {"html": "A", "feedback": "", "correct": False},
                {"html": "B", "feedback": "", "correct": True},
                {"html": "C", "feedback": "", "correct": False},
            ],
            "correct": [1],
            "multiple": False,
            "explanation": "<p>B.</p>",
        },
        {
            "id": "many",
            "title": "Many",
            "prompt": "<p>Pick all.</p>",
            "options": [
                {"html": "A", "feedback": "", "correct": True},
                {"html": "B", "feedback": "", "correct": True},
                {"html": "C", "feedback": "", "correct": False},
            ],
            "correct": [0, 1],
            "multiple": True,
            "explanation": "<p>A and B.</p>",
        },
    ]
}


def form(*pairs):
    return read_answers(questions_of(DATA, "en"), MultiDict(pairs))


@pytest.mark.parametrize(
    ("one", "many", "expected_score"),
    [
        (["one.1"], ["many.0", "many.1"], 2),
        (["one.0"], ["many.0", "many.1"], 1),
        (["one.1"], ["many.0"], 1),  # a subset of the right options is wrong
        (["one.1"], ["many.0", "many.1", "many.2"], 1),  # so is a superset
        (["one.2"], ["many.2"], 0),
    ],
)
def test_scoring_single_and_multiple_choice(one, many, expected_score):
    pairs = [("q-one", value) for value in one] + [("q-many", value) for value in many]
    answers, missing = form(*pairs)
    assert missing == []
    result = score(questions_of(DATA, "en"), answers, pass_mark=70)
    assert result.score == expected_score and result.max_score == 2
    assert result.percent == expected_score * 50
    assert result.passed is (expected_score == 2)


def test_the_pass_mark_is_exact():
    questions = questions_of(DATA, "en")
    half = {"one": [1], "many": [2]}
    assert score(questions, half, pass_mark=50).passed
    assert not score(questions, half, pass_mark=51).passed


def test_unanswered_questions_are_reported_not_refused():
    answers, missing = form(("q-one", "one.1"))
    assert answers == {"one": [1]} and [question.id for question in missing] == ["many"]


@pytest.mark.parametrize(
    "pairs",
    [
        [("q-nope", "nope.0")],  # an unknown question
        [("q-one", "one.7")],  # an unknown option
        [("q-one", "one.x")],  # not an option at all
        [("q-one", "many.0")],  # an option from another question
        [("q-many", "many.0"), ("q-many", "many.0")],  # the same answer twice
        [("q-one", "one.0"), ("q-one", "one.1")],  # two answers to a single-choice question
    ],
)
def test_tampered_answers_are_refused(pairs):
    with pytest.raises(Tampered):
        form(*pairs)


def test_shuffling_is_stable_per_attempt_and_varies_between_attempts():
    def order(seed):
        return [
            [option.index for option in question.options]
            for question in questions_of(DATA, "en", shuffle_seed=seed)
        ]

    assert order("attempt-1") == order("attempt-1")
    orders = {str(order(f"attempt-{n}")) for n in range(20)}
    assert len(orders) > 1
    assert order(None) == [[0, 1, 2], [0, 1, 2]]
