"""Taking pledges: anonymous, once each, counted, validated, CSRF-protected and rate limited."""

import re

import pytest
from sqlalchemy import select

from challenge.extensions import db
from challenge.participation.identity import COOKIE_NAME
from challenge.participation.models import Participant
from challenge.pledges.models import PledgeTaken
from tests.factories import submit
from tests.staff.builders import approve_every_name
from tests.support.pledges import MFA, count_rows, pledge
from tests.support.tallies import recount, stored


def test_anonymous_pledge_creates_a_participant_and_shows_the_badge(synced):
    client = synced.test_client()
    response = pledge(client)
    assert (
        response.status_code == 302
        and response.headers["Location"] == "/en/pledges/turn-on-mfa/thanks"
    )
    cookie = response.headers["Set-Cookie"]
    assert (
        cookie.startswith(f"{COOKIE_NAME}=") and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    )
    thanks = client.get("/en/pledges/turn-on-mfa/thanks").text
    assert "Thank you for your pledge" in thanks
    assert "You are the first person to take this pledge." in thanks
    assert '<img src="/en/pledges/turn-on-mfa/badge.svg"' in thanks
    assert (
        '<meta property="og:image" content="http://localhost/en/pledges/turn-on-mfa/badge.png">'
        in thanks
    )
    assert 'href="/en/lessons/multi-factor-authentication"' in thanks
    assert 'href="/en/quizzes/multi-factor-authentication"' in thanks
    with synced.app_context():
        participant = db.session.scalar(select(Participant))
        assert (participant.country, participant.locale, participant.account_id) == (
            "IN",
            "en",
            None,
        )
        assert recount() == stored()
    assert "1 person has taken this pledge" in client.get("/en/pledges/").text


def test_the_badge_speaks_the_pages_language(synced):
    response = synced.test_client().get("/ja/pledges/turn-on-mfa/badge.svg")
    assert response.mimetype == "image/svg+xml"
    assert 'lang="ja"' in response.text and "多要素認証" in response.text
    assert "I took the pledge" not in response.text
    assert "<script" not in response.text


def test_a_second_pledge_is_not_counted(synced):
    client = synced.test_client()
    pledge(client)
    again = pledge(client, page="/en/pledges/install-updates")  # a replayed form
    assert again.status_code == 200 and "You already took this pledge" in again.text
    assert count_rows(synced, PledgeTaken) == 1
    assert "1 person has taken this pledge" in client.get(MFA).text
    assert "You took this pledge on" in client.get(MFA).text


def test_counts_per_locale_are_formatted(synced):
    for _ in range(3):
        pledge(synced.test_client())
    assert "3 लोगों ने यह संकल्प लिया है" in synced.test_client().get("/hi/pledges/").text
    client = synced.test_client()
    pledge(client)
    assert "You are one of 4 people who have taken this pledge." in client.get(MFA + "/thanks").text


@pytest.mark.parametrize("country", ["XX", "EU", "", "in", "IND", "<script>"])
def test_unknown_countries_are_refused_in_the_pages_language(synced, country):
    client = synced.test_client()
    response = submit(client, "/hi/pledges/turn-on-mfa", {"country": country})
    assert response.status_code == 400
    assert "error-summary" in response.text and "देश" in response.text
    assert "<script>" not in response.text
    assert count_rows(synced, Participant) == 0 and count_rows(synced, PledgeTaken) == 0


def test_a_pledge_sent_from_another_site_is_refused_and_nothing_saved(synced):
    client = synced.test_client()
    response = client.post(MFA, data={"country": "IN"}, headers={"Sec-Fetch-Site": "cross-site"})
    assert response.status_code == 403
    assert "did not come from this site" in response.text
    assert count_rows(synced, Participant) == 0


@pytest.mark.parametrize(
    "name",
    ["x" * 41, "evil\u202eman", "zero\u200bwidth", "bell\x07", "tab\x00null"],
)
def test_bad_display_names_are_refused(synced, name):
    response = pledge(synced.test_client(), display_name=name, show_name="y")
    assert response.status_code == 400
    assert count_rows(synced, Participant) == 0


def test_names_appear_on_the_wall_only_with_consent(synced):
    pledge(synced.test_client(), display_name="Asha", show_name="y")
    pledge(synced.test_client(), display_name="Hidden Person")
    approve_every_name(synced)  # pre-moderation: tests/staff/test_moderation.py
    page = synced.test_client().get(MFA).text
    assert "<bdi>Asha</bdi> · India" in page
    assert "Hidden Person" not in page


def test_names_are_escaped(synced):
    pledge(synced.test_client(), display_name="<b>bold</b>", show_name="y")
    approve_every_name(synced)
    page = synced.test_client().get(MFA).text
    assert "<bdi>&lt;b&gt;bold&lt;/b&gt;</bdi>" in page


def test_pledging_is_rate_limited(make_app, real_content_tree):
    from challenge.content.operations import sync_tree

    app = make_app(RATE_LIMIT_WRITES="2 per day")
    with app.app_context():
        sync_tree(real_content_tree, "en")
    client = app.test_client()
    assert pledge(client).status_code == 302
    assert pledge(client, "/en/pledges/install-updates").status_code == 302
    limited = pledge(client, "/en/pledges/back-up-data")
    assert limited.status_code == 429 and "Too many requests" in limited.text
    assert count_rows(app, PledgeTaken) == 2


def test_a_forged_cookie_is_ignored(synced):
    client = synced.test_client()
    client.set_cookie(COOKIE_NAME, "forged.value")
    assert client.get(MFA).status_code == 200
    assert pledge(client).status_code == 302
    assert count_rows(synced, Participant) == 1


def test_country_is_remembered(synced):
    client = synced.test_client()
    pledge(client, country="JP")
    form = client.get("/en/pledges/install-updates").text
    assert re.search(r'<option selected value="JP">Japan</option>', form)


def test_thanks_page_needs_the_pledge(synced):
    response = synced.test_client().get("/en/pledges/turn-on-mfa/thanks")
    assert response.status_code == 302 and response.headers["Location"] == MFA


def test_unknown_pledge_is_404(synced):
    assert synced.test_client().get("/en/pledges/nope").status_code == 404
