"""`flask staff`: campaign staff accounts and roles, and what a role opens."""

import pytest
from sqlalchemy import select

from challenge.accounts.models import Account
from challenge.accounts.roles import ROLES, is_staff
from challenge.clock import utcnow
from challenge.extensions import db
from tests.organisations.support import account, cli
from tests.staff.builders import make_account
from tests.staff.support import audit_entries
from tests.support.visitors import PASSWORD, log_in


def staff_account(app, email) -> Account | None:
    with app.app_context():
        found = db.session.scalar(select(Account).where(Account.email == email))
        if found is not None:
            db.session.expunge(found)
        return found


def create(app, *args, password=PASSWORD):
    return app.test_cli_runner().invoke(
        args=["staff", "create", *args], input=f"{password}\n" if password else None
    )


def test_creating_a_staff_account_from_standard_input(synced):
    result = create(synced, "Ana@Campaign.example", "--role", "analyst", "--password-stdin")
    assert result.exit_code == 0, result.output
    found = staff_account(synced, "ana@campaign.example")
    assert found.staff_role == "analyst" and found.is_verified
    assert PASSWORD not in found.password_hash and found.password_hash.startswith("scrypt:")
    assert log_in(synced.test_client(), email="ana@campaign.example").status_code == 302
    assert "analyst\tana@campaign.example" in cli(synced, "staff", "list").output


def test_the_password_prompt_asks_twice(synced):
    result = synced.test_cli_runner().invoke(
        args=["staff", "create", "ed@campaign.example", "--role", "editor"],
        input=f"{PASSWORD}\n{PASSWORD}\n",
    )
    assert result.exit_code == 0, result.output
    assert "Repeat for confirmation" in result.output and PASSWORD not in result.output
    assert staff_account(synced, "ed@campaign.example").staff_role == "editor"


def test_short_passwords_and_unknown_roles_are_refused(synced):
    short = create(
        synced, "x@campaign.example", "--role", "admin", "--password-stdin", password="short"
    )
    assert short.exit_code != 0 and "15" in short.output
    unknown = create(synced, "x@campaign.example", "--role", "owner", "--password-stdin")
    assert unknown.exit_code != 0
    assert staff_account(synced, "x@campaign.example") is None


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("passwordpassword", "common or leaked"),  # listed, and repetitive
        ("1234567890123456", "common or leaked"),  # sequential
        ("qwertyuiopasdfghjkl", "common or leaked"),  # a keyboard walk
        ("iloveyou12345678", "common or leaked"),  # a listed password padded with digits
        ("x-campaign.example-2026", "not based on your email address"),
        ("quadcyberchallenge2026", "not based on your email address"),  # the site's name
    ],
)
def test_new_staff_passwords_follow_the_sign_up_policy(synced, password, message):
    refused = create(
        synced, "x@campaign.example", "--role", "admin", "--password-stdin", password=password
    )
    assert refused.exit_code != 0 and message in refused.output
    assert password not in refused.output
    assert staff_account(synced, "x@campaign.example") is None
    assert audit_entries(synced) == []


def test_an_unconfirmed_account_gets_no_role_from_the_command_line(synced):
    """Someone signed up with the new hire's address first: the operator's command refuses."""
    account(synced, "new-hire@campaign.example", verified=False)
    result = create(synced, "new-hire@campaign.example", "--role", "admin", password=None)
    assert result.exit_code != 0 and "has not confirmed their email address" in result.output
    assert staff_account(synced, "new-hire@campaign.example").staff_role is None
    assert audit_entries(synced) == []
    assert "new-hire" not in cli(synced, "staff", "list").output


def test_the_command_line_keeps_the_last_admin_and_drops_languages(synced):
    assert (
        create(synced, "only@campaign.example", "--role", "admin", "--password-stdin").exit_code
        == 0
    )
    demoted = create(synced, "only@campaign.example", "--role", "editor", password=None)
    assert demoted.exit_code != 0 and "at least one admin" in demoted.output
    revoked = cli(synced, "staff", "revoke", "only@campaign.example")
    assert revoked.exit_code != 0 and "at least one admin" in revoked.output
    assert staff_account(synced, "only@campaign.example").staff_role == "admin"
    # An admin whose address is not confirmed cannot use the console: it does not count.
    make_account(synced, "unconfirmed@campaign.example", "admin", verified=False)
    assert cli(synced, "staff", "revoke", "only@campaign.example").exit_code != 0
    assert cli(synced, "staff", "revoke", "unconfirmed@campaign.example").exit_code == 0
    # A translator's languages go with the role, as in the console.
    make_account(synced, "tr@campaign.example", "translator", locales=["hi"])
    assert create(synced, "tr@campaign.example", "--role", "editor", password=None).exit_code == 0
    found = staff_account(synced, "tr@campaign.example")
    assert (found.staff_role, found.staff_locales) == ("editor", [])
    make_account(synced, "tr2@campaign.example", "translator", locales=["ja"])
    assert cli(synced, "staff", "revoke", "tr2@campaign.example").exit_code == 0
    found = staff_account(synced, "tr2@campaign.example")
    assert (found.staff_role, found.staff_locales) == (None, [])
    (entry,) = [
        e for e in audit_entries(synced, "staff.revoke") if e.target == "tr2@campaign.example"
    ]
    assert entry.before == {"role": "translator", "locales": ["ja"]}
    assert entry.after == {"role": None, "locales": []}


def test_an_existing_account_gets_the_role_and_keeps_its_password(synced):
    account(synced, "asha@example.org")
    before = staff_account(synced, "asha@example.org").password_hash
    result = create(synced, "asha@example.org", "--role", "moderator", password=None)
    assert result.exit_code == 0 and "role set to moderator" in result.output
    found = staff_account(synced, "asha@example.org")
    assert found.staff_role == "moderator" and found.password_hash == before
    assert cli(synced, "staff", "revoke", "asha@example.org").exit_code == 0
    assert staff_account(synced, "asha@example.org").staff_role is None
    assert cli(synced, "staff", "revoke", "asha@example.org").exit_code != 0


def test_is_staff_checks_the_role(synced):
    class Someone:
        is_authenticated = True
        email_verified_at = utcnow()

        def __init__(self, role):
            self.staff_role = role

    assert ROLES == ("admin", "editor", "translator", "moderator", "analyst")
    assert is_staff(Someone("editor")) and not is_staff(Someone(None))
    assert is_staff(Someone("analyst"), "admin", "analyst")
    assert not is_staff(Someone("editor"), "admin", "analyst")
    assert not is_staff(Someone("superuser"))
