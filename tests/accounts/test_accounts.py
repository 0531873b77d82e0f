"""Optional accounts: sign-up, verification, log-in, merge, reset, settings, export and deletion."""

import json

import pytest
from sqlalchemy import func, select

from challenge.accounts.models import Account
from challenge.extensions import db
from challenge.mail import text_of
from challenge.participation.models import Participant
from challenge.pledges.models import PledgeTaken
from tests.factories import last_link, submit
from tests.support.tallies import recount, stored
from tests.support.visitors import PASSWORD, log_in, mails, sign_up


def test_sign_up_verifies_the_address_by_email(synced):
    client = synced.test_client()
    response = sign_up(client, confirm=False)
    assert response.status_code == 200 and "Check your email" in response.text
    sent = mails(synced)
    assert len(sent) == 1 and sent[0]["To"] == "asha@example.org"
    assert sent[0]["Subject"] == "Confirm your email address"
    with synced.app_context():
        account = db.session.scalar(select(Account))
        assert account.password_hash.startswith("scrypt:") and PASSWORD not in account.password_hash
        assert not account.is_verified
    assert client.get("/en/account/").status_code == 302  # not logged in before confirming
    assert log_in(synced.test_client()).status_code == 400  # nor able to log in
    confirmed = client.get(last_link(sent))
    assert confirmed.status_code == 302 and confirmed.headers["Location"] == "/en/me"
    assert client.get("/en/account/").status_code == 200  # the link logged this browser in
    with synced.app_context():
        assert db.session.scalar(select(Account)).is_verified
    again = synced.test_client().get(last_link(sent))  # a second use logs nobody in
    assert again.status_code == 302 and again.headers["Location"] == "/en/account/login"


def test_a_link_from_before_a_password_change_does_not_confirm(synced):
    client = synced.test_client()
    sign_up(client, confirm=False)
    link = last_link(mails(synced))
    submit(client, "/en/account/reset", {"email": "asha@example.org"})
    submit(client, last_link(mails(synced)), {"password": "a brand new long passphrase"})
    assert synced.test_client().get(link).status_code == 400


def test_verification_mail_is_in_the_accounts_language(synced):
    sign_up(synced.test_client(), locale="ja", confirm=False)
    message = mails(synced)[-1]
    assert message["Subject"] != "Confirm your email address" and "メール" in message["Subject"]
    assert "/ja/account/verify/" in text_of(message)


def test_forged_verification_links_fail(synced):
    response = synced.test_client().get("/en/account/verify/not-a-token")
    assert response.status_code == 400 and "This link does not work" in response.text


def test_weak_passwords_and_bad_emails_are_refused(synced):
    response = sign_up(synced.test_client(), password="short")
    assert response.status_code == 400 and "at least 15 characters" in response.text.replace(
        "Use 15 to", "at least 15 characters"
    )
    response = sign_up(synced.test_client(), email="not-an-email")
    assert response.status_code == 400
    with synced.app_context():
        assert db.session.scalar(select(func.count()).select_from(Account)) == 0


def test_signing_up_twice_reveals_nothing_and_mails_the_owner(synced):
    sign_up(synced.test_client())
    second = sign_up(synced.test_client(), password="another long passphrase here")
    assert second.status_code == 200 and "Check your email" in second.text
    assert mails(synced)[-1]["Subject"] == "You already have an account"
    with synced.app_context():
        assert db.session.scalar(select(func.count()).select_from(Account)) == 1
    assert log_in(synced.test_client()).status_code == 302  # the first password still works
    stranger = log_in(synced.test_client(), password="another long passphrase here")
    assert stranger.status_code == 400


def test_log_in_and_out(synced):
    sign_up(synced.test_client())
    client = synced.test_client()
    wrong = log_in(client, password="wrong password entirely")
    unknown = log_in(client, email="nobody@example.org")
    assert wrong.status_code == unknown.status_code == 400
    assert "do not match a confirmed account" in wrong.text
    assert "do not match a confirmed account" in unknown.text
    response = log_in(client, remember="y")
    assert response.status_code == 302 and response.headers["Location"] == "/en/me"
    assert "qcc_remember=" in " ".join(response.headers.getlist("Set-Cookie"))
    assert "Your account" in client.get("/en/account/").text
    assert submit(client, "/en/account/logout", {}, page="/en/account/").status_code == 302
    assert client.get("/en/account/").status_code == 302


def test_next_never_leaves_the_site(synced):
    sign_up(synced.test_client())
    for target, expected in (
        ("/en/pledges/", "/en/pledges/"),
        ("https://evil.example/", "/en/me"),
        ("//evil.example", "/en/me"),
    ):
        client = synced.test_client()
        response = submit(
            client,
            f"/en/account/login?next={target}",
            {"email": "asha@example.org", "password": PASSWORD},
            page="/en/account/login",
        )
        assert response.headers["Location"] == expected


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example",
        "///evil.example",
        "/\\evil.example",
        "\\/evil.example",
        "/\\/evil.example",
        "https:evil.example",
        "https:/evil.example",
        "http://evil.example/en/me",
        "%2F%2Fevil.example",
        "/%2F%2Fevil.example/..",
        "/\t/evil.example",
        "/\n/evil.example",
        "\t//evil.example",
        " //evil.example",
        "/ /evil.example",
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "evil.example",
        "/\u3000/evil.example",
        "//evil.example@localhost",
        "/@evil.example",
    ],
)
def test_next_never_leaves_the_site_whatever_its_spelling(synced, target):
    sign_up(synced.test_client())
    client = synced.test_client()
    response = submit(
        client,
        "/en/account/login",
        {"email": "asha@example.org", "password": PASSWORD},
        query_string={"next": target},
    )
    assert response.status_code == 302
    location = response.headers["Location"]
    assert location in {"/en/me", target}, location
    assert location[0] == "/" and location[1] not in "/\\" and location.isprintable()
    assert " " not in location and "\\" not in location


def test_signing_up_keeps_what_the_browser_did(synced):
    client = synced.test_client()
    submit(client, "/en/pledges/turn-on-mfa", {"country": "IN"})
    sign_up(client)
    with synced.app_context():
        participant = db.session.scalar(select(Participant))
        assert participant.account_id is not None
        assert db.session.scalar(select(func.count()).select_from(Participant)) == 1


def test_logging_in_merges_anonymous_participation_without_double_counting(synced):
    phone = synced.test_client()
    sign_up(phone)
    submit(phone, "/en/pledges/turn-on-mfa", {"country": "IN"})
    laptop = synced.test_client()
    submit(laptop, "/en/pledges/turn-on-mfa", {"country": "IN"})
    submit(laptop, "/en/pledges/install-updates", {"country": "IN"})
    with synced.app_context():
        assert stored()[("participants", "all")] == 2
    log_in(laptop)
    with synced.app_context():
        assert db.session.scalar(select(func.count()).select_from(Participant)) == 1
        assert db.session.scalar(select(func.count()).select_from(PledgeTaken)) == 2
        assert stored() == recount()
        assert stored()[("participants", "all")] == 1
        synced.config["PRIVACY_MIN_GROUP"] = 1  # so that the page shows the merged count
    assert "1 person has taken this pledge" in laptop.get("/en/pledges/turn-on-mfa").text
    assert "You took this pledge on" in laptop.get("/en/pledges/install-updates").text


def test_password_reset_by_email_ends_other_sessions(synced):
    sign_up(synced.test_client())
    other_device = synced.test_client()
    log_in(other_device)
    client = synced.test_client()
    response = submit(client, "/en/account/reset", {"email": "asha@example.org"})
    assert "If an account uses <bdi>asha@example.org</bdi>" in response.text
    link = last_link(mails(synced))
    new_password = "a brand new long passphrase"
    assert submit(client, link, {"password": new_password}).status_code == 302
    assert other_device.get("/en/account/").status_code == 302  # logged out
    assert client.get(link).status_code == 400  # the link worked once
    assert log_in(synced.test_client(), password=new_password).status_code == 302


def test_reset_for_an_unknown_address_looks_the_same(synced):
    response = submit(synced.test_client(), "/en/account/reset", {"email": "nobody@example.org"})
    assert "If an account uses <bdi>nobody@example.org</bdi>" in response.text
    assert mails(synced) == []


def test_settings_change_name_country_and_language(synced):
    client = synced.test_client()
    sign_up(client)
    response = submit(
        client,
        "/en/account/",
        {"display_name": "Asha", "show_name": "y", "country": "JP", "language": "hi"},
    )
    assert response.status_code == 302 and response.headers["Location"] == "/hi/account/"
    with synced.app_context():
        participant = db.session.scalar(select(Participant))
        assert (participant.display_name, participant.country, participant.locale) == (
            "Asha",
            "JP",
            "hi",
        )
        assert stored() == recount()


def test_choosing_only_a_language_does_not_make_a_participant(synced):
    """Staff set their console's language here; that alone is not taking part."""
    client = synced.test_client()
    sign_up(client)
    response = submit(client, "/en/account/", {"country": "", "language": "ja"})
    assert response.status_code == 302 and response.headers["Location"] == "/ja/account/"
    with synced.app_context():
        assert db.session.scalar(select(Participant)) is None
        assert db.session.scalar(select(Account)).locale == "ja"
        assert stored() == recount()
    assert submit(client, "/en/account/", {"country": "XX", "language": "ja"}).status_code == 400


def test_export_contains_everything_recorded(synced):
    client = synced.test_client()
    sign_up(client)
    submit(client, "/en/pledges/turn-on-mfa", {"country": "AU", "display_name": "Kai"})
    response = client.get("/en/account/export")
    assert "attachment" in response.headers["Content-Disposition"]
    data = json.loads(response.data)
    assert data["account"]["email"] == "asha@example.org"
    assert data["participation"]["country"] == "AU"
    assert data["participation"]["pledges"][0]["slug"] == "turn-on-mfa"


def test_deleting_an_account_keeps_the_counts_but_not_the_person(synced):
    client = synced.test_client()
    sign_up(client)
    submit(
        client,
        "/en/pledges/turn-on-mfa",
        {"country": "AU", "display_name": "Kai", "show_name": "y"},
    )
    with synced.app_context():
        before = stored()
    refused = submit(
        client, "/en/account/delete", {"confirm": "y", "password": "wrong password entirely"}
    )
    assert refused.status_code == 400
    response = submit(client, "/en/account/delete", {"confirm": "y", "password": PASSWORD})
    assert "Your account is deleted" in response.text
    with synced.app_context():
        assert db.session.scalar(select(func.count()).select_from(Account)) == 0
        participant = db.session.scalar(select(Participant))
        assert participant.display_name is None and participant.account_id is None
        assert stored() == before == recount()
    assert "Kai" not in synced.test_client().get("/en/pledges/turn-on-mfa").text
    assert log_in(synced.test_client()).status_code == 400


@pytest.mark.parametrize("path", ["/en/account/", "/en/account/export", "/en/account/delete"])
def test_account_pages_need_a_login(synced, path):
    response = synced.test_client().get(path)
    assert response.status_code == 302 and "/en/account/login" in response.headers["Location"]


def test_login_is_rate_limited(make_app):
    app = make_app(RATE_LIMIT_LOGIN="3 per day")
    client = app.test_client()
    statuses = [log_in(client, password="wrong password entirely").status_code for _ in range(4)]
    assert statuses == [400, 400, 400, 429]
