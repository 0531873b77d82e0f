"""State changes from other sites are refused by the browser's own word (Sec-Fetch-Site, Origin),
so the forms of shared, cacheable pages need no per-visitor token (challenge/cross_origin.py)."""

import pytest
from sqlalchemy import func, select

from challenge.extensions import db
from challenge.participation.models import Participant

PLEDGE, LESSON_DONE = "/en/pledges/turn-on-mfa", "/en/lessons/backups/done"
QUIZ = "/en/quizzes/spotting-phishing"


def participants(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Participant))


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},  # a sibling subdomain is another site's page too
        {"Origin": "https://evil.example"},
        {"Origin": "null"},  # a sandboxed frame or a data: URL
        {"Origin": "https://localhost"},  # the right host on another scheme
        {"Sec-Fetch-Site": "cross-site", "Origin": "http://localhost"},  # Fetch Metadata wins
    ],
)
@pytest.mark.parametrize("path", [PLEDGE, LESSON_DONE, QUIZ, "/en/account/login"])
def test_a_write_from_another_site_is_refused(synced, path, headers):
    response = synced.test_client().post(path, data={"country": "IN"}, headers=headers)
    assert response.status_code == 403
    assert "did not come from this site" in response.text
    assert participants(synced) == 0


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "same-origin", "Origin": "http://localhost"},  # a browser today
        {"Origin": "http://localhost"},  # a browser without Fetch Metadata
        {},  # not a browser: it cannot carry anyone's cookies against their will
    ],
)
def test_a_pledge_from_this_site_without_javascript_or_token_works(synced, headers):
    client = synced.test_client()
    page = client.get(PLEDGE)
    assert 'name="csrf_token"' not in page.text  # the shared page holds no token
    response = client.post(PLEDGE, data={"country": "IN"}, headers=headers)
    assert response.status_code == 302
    assert participants(synced) == 1


def test_two_visitors_get_byte_identical_public_pages(synced):
    for path in (PLEDGE, "/en/lessons/backups", "/en/", "/en/leaderboards/countries"):
        first, second = synced.test_client().get(path), synced.test_client().get(path)
        assert first.data == second.data, path
        assert first.headers.getlist("Set-Cookie") == [] == second.headers.getlist("Set-Cookie")
        cache_control = first.headers["Cache-Control"]
        assert "public" in cache_control and "s-maxage=" in cache_control, path
        assert "Cookie" in first.headers["Vary"]


def test_personal_pages_are_private_and_never_stored(synced):
    client = synced.test_client()
    client.post(PLEDGE, data={"country": "IN"})  # now a participant, with a cookie
    for path in (PLEDGE, "/en/me", QUIZ, "/en/account/login"):
        cache_control = client.get(path).headers["Cache-Control"]
        assert "private" in cache_control and "no-store" in cache_control, path
    fresh_quiz = synced.test_client().get(QUIZ)  # a one-time attempt id: this visitor's own
    assert "private" in fresh_quiz.headers["Cache-Control"]
