"""The country is asked once, early, and starts on a guess from the browser's languages or the
page's language (never the network address); it is remembered, changed on "My progress", and a
quiz no longer asks it once known."""

import re

import pytest

from challenge.extensions import db
from challenge.participation.models import Participant
from tests.factories import csrf_token, submit
from tests.support import quizzes


def chosen(html: str, name: str = "country") -> str | None:
    select = re.search(rf'<select[^>]*name="{name}".*?</select>', html, re.S)
    assert select, "no country question"
    found = re.search(
        r'<option selected value="([A-Z]*)"|<option value="([A-Z]*)" selected', select.group(0)
    )
    return (found.group(1) or found.group(2)) if found else None


@pytest.mark.parametrize(
    ("page", "languages", "country"),
    [
        ("/en/pledges/turn-on-mfa", "en-AU,en;q=0.8", "AU"),
        ("/en/pledges/turn-on-mfa", "en-US", "US"),
        ("/en/pledges/turn-on-mfa", "en", None),
        ("/hi/pledges/turn-on-mfa", "hi", "IN"),
        ("/ja/quizzes/spotting-phishing", "ja", "JP"),
        ("/en/quizzes/spotting-phishing", "zh-Hant-TW,en;q=0.5", "TW"),
        ("/en/lessons/backups", "en-IN", "IN"),
    ],
)
def test_the_question_starts_on_a_guess_from_the_languages(synced, page, languages, country):
    response = synced.test_client().get(page, headers={"Accept-Language": languages})
    assert chosen(response.text) == country
    assert "Accept-Language" in response.headers["Vary"]  # a shared cache keeps one per header


def test_the_guess_never_comes_from_the_network_address(synced):
    client = synced.test_client()
    page = client.get(
        "/en/pledges/turn-on-mfa",
        headers={"Accept-Language": "en", "X-Forwarded-For": "1.0.0.1"},
        environ_base={"REMOTE_ADDR": "49.36.0.1"},  # an Indian network
    )
    assert chosen(page.text) is None


def test_the_quiz_asks_the_country_before_the_questions_and_only_once(synced):
    client = synced.test_client()
    page = client.get(quizzes.URL, headers={"Accept-Language": "en-JP"}).text
    assert page.index('name="country"') < page.index('name="q-')
    quizzes.send(client, quizzes.answer_sheet(synced), country="JP")
    again = client.get(quizzes.URL).text
    assert 'name="country"' not in again  # known: never asked twice
    assert 'name="country"' not in client.get("/en/pledges/turn-on-mfa").text


def test_a_quiz_with_errors_keeps_the_answers_and_sums_up_the_problems_at_the_top(synced):
    client = synced.test_client()
    first = quizzes.questions(synced)[0]["id"]
    response = quizzes.send(client, quizzes.answer_sheet(synced, skip=(first,)), country="")
    assert response.status_code == 400
    summary = response.text.index('class="error-summary"')
    assert summary < response.text.index("<form")
    assert 'href="#country"' in response.text and 'href="#q-' in response.text
    assert response.text.count(" checked") >= len(quizzes.questions(synced)) - 1


def test_the_country_is_changed_on_my_progress(synced):
    client = synced.test_client()
    submit(client, "/en/pledges/turn-on-mfa", {"country": "AU"})
    page = client.get("/en/me").text
    assert chosen(page) == "AU"
    token = csrf_token(page)
    response = client.post("/en/me/country", data={"csrf_token": token, "country": "IN"})
    assert response.status_code == 302
    with synced.app_context():
        assert db.session.scalar(db.select(Participant.country)) == "IN"
    assert "Country: India" in client.get("/en/me").text
    refused = client.post("/en/me/country", data={"csrf_token": token, "country": "XX"})
    assert refused.status_code == 400
    assert 'class="error-summary"' in refused.text and 'href="#country"' in refused.text
