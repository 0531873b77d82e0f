"""Abuse resistance (issue 8, part 7): the honeypot on every public form, rate limits per
participant beside those per address, and one pledge per participant whatever is replayed."""

import re

import pytest
from sqlalchemy import func, select
from werkzeug.datastructures import MultiDict

from challenge.accounts.models import Account
from challenge.extensions import db
from challenge.honeypot import FIELD_NAME
from challenge.lessons.models import LessonCompletion
from challenge.participation import tallies
from challenge.participation.models import Participant
from challenge.pledges.models import PledgeTaken
from challenge.quizzes.models import QuizAttempt
from tests.factories import form_token, submit
from tests.support.accounts import ADULT
from tests.support.quizzes import answer_sheet, open_form
from tests.support.tallies import fold_pending

PLEDGE = "/en/pledges/turn-on-mfa"
LESSON = "/en/lessons/spotting-phishing"
QUIZ = "/en/quizzes/spotting-phishing"
BOT_TEXT = "https://spam.example"


def rows(app) -> dict[str, int]:
    with app.app_context():
        return {
            model.__tablename__: db.session.scalar(select(func.count()).select_from(model))
            for model in (Participant, PledgeTaken, LessonCompletion, QuizAttempt, Account)
        }


NOTHING = {
    "participant": 0,
    "pledge_taken": 0,
    "lesson_completion": 0,
    "quiz_attempt": 0,
    "account": 0,
}


def honeypot_markup(html: str) -> str:
    match = re.search(
        rf'<div class="visually-hidden">\s*<label for="{FIELD_NAME}">([^<]*)</label>\s*(<input[^>]*>)',
        html,
    )
    assert match, "no honeypot on the page"
    return match.group(1), match.group(2)


@pytest.mark.parametrize("page", [PLEDGE, LESSON, QUIZ, "/en/account/signup"])
def test_the_honeypot_is_hidden_unfocusable_and_labelled(synced, page):
    label, field = honeypot_markup(synced.test_client().get(page).text)
    assert label == "Leave this empty"
    assert 'autocomplete="off"' in field and 'tabindex="-1"' in field
    assert 'value=""' in field and "aria-hidden" not in field and "style=" not in field


def test_a_filled_honeypot_refuses_a_pledge(synced):
    client = synced.test_client()
    response = submit(client, PLEDGE, {"country": "IN", FIELD_NAME: BOT_TEXT})
    assert response.status_code == 400
    assert "looked automated" in response.text
    assert BOT_TEXT not in response.text  # not echoed back: a person can just resend
    assert 'value="IN" selected' in response.text or 'selected value="IN"' in response.text
    assert rows(synced) == NOTHING
    with synced.app_context():
        assert tallies.read_one("pledges") == 0
    assert submit(client, PLEDGE, {"country": "IN", FIELD_NAME: ""}).status_code == 302


def test_a_filled_honeypot_refuses_a_lesson_read(synced):
    client = synced.test_client()
    response = submit(client, f"{LESSON}/done", {"country": "JP", FIELD_NAME: "x"}, page=LESSON)
    assert response.status_code == 400 and "looked automated" in response.text
    assert rows(synced) == NOTHING


def test_a_filled_honeypot_refuses_a_quiz_and_keeps_the_answers(synced):
    client = synced.test_client()
    _page, fixed = open_form(client, QUIZ)
    sheet = answer_sheet(synced)
    response = client.post(
        QUIZ, data=MultiDict([*fixed, ("country", "JP"), (FIELD_NAME, "x"), *sheet])
    )
    assert response.status_code == 400 and "looked automated" in response.text
    assert response.text.count(" checked>") == len(sheet)  # the answers are kept
    assert rows(synced) == NOTHING


def test_a_filled_honeypot_refuses_a_sign_up(synced):
    response = submit(
        synced.test_client(),
        "/en/account/signup",
        {
            "email": "bot@example.org",
            "password": "correct horse battery staple",
            FIELD_NAME: "x",
            **ADULT,
        },
    )
    assert response.status_code == 400 and "looked automated" in response.text
    assert rows(synced) == NOTHING


def post(client, url, data, address):
    """POST from `address`, with a CSRF token read from the page."""
    client.environ_base["REMOTE_ADDR"] = address
    token = form_token(client.get(url.removesuffix("/done")).text)
    return client.post(url, data={**token, **data})


@pytest.fixture
def limited(make_app, real_content_tree):
    from challenge.content.operations import sync_tree

    app = make_app(RATE_LIMIT_PARTICIPANT="3 per day")
    with app.app_context():
        sync_tree(real_content_tree, "en")
    return app


def test_participation_is_limited_per_participant_across_addresses(limited):
    client = limited.test_client()
    # The first action has no participant yet: only the limit per address applies.
    assert post(client, PLEDGE, {"country": "IN"}, "198.51.100.1").status_code == 302
    statuses = [
        post(client, "/en/pledges/install-updates", {"country": "IN"}, "198.51.100.2").status_code,
        post(client, f"{LESSON}/done", {}, "198.51.100.3").status_code,
        post(client, "/en/lessons/backups/done", {}, "198.51.100.4").status_code,
        post(client, "/en/lessons/software-updates/done", {}, "198.51.100.5").status_code,
    ]
    assert statuses == [302, 302, 302, 429]
    assert "Too many requests" in post(client, "/en/pledges/back-up-data", {}, "198.51.100.6").text
    # Another participant at the same address is not held back.
    neighbour = limited.test_client()
    assert post(neighbour, PLEDGE, {"country": "IN"}, "198.51.100.5").status_code == 302
    assert post(neighbour, f"{LESSON}/done", {}, "198.51.100.5").status_code == 302


def test_reading_pages_is_never_limited_per_participant(limited):
    client = limited.test_client()
    post(client, PLEDGE, {"country": "IN"}, "198.51.100.1")
    assert all(client.get(PLEDGE).status_code == 200 for _ in range(6))


def test_a_participant_pledges_once_however_often_the_form_is_sent(synced):
    client = synced.test_client()
    client.get(PLEDGE)
    statuses = [client.post(PLEDGE, data={"country": "IN"}).status_code for _ in range(5)]
    assert statuses == [302, 200, 200, 200, 200]  # then "you already took this pledge"
    fold_pending(synced)
    with synced.app_context():
        assert db.session.scalar(select(func.count()).select_from(PledgeTaken)) == 1
        assert tallies.read_one("pledges") == 1
        assert tallies.read_one("participants") == 1
        constraint = {tuple(c.columns.keys()) for c in PledgeTaken.__table__.constraints}
        assert ("participant_id", "item_id") in constraint  # the database enforces it too


def test_oversized_requests_are_refused_and_nothing_saved(synced):
    client = synced.test_client()
    client.get(PLEDGE)
    response = client.post(PLEDGE, data={"country": "IN", "display_name": "x" * (2 * 1024 * 1024)})
    assert response.status_code == 413 and "Too much data" in response.text
    assert rows(synced) == NOTHING
