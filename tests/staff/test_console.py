"""The staff console's door: who gets in, what the menu offers, and the audit log."""

import pytest

from challenge.staff import ROLES
from challenge.staff.access import PERMISSIONS, can
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
    assert entries[1].before == {"role": "editor"} and entries[1].after == {"role": "analyst"}
    assert all(entry.actor == "command line" for entry in entries)
    page = staff_client(synced, "admin").get("/staff/audit?action=staff.revoke").text
    assert "staff.revoke" in page and "ed@campaign.example" in page


def test_translators_translate_only_their_own_locales():
    class Translator:
        is_authenticated = True
        staff_role = "translator"
        staff_locales = ("hi",)

    assert can(Translator(), "content.translate", "hi")
    assert not can(Translator(), "content.translate", "ja")
    assert not can(Translator(), "content.edit")
    assert all("admin" in roles for roles in PERMISSIONS.values())
