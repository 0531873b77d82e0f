"""One person's first actions sent several at once (tabs, double clicks, retries): never a 500,
one participant and one result where the model keeps one.

They run on PostgreSQL, where requests really run side by side (SQLite writes one at a time).
"""

import re

import pytest
from sqlalchemy import func, select

from challenge.accounts.models import Account
from challenge.extensions import db
from challenge.lessons.models import LessonCompletion
from challenge.participation.models import Participant
from challenge.pledges.models import PledgeTaken
from challenge.quizzes.models import QuizAttempt
from tests.factories import form_token
from tests.support.accounts import ADULT, sign_up
from tests.support.concurrent import post_at_once, same_browser
from tests.support.tallies import recount, stored

pytestmark = pytest.mark.postgresql_only

TABS = 4
PLEDGE = "/en/pledges/turn-on-mfa"
LESSON = "/en/lessons/multi-factor-authentication/done"
QUIZ = "/en/quizzes/spotting-phishing"
SIGN_UP = "/en/account/signup"


@pytest.fixture
def racing(synced, request):
    if request.config.getoption("--db") != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite runs one write at a time, so nothing races")
    return synced


def origin(app) -> dict:
    return {"Origin": app.config["PUBLIC_URL"]}


def count(app, model, *where) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model).where(*where))


def signed_in(app):
    client = app.test_client()
    sign_up(client, "tabs@example.org", "a long enough passphrase")
    assert client.get_cookie(app.config["SESSION_COOKIE_NAME"]) is not None
    return client


def assert_no_server_error(responses):
    assert [r.status_code for r in responses if r.status_code >= 500] == []


def assert_counts_match(app):
    with app.app_context():
        assert recount() == stored()


def test_a_signed_in_accounts_first_pledges_at_once_make_one_participant_and_one_pledge(racing):
    browser = signed_in(racing)
    responses = post_at_once(
        same_browser(browser, TABS), PLEDGE, {"country": "IN"}, headers=origin(racing)
    )
    assert_no_server_error(responses)
    assert all(r.status_code < 400 for r in responses)  # the thanks page, or "already taken"
    assert count(racing, Participant) == 1
    assert count(racing, PledgeTaken) == 1
    assert_counts_match(racing)


def test_a_signed_in_accounts_first_lesson_completions_at_once_count_once(racing):
    browser = signed_in(racing)
    responses = post_at_once(
        same_browser(browser, TABS), LESSON, {"country": "IN"}, headers=origin(racing)
    )
    assert_no_server_error(responses)
    assert count(racing, Participant) == 1
    assert count(racing, LessonCompletion) == 1
    assert_counts_match(racing)


def test_a_browser_with_its_cookie_pledging_in_several_tabs_pledges_once(racing):
    browser = racing.test_client()
    first = browser.post(LESSON, data={"country": "IN"}, headers=origin(racing))
    assert first.status_code < 400 and browser.get_cookie("qcc_participant") is not None
    responses = post_at_once(
        same_browser(browser, TABS), PLEDGE, {"country": "IN"}, headers=origin(racing)
    )
    assert_no_server_error(responses)
    assert count(racing, Participant) == 1
    assert count(racing, PledgeTaken) == 1
    assert_counts_match(racing)


def quiz_form(client) -> list[tuple[str, str]]:
    """A fresh attempt id and every answer right, as a tab with the quiz open would send."""
    page = client.get(QUIZ).text
    attempt = re.search(r'name="attempt" type="hidden" value="([0-9a-f]+)"', page).group(1)
    pairs = [("attempt", attempt), ("country", "JP")]
    with client.application.app_context():
        from challenge.content.queries import published_item

        for question in published_item("quiz", "spotting-phishing", "en").data["questions"]:
            pairs += [(f"q-{question['id']}", f"{question['id']}.{i}") for i in question["correct"]]
    return pairs


def test_a_signed_in_account_passing_a_quiz_in_several_tabs_has_one_counted_pass(racing):
    browser = signed_in(racing)
    tabs = same_browser(browser, TABS)
    forms = [quiz_form(tab) for tab in tabs]  # each tab opened the quiz: its own attempt id
    responses = post_at_once(tabs, QUIZ, forms, headers=origin(racing))
    assert_no_server_error(responses)
    assert count(racing, Participant) == 1
    assert count(racing, QuizAttempt, QuizAttempt.first_pass.is_(True)) == 1
    assert_counts_match(racing)


def test_the_same_quiz_form_sent_from_several_tabs_is_recorded_once(racing):
    browser = signed_in(racing)
    form = quiz_form(browser)  # opened once (its cookies then copied), sent from every tab
    responses = post_at_once(same_browser(browser, TABS), QUIZ, form, headers=origin(racing))
    assert_no_server_error(responses)
    assert count(racing, Participant) == 1
    assert count(racing, QuizAttempt) == 1
    assert_counts_match(racing)


def test_cookieless_first_pledges_at_once_are_never_a_server_error(racing):
    # Indistinguishable visitors: each may become a participant, but none gets a 500.
    tabs = [racing.test_client() for _ in range(TABS)]
    responses = post_at_once(tabs, PLEDGE, {"country": "IN"}, headers=origin(racing))
    assert_no_server_error(responses)
    assert 1 <= count(racing, Participant) <= TABS
    assert count(racing, PledgeTaken) == count(racing, Participant)
    assert_counts_match(racing)


def test_the_same_sign_up_sent_twice_at_once_makes_one_account(racing):
    tabs = [racing.test_client() for _ in range(TABS)]
    fields = [
        ("email", "twice@example.org"),
        ("password", "a long enough passphrase"),
        *ADULT.items(),
    ]
    forms = [[*form_token(tab.get(SIGN_UP).text).items(), *fields] for tab in tabs]
    responses = post_at_once(tabs, SIGN_UP, forms, headers=origin(racing))
    assert_no_server_error(responses)
    assert {r.status_code for r in responses} == {200}
    assert all("twice@example.org" in r.text for r in responses)
    assert count(racing, Account) == 1
