"""Every consent an account holder gave is listed on the account page with its purpose, notice
version and date, and withdrawn with one button (CSRF-protected), which stops the processing at
once and is audited in the same commit."""

import re

from sqlalchemy import select

from challenge.accounts.models import Account, Consent
from challenge.audit.models import AuditEntry
from challenge.extensions import db
from challenge.participation.models import Participant
from tests.factories import form_token, submit
from tests.support.accounts import NOTICE_VERSION, sign_up

EMAIL = "holder@example.org"
PASSWORD = "a long enough passphrase"


def withdraw_paths(page: str) -> list[str]:
    return re.findall(r'action="(/en/account/consents/\d+/withdraw)"', page)


def show_name(client) -> None:
    answer = submit(
        client,
        "/en/account/",
        {"display_name": "Asha", "show_name": "y", "country": "IN", "language": "en"},
    )
    assert answer.status_code == 302


def test_the_account_page_lists_each_consent_with_its_notice_version_and_date(synced):
    client = synced.test_client()
    sign_up(client, EMAIL, PASSWORD)
    page = client.get("/en/account/").text
    assert "What you agreed to" in page
    assert "Your account: your email address, and your progress kept with it" in page
    assert re.search(
        rf"Privacy notice version {NOTICE_VERSION}, agreed on \w+ \d+, \d{{4}}\.", page
    )
    # The account's own consent is withdrawn by deleting the account: the page says so.
    assert withdraw_paths(page) == [] and "To withdraw this one, delete your account" in page
    assert 'href="/en/account/delete"' in page


def test_withdrawing_the_public_name_hides_it_at_once_and_is_audited(synced):
    client = synced.test_client()
    sign_up(client, EMAIL, PASSWORD)
    show_name(client)
    page = client.get("/en/account/").text
    assert "Showing your name in public lists" in page
    (path,) = withdraw_paths(page)

    assert client.post(path).status_code == 400  # no CSRF token: nothing changes
    with synced.app_context():
        assert db.session.scalar(select(Participant.show_name)) is True

    answer = client.post(path, data=form_token(page), follow_redirects=True)
    assert answer.status_code == 200
    assert "You have withdrawn your consent to: Showing your name in public lists." in answer.text
    assert "Withdrawn on" in answer.text and withdraw_paths(answer.text) == []
    with synced.app_context():
        account = db.session.scalar(select(Account))
        assert db.session.scalar(select(Participant.show_name)) is False
        consent = db.session.scalar(select(Consent).where(Consent.purpose == "show-name"))
        assert consent.withdrawn_at is not None
        (entry,) = db.session.scalars(
            select(AuditEntry).where(AuditEntry.action == "consent.withdraw")
        ).all()
        assert entry.actor_id == account.id and entry.actor == f"account #{account.id}"
        assert entry.before == {"purpose": "show-name", "notice_version": NOTICE_VERSION}
        assert EMAIL not in str((entry.actor, entry.target, entry.before, entry.after))
    # Withdrawn once: a second time finds nothing to withdraw.
    assert client.post(path, data=form_token(page)).status_code == 404


def test_unticking_the_box_withdraws_it_too(synced):
    client = synced.test_client()
    sign_up(client, EMAIL, PASSWORD)
    show_name(client)
    submit(client, "/en/account/", {"display_name": "Asha", "country": "IN", "language": "en"})
    with synced.app_context():
        consent = db.session.scalar(select(Consent).where(Consent.purpose == "show-name"))
        assert consent.withdrawn_at is not None


def test_nobody_withdraws_anothers_consent_or_the_account_one(synced):
    owner = synced.test_client()
    sign_up(owner, EMAIL, PASSWORD)
    show_name(owner)
    (path,) = withdraw_paths(owner.get("/en/account/").text)
    stranger = synced.test_client()
    sign_up(stranger, "stranger@example.org", PASSWORD)
    token = form_token(stranger.get("/en/account/").text)
    assert stranger.post(path, data=token).status_code == 404
    with synced.app_context():
        account_consent = db.session.scalar(
            select(Consent.id).where(Consent.purpose == "account").limit(1)
        )
        assert db.session.scalar(select(Participant.show_name)) is True
    answer = stranger.post(f"/en/account/consents/{account_consent}/withdraw", data=token)
    assert answer.status_code == 404
    with synced.app_context():
        assert all(
            consent.withdrawn_at is None
            for consent in db.session.scalars(select(Consent).where(Consent.purpose == "account"))
        )
