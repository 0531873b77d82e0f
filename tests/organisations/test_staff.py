"""`flask staff`: campaign staff accounts and roles, and what a role opens."""

from sqlalchemy import select

from challenge.accounts.models import Account
from challenge.extensions import db
from challenge.staff import ROLES, is_staff
from tests.accounts.test_accounts import PASSWORD, log_in
from tests.organisations.support import account, cli


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

        def __init__(self, role):
            self.staff_role = role

    assert ROLES == ("admin", "editor", "translator", "moderator", "analyst")
    assert is_staff(Someone("editor")) and not is_staff(Someone(None))
    assert is_staff(Someone("analyst"), "admin", "analyst")
    assert not is_staff(Someone("editor"), "admin", "analyst")
    assert not is_staff(Someone("superuser"))
