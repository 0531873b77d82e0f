"""Quiz pages: one form, scored on the server, attempts recorded and counted once."""

import re

import pytest
from sqlalchemy import func, select

from challenge.extensions import db
from challenge.participation import tallies
from challenge.quizzes.models import QuizAttempt
from tests.support.quizzes import SLUG, URL, answer_sheet, open_form, questions, send
from tests.support.tallies import recount, stored


def attempts(app):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(QuizAttempt))


def quiz_passes(app):
    with app.app_context():
        return tallies.read_one("quiz_passes")


def test_the_quiz_page_asks_every_question_and_reveals_no_answer(synced):
    page = synced.test_client().get(URL)
    assert page.status_code == 200
    for question in questions(synced):
        assert f'name="q-{question["id"]}"' in page.text
        assert question["explanation"] not in page.text
        for option in question["options"]:
            if option["feedback"]:
                assert option["feedback"] not in page.text
    assert "correct" not in page.text.lower()
    assert 'type="checkbox"' in page.text  # a multiple-choice question
    assert 'type="radio"' in page.text


def test_a_passing_attempt_is_scored_recorded_and_counted(synced):
    client = synced.test_client()
    response = send(client, answer_sheet(synced))
    assert response.status_code == 302
    result = client.get(response.headers["Location"])
    total = len(questions(synced))
    assert f"{total} out of {total} correct (100%)" in result.text
    assert "You passed" in result.text
    assert questions(synced)[0]["explanation"] in result.text
    assert 'href="/en/lessons/spotting-phishing"' in result.text
    assert f'href="{URL}"' in result.text  # the retake
    with synced.app_context():
        attempt = db.session.scalar(select(QuizAttempt))
        assert (attempt.passed, attempt.first_pass, attempt.country, attempt.locale) == (
            True,
            True,
            "JP",
            "en",
        )
        assert tallies.read_one("points", "country:JP") == tallies.POINTS["quiz_pass"]
        assert recount() == stored()


def test_a_wrong_answer_shows_why_then_a_retake_passes_and_counts_once(synced):
    client = synced.test_client()
    first = questions(synced)[0]
    wrong = [question["id"] for question in questions(synced)[:3]]
    failed = client.get(send(client, answer_sheet(synced, wrong=wrong)).headers["Location"])
    assert (
        "Not passed this time" in failed.text
        and "Not quite" in failed.text
        and first["explanation"] in failed.text
    )
    wrong_feedback = next(o["feedback"] for o in first["options"] if not o["correct"])
    if wrong_feedback:
        assert wrong_feedback in failed.text
    assert quiz_passes(synced) == 0
    send(client, answer_sheet(synced), country=None)
    send(client, answer_sheet(synced), country=None)
    assert attempts(synced) == 3 and quiz_passes(synced) == 1
    with synced.app_context():
        assert tallies.read_one("quiz_attempts") == 3
        assert recount() == stored()
    listing = client.get("/en/quizzes/").text
    assert "Passed" in listing and "best score 100%" in listing
    progress = client.get("/en/me").text
    assert "Phishing and scams quiz" in progress and "100%" in progress


def test_unanswered_questions_bring_the_form_back_with_answers_kept(synced):
    client = synced.test_client()
    first, second = questions(synced)[:2]
    form = open_form(client)
    response = send(client, answer_sheet(synced, skip=[second["id"]]), form=form)
    assert response.status_code == 400
    assert "There is a problem" in response.text and "Answer question 2." in response.text
    chosen = first["correct"][0]
    assert re.search(rf'id="q-{first["id"]}-{chosen}" value="[^"]+" checked', response.text)
    assert attempts(synced) == 0
    # The same attempt can then be completed.
    assert send(client, answer_sheet(synced), form=form).status_code == 302
    assert attempts(synced) == 1


@pytest.mark.parametrize(
    "tamper",
    [
        lambda pairs: [*pairs, ("q-made-up", "made-up.0")],
        lambda pairs: [(name, value.split(".")[0] + ".99") for name, value in pairs],
        lambda pairs: [(pairs[0][0], pairs[-1][1]), *pairs[1:]],  # another question's option
        lambda pairs: [*pairs, pairs[0]],  # a duplicated answer
    ],
    ids=["unknown question", "unknown option", "option from another question", "duplicate"],
)
def test_tampered_submissions_are_refused_and_not_counted(synced, tamper):
    client = synced.test_client()
    response = send(client, tamper(answer_sheet(synced)))
    assert response.status_code == 400
    assert "Your answers could not be accepted" in response.text
    assert attempts(synced) == 0 and quiz_passes(synced) == 0


def test_a_replayed_submission_is_refused(synced):
    client = synced.test_client()
    form = open_form(client)
    assert send(client, answer_sheet(synced), form=form).status_code == 302
    replay = send(client, answer_sheet(synced), form=form)
    assert replay.status_code == 409 and "already been marked" in replay.text
    assert "See your result" in replay.text
    assert attempts(synced) == 1 and quiz_passes(synced) == 1


def test_a_foreign_attempt_is_refused_and_the_answers_kept(synced):
    owner, stranger = synced.test_client(), synced.test_client()
    _page, fixed = open_form(owner)
    own_page, _own_fixed = open_form(stranger)  # the stranger has an attempt of their own
    response = send(stranger, answer_sheet(synced), form=(own_page, fixed))  # but sends the owner's
    assert response.status_code == 400 and "expired or was opened elsewhere" in response.text
    assert attempts(synced) == 0
    assert " checked" in response.text


def test_results_are_only_for_the_participant_who_took_the_quiz(synced):
    client = synced.test_client()
    location = send(client, answer_sheet(synced)).headers["Location"]
    assert synced.test_client().get(location).status_code == 404
    assert client.get(location.replace(SLUG, "backups")).status_code == 404


def test_a_missing_country_is_asked_for_and_nothing_is_saved(synced):
    client = synced.test_client()
    response = send(client, answer_sheet(synced), country="XX")
    assert response.status_code == 400 and "Choose your country from the list." in response.text
    assert attempts(synced) == 0


@pytest.mark.parametrize(
    ("locale", "passed", "explanation_word"),
    [("hi", "आप पास हो गए", "फ़िशिंग"), ("ja", "合格です", "フィッシング")],
)
def test_result_pages_speak_the_readers_language(synced, locale, passed, explanation_word):
    client = synced.test_client()
    url = f"/{locale}/quizzes/{SLUG}"
    result = client.get(send(client, answer_sheet(synced), url=url).headers["Location"])
    assert f'<html lang="{locale}"' in result.text
    assert passed in result.text and explanation_word in result.text
    for english in ("You passed", "Your answer", "The right answer", "Take the quiz again"):
        assert english not in result.text


def test_a_lesson_links_its_quiz_and_shows_the_status(synced):
    client = synced.test_client()
    lesson = client.get("/en/lessons/spotting-phishing").text
    assert f'href="{URL}"' in lesson and "Not taken" in lesson
    send(client, answer_sheet(synced))
    assert "Passed" in client.get("/en/lessons/spotting-phishing").text
    assert "Passed" in client.get("/en/lessons/").text


def test_an_unknown_quiz_is_a_404(synced):
    assert synced.test_client().get("/en/quizzes/no-such-quiz").status_code == 404


def test_logging_in_keeps_one_first_pass_per_quiz(synced):
    from tests.support.visitors import log_in, sign_up

    phone = synced.test_client()
    sign_up(phone)
    send(phone, answer_sheet(synced))
    laptop = synced.test_client()
    send(laptop, answer_sheet(synced))
    send(laptop, answer_sheet(synced, wrong=["parcel-text"]), country=None)
    assert quiz_passes(synced) == 2
    log_in(laptop)
    assert quiz_passes(synced) == 1
    with synced.app_context():
        assert tallies.read_one("quiz_attempts") == 3
        assert recount() == stored()
    assert "3" in laptop.get("/en/me").text
    exported = laptop.get("/en/account/export").get_json()
    assert len(exported["participation"]["quiz_attempts"]) == 3
    assert exported["participation"]["quiz_attempts"][0]["slug"] == SLUG
