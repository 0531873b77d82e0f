"""Taking pledges: anonymous, once each, counted, validated, CSRF-protected and rate limited."""

import pytest
from sqlalchemy import select

from challenge.extensions import db
from challenge.participation.identity import COOKIE_NAME
from challenge.participation.models import Participant
from challenge.pledges.models import PledgeTaken
from tests.factories import submit
from tests.staff.builders import approve_every_name
from tests.support.accounts import sign_up
from tests.support.pledges import MFA, count_rows, pledge
from tests.support.tallies import recount, stored


def test_anonymous_pledge_creates_a_participant_and_shows_the_badge(synced):
    synced.config["PRIVACY_MIN_GROUP"] = 1  # counts below the threshold are not shown
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
    synced.config["PRIVACY_MIN_GROUP"] = 1
    client = synced.test_client()
    pledge(client)
    again = pledge(client, page="/en/pledges/install-updates")  # a replayed form
    assert again.status_code == 200 and "You already took this pledge" in again.text
    assert count_rows(synced, PledgeTaken) == 1
    assert "1 person has taken this pledge" in client.get(MFA).text
    assert "You took this pledge on" in client.get(MFA).text


def test_counts_per_locale_are_formatted(synced):
    synced.config["PRIVACY_MIN_GROUP"] = 3
    for _ in range(3):
        pledge(synced.test_client())
    assert "3 लोगों ने यह संकल्प लिया है" in synced.test_client().get("/hi/pledges/").text
    client = synced.test_client()
    pledge(client)
    assert "You are one of 4 people who have taken this pledge." in client.get(MFA + "/thanks").text


def test_counts_below_the_threshold_are_not_shown(synced):
    synced.config["PRIVACY_MIN_GROUP"] = 3
    for _ in range(2):
        pledge(synced.test_client())
    for page in ("/en/pledges/", MFA):
        text = synced.test_client().get(page).text
        assert "have taken this pledge" not in text and "has taken this pledge" not in text
    pledge(synced.test_client())
    assert "3 people have taken this pledge" in synced.test_client().get("/en/pledges/").text
    assert "3 people have taken this pledge" in synced.test_client().get(MFA).text


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


def test_country_is_remembered_and_never_asked_again(synced):
    client = synced.test_client()
    pledge(client, country="JP")
    form = client.get("/en/pledges/install-updates").text
    assert 'name="country"' not in form  # changed on "My progress" instead
    submit(client, "/en/pledges/install-updates", {})
    with synced.app_context():
        assert set(db.session.scalars(select(PledgeTaken.country))) == {"JP"}


def test_thanks_page_needs_the_pledge(synced):
    response = synced.test_client().get("/en/pledges/turn-on-mfa/thanks")
    assert response.status_code == 302 and response.headers["Location"] == MFA


def test_unknown_pledge_is_404(synced):
    assert synced.test_client().get("/en/pledges/nope").status_code == 404


def stored_names(app) -> list:
    with app.app_context():
        return list(db.session.scalars(select(Participant.display_name)))


def test_a_display_name_needs_the_age_question_first(synced):
    page = synced.test_client().get(MFA).text
    assert "If you give a display name: how old are you?" in page
    assert page.count('name="age_band"') == 4 and "checked" not in page  # neutral, none chosen
    refused = pledge(synced.test_client(), display_name="Asha", show_name="y", age_band="")
    assert refused.status_code == 400 and "To give a display name, choose your age" in refused.text
    assert count_rows(synced, PledgeTaken) == 0 and stored_names(synced) == []


@pytest.mark.parametrize(
    ("country", "band"), [("IN", "16-17"), ("US", "under-13"), ("AU", "16-17"), ("JP", "13-15")]
)
def test_below_the_countrys_threshold_no_name_is_kept(synced, country, band):
    client = synced.test_client()
    refused = pledge(client, country=country, age_band=band, display_name="Asha", show_name="y")
    assert refused.status_code == 400
    assert (
        "we need a parent&#39;s or guardian&#39;s permission before we keep a name" in refused.text
    )
    assert count_rows(synced, PledgeTaken) == 0 and stored_names(synced) == []
    # The same visitor takes the pledge without the name: nothing personal, and the age
    # band is not kept either.
    taken = pledge(client, country=country, age_band=band)
    assert taken.status_code == 302
    assert count_rows(synced, PledgeTaken) == 1 and stored_names(synced) == [None]
    with synced.app_context():
        stored = [str(value) for value in db.session.execute(select(Participant)).one()]
    assert band not in " ".join(stored)


@pytest.mark.parametrize(
    ("country", "band"), [("US", "13-15"), ("JP", "16-17"), ("IN", "18-or-over")]
)
def test_at_or_above_the_threshold_the_name_is_kept(synced, country, band):
    answer = pledge(synced.test_client(), country=country, age_band=band, display_name="Asha")
    assert answer.status_code == 302 and stored_names(synced) == ["Asha"]


def test_an_account_is_not_asked_its_age_again(synced):
    client = synced.test_client()
    sign_up(client, "holder@example.org", "a long enough passphrase")
    page = client.get(MFA).text
    assert 'name="age_band"' not in page
    assert pledge(client, display_name="Asha").status_code == 302
    assert stored_names(synced) == ["Asha"]


def test_a_name_already_given_is_not_asked_for_again(synced):
    """The age question guards a new name; the name a visitor gave before (kept, so they were old
    enough) stays on the form of their next pledge, which is taken without asking again."""
    client = synced.test_client()
    assert pledge(client, display_name="Asha").status_code == 302
    again = pledge(client, url="/en/pledges/install-updates", display_name="Asha", age_band="")
    assert again.status_code == 302 and stored_names(synced) == ["Asha"]
    renamed = pledge(
        client, url="/en/pledges/use-strong-passphrases", display_name="Ravi", age_band=""
    )
    assert renamed.status_code == 400 and "To give a display name, choose your age" in renamed.text
