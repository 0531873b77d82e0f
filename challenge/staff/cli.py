"""`flask staff create|revoke|list`: give campaign staff their role.

Roles change through the same operations as /staff/people (challenge/staff/people/operations.py):
the same audit entries, translators' languages dropped with the role, never the last admin, and
never a role for an account whose address nobody has confirmed.
"""

import sys

import click
from email_validator import EmailNotValidError, validate_email
from flask import current_app
from flask.cli import AppGroup
from flask_babel import force_locale
from sqlalchemy import select

from challenge import audit
from challenge.accounts import passwords
from challenge.accounts.models import Account
from challenge.accounts.operations import find, hash_password
from challenge.accounts.roles import ROLES
from challenge.clock import utcnow
from challenge.extensions import db
from challenge.staff.people import operations


@click.group(cls=AppGroup)
def staff():
    """Campaign staff accounts and their roles."""


def refusal(message) -> click.ClickException:
    """A translated (lazy) message for the operator, in the site's default language."""
    with force_locale(current_app.config["DEFAULT_LOCALE"]):
        return click.ClickException(str(message))


def read_password(email: str, from_stdin: bool) -> str:
    """A new account's password, held to the sign-up policy (challenge/accounts/passwords.py)."""
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    problem = passwords.problem(password, email=email, site_name=current_app.config["SITE_NAME"])
    if problem is not None:
        raise refusal(problem)
    return password


@staff.command()
@click.argument("email")
@click.option("--role", type=click.Choice(ROLES), required=True, help="The staff role.")
@click.option(
    "--password-stdin", is_flag=True, help="Read a new account's password from standard input."
)
def create(email, role, password_stdin):
    """Give EMAIL's account a staff ROLE, creating the account (confirmed) if there is none.

    An existing account must have confirmed its address: anyone can sign up with a new hire's
    address before they do. A new one is made confirmed, since the operator vouches for it.
    """
    try:
        email = validate_email(email, check_deliverability=False).normalized.lower()
    except EmailNotValidError as error:
        raise click.ClickException(str(error)) from None
    account = find(email)
    if account is not None:
        try:
            changed = operations.set_role(account, role, actor=None)
        except operations.Refused as refused:
            raise refusal(refused) from None
        click.echo(f"{email}: role set to {role}." if changed else f"{email}: already {role}.")
        return
    password = read_password(email, password_stdin)
    account = Account(
        email=email,
        password_hash=hash_password(password),
        locale=current_app.config["DEFAULT_LOCALE"],
        email_verified_at=utcnow(),
        staff_role=role,
        staff_locales=[],
    )
    db.session.add(account)
    audit.record("staff.create", email, after={"role": role, "locales": []})
    db.session.commit()
    click.echo(f"{email}: account created with role {role}.")


@staff.command()
@click.argument("email")
def revoke(email):
    """Take EMAIL's staff role (and a translator's languages) away; the account stays."""
    account = find(email)
    if account is None or account.staff_role is None:
        raise click.ClickException(f"{email} is not staff.")
    try:
        operations.revoke(account, actor=None)
    except operations.Refused as refused:
        raise refusal(refused) from None
    click.echo(f"{email}: no longer staff.")


@staff.command("list")
def list_staff():
    """Staff accounts and their roles (and whether their address is confirmed)."""
    for email, role, verified in db.session.execute(
        select(Account.email, Account.staff_role, Account.email_verified_at)
        .where(Account.staff_role.is_not(None))
        .order_by(Account.email)
    ):
        note = "" if verified else "\t(address not confirmed: no access)"
        click.echo(f"{role}\t{email}{note}")
