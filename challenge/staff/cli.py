"""`flask staff create|revoke`: give campaign staff their role."""

import sys

import click
from email_validator import EmailNotValidError, validate_email
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import select

from challenge.accounts.forms import PASSWORD_MAX, PASSWORD_MIN
from challenge.accounts.models import Account
from challenge.accounts.operations import find, hash_password
from challenge.content.models import utcnow
from challenge.extensions import db
from challenge.staff import ROLES, audit


@click.group(cls=AppGroup)
def staff():
    """Campaign staff accounts and their roles."""


def read_password(from_stdin: bool) -> str:
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    if not PASSWORD_MIN <= len(password) <= PASSWORD_MAX:
        raise click.ClickException(f"Use {PASSWORD_MIN} to {PASSWORD_MAX} characters.")
    return password


@staff.command()
@click.argument("email")
@click.option("--role", type=click.Choice(ROLES), required=True, help="The staff role.")
@click.option(
    "--password-stdin", is_flag=True, help="Read a new account's password from standard input."
)
def create(email, role, password_stdin):
    """Give EMAIL's account a staff ROLE, creating the account (confirmed) if there is none."""
    try:
        email = validate_email(email, check_deliverability=False).normalized.lower()
    except EmailNotValidError as error:
        raise click.ClickException(str(error)) from None
    account = find(email)
    if account is not None:
        audit.record("staff.role", email, before={"role": account.staff_role}, after={"role": role})
        account.staff_role = role
        db.session.commit()
        click.echo(f"{email}: role set to {role}.")
        return
    password = read_password(password_stdin)
    db.session.add(
        Account(
            email=email,
            password_hash=hash_password(password),
            locale=current_app.config["DEFAULT_LOCALE"],
            email_verified_at=utcnow(),
            staff_role=role,
        )
    )
    audit.record("staff.create", email, after={"role": role})
    db.session.commit()
    click.echo(f"{email}: account created with role {role}.")


@staff.command()
@click.argument("email")
def revoke(email):
    """Take EMAIL's staff role away; the account stays."""
    account = find(email)
    if account is None or account.staff_role is None:
        raise click.ClickException(f"{email} is not staff.")
    audit.record("staff.revoke", email, before={"role": account.staff_role}, after={"role": None})
    account.staff_role = None
    db.session.commit()
    click.echo(f"{email}: no longer staff.")


@staff.command("list")
def list_staff():
    """Staff accounts and their roles."""
    for email, role in db.session.execute(
        select(Account.email, Account.staff_role)
        .where(Account.staff_role.is_not(None))
        .order_by(Account.email)
    ):
        click.echo(f"{role}\t{email}")
