"""`flask orgs list|verify|unverify|add-admin`: campaign staff's tools until the staff console."""

import click
from flask.cli import AppGroup
from sqlalchemy import select

from challenge.accounts.operations import find
from challenge.extensions import db
from challenge.organisations import operations
from challenge.organisations.queries import member_count
from challenge.participation.organisations import Organisation, by_slug


@click.group(cls=AppGroup)
def orgs():
    """Verify and list organisations."""


def found(slug: str) -> Organisation:
    organisation = by_slug(slug)
    if organisation is None:
        raise click.ClickException(f"No organisation {slug!r}.")
    return organisation


@orgs.command("list")
@click.option("--unverified", is_flag=True, help="Only those awaiting verification.")
def list_organisations(unverified):
    """Every organisation: slug, verified or not, members, country, sector and name."""
    query = select(Organisation).order_by(Organisation.created_at)
    if unverified:
        query = query.where(Organisation.verified_at.is_(None))
    for organisation in db.session.scalars(query):
        status = "verified" if organisation.is_verified else "unverified"
        click.echo(
            f"{organisation.slug}\t{status}\t{member_count(organisation)}\t"
            f"{organisation.country}\t{organisation.sector}\t{organisation.name}"
        )


@orgs.command()
@click.argument("slug")
def verify(slug):
    """Mark the organisation SLUG verified, so it can appear publicly."""
    operations.set_verified(found(slug), True)
    click.echo(f"{slug}: verified.")


@orgs.command()
@click.argument("slug")
def unverify(slug):
    """Take the organisation SLUG's verification away."""
    operations.set_verified(found(slug), False)
    click.echo(f"{slug}: unverified.")


@orgs.command("add-admin")
@click.argument("slug")
@click.argument("email")
def add_admin(slug, email):
    """Make EMAIL's account (its address confirmed) an admin of SLUG, audited (for an
    organisation whose admins have all left)."""
    organisation = found(slug)
    account = find(email)
    if account is None:
        raise click.ClickException(f"No account {email!r}.")
    if not account.is_verified:
        # Anyone can sign up with the address of the person meant: they must confirm it first.
        raise click.ClickException(
            f"{email} has not confirmed its address, so anyone could have signed up with it: "
            "ask its owner to open the confirmation link (or ask for a new one on their account "
            "page), then run this again."
        )
    added = operations.add_admin(organisation, account)
    click.echo(f"{email}: {'now an admin' if added else 'already an admin'} of {slug}.")
