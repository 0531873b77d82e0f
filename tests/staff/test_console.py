"""The staff console's door: who gets in, what the menu offers, and the audit log."""

import datetime as dt

import pytest
from sqlalchemy import select

from challenge import audit
from challenge.accounts.models import Account
from challenge.accounts.roles import ROLES, is_staff
from challenge.extensions import db
from challenge.mail import outbox
from challenge.staff.access import PERMISSIONS, can
from tests.factories import last_link
from tests.staff.support import account, audit_entries, staff_client


def test_anonymous_visitors_are_sent_to_log_in(synced):
    response = synced.test_client().get("/staff/")
    assert response.status_code == 302
    assert "/account/login" in response.headers["Location"]


def test_participants_without_a_role_are_refused(synced):
    client = account(synced, "someone@example.org")
    assert client.get("/staff/").status_code == 403
    assert client.get("/staff/audit").status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_every_role_reaches_the_console_home(synced, role):
    response = staff_client(synced, role).get("/staff/")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    assert role in response.text or "Administrator" in response.text


@pytest.mark.parametrize("role", ROLES)
def test_only_admins_read_the_audit_log(synced, role):
    response = staff_client(synced, role).get("/staff/audit")
    assert response.status_code == (200 if role == "admin" else 403)


def test_the_menu_shows_only_what_the_role_may_use(synced):
    admin_page = staff_client(synced, "admin").get("/staff/").text
    analyst_page = staff_client(synced, "analyst").get("/staff/").text
    assert 'href="/staff/audit"' in admin_page
    assert 'href="/staff/audit"' not in analyst_page


def test_staff_commands_are_audited(synced):
    staff_client(synced, "editor", email="ed@campaign.example")
    synced.test_cli_runner().invoke(
        args=["staff", "create", "ed@campaign.example", "--role", "analyst"]
    )
    synced.test_cli_runner().invoke(args=["staff", "revoke", "ed@campaign.example"])
    entries = audit_entries(synced)
    assert [(entry.action, entry.target) for entry in entries] == [
        ("staff.create", "ed@campaign.example"),
        ("staff.role", "ed@campaign.example"),
        ("staff.revoke", "ed@campaign.example"),
    ]
    assert entries[0].after == {"role": "editor", "locales": []}
    assert entries[1].before == {"role": "editor", "locales": []}
    assert entries[1].after == {"role": "analyst", "locales": []}
    assert all(entry.actor == "command line" for entry in entries)
    page = staff_client(synced, "admin").get("/staff/audit?action=staff.revoke").text
    assert "staff.revoke" in page and "ed@campaign.example" in page


class Someone:
    is_authenticated = True
    email_verified_at = dt.datetime(2026, 4, 1)

    def __init__(self, role, locales=()):
        self.staff_role, self.staff_locales = role, locales


def test_translators_translate_only_their_own_locales():
    translator = Someone("translator", ("hi",))
    assert can(translator, "content.translate", "hi")
    assert not can(translator, "content.translate", "ja")
    assert not can(translator, "content.edit")
    assert all("admin" in roles for roles in PERMISSIONS.values())


@pytest.mark.parametrize("permission", PERMISSIONS)
def test_no_permission_without_a_confirmed_address(permission):
    admin = Someone("admin")
    assert can(admin, permission)
    admin.email_verified_at = None
    assert not can(admin, permission)
    assert not is_staff(admin) and not is_staff(admin, "admin")


def test_a_role_on_an_unconfirmed_address_opens_nothing(synced):
    """Someone who signed up with a new hire's address first, and got their role by mistake."""
    client = account(synced, "new-hire@campaign.example", verified=False)
    with synced.app_context():
        found = db.session.scalar(
            select(Account).where(Account.email == "new-hire@campaign.example")
        )
        found.staff_role = "admin"
        db.session.commit()
    home = client.get("/staff/")
    assert home.status_code == 403 and "Confirm your email address" in home.text
    for url in ("/staff/audit", "/staff/people", "/staff/dashboard", "/staff/content"):
        assert client.get(url).status_code == 403, url
    # Confirming the address (proving it is theirs) opens what the role allows.
    with synced.app_context():
        link = last_link(outbox())
    assert client.get(link).status_code == 302
    assert client.get("/staff/audit").status_code == 200


def test_a_page_past_the_last_shows_the_last(synced):
    admin = staff_client(synced, "admin")  # its creation is the first entry
    with synced.app_context():
        for number in range(60):
            audit.record("test.entry", f"target-{number:02d}")
        db.session.commit()
    for url in ("/staff/audit?page=9", "/staff/audit?page=2", "/staff/audit?page=99999999999"):
        page = admin.get(url)
        if url.endswith("99999999999"):  # not a page number at all: the first page
            assert "target-59" in page.text and "Page 1 of 2" in page.text
            continue
        assert page.status_code == 200
        assert "Page 2 of 2" in page.text, url
        assert "target-00" in page.text and "target-59" not in page.text  # the page shown is read
        assert 'rel="prev" href="/staff/audit?page=1"' in page.text
