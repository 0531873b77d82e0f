"""Reads: organisations by slug or code, who may do what, admins and invitations."""

import datetime as dt

from sqlalchemy import func, select

from challenge.accounts.models import Account
from challenge.accounts.roles import is_staff
from challenge.clock import utcnow
from challenge.extensions import db
from challenge.organisations.models import (
    Organisation,
    OrganisationAdmin,
    OrganisationInvitation,
)
from challenge.participation import tallies

INVITATION_DAYS = 7


def by_slug(slug: str) -> Organisation | None:
    return db.session.scalar(select(Organisation).where(Organisation.slug == slug))


def by_code(code: str) -> Organisation | None:
    if not code or len(code) > 64:
        return None
    return db.session.scalar(select(Organisation).where(Organisation.join_code == code))


def by_id(organisation_id: int | None) -> Organisation | None:
    return db.session.get(Organisation, organisation_id) if organisation_id else None


def verified_list() -> list[Organisation]:
    """The public list: verified organisations whose name moderators approved."""
    from challenge.staff.moderation.names import organisation_name_approved

    return list(
        db.session.scalars(
            select(Organisation)
            .where(Organisation.verified_at.is_not(None), organisation_name_approved())
            .order_by(func.lower(Organisation.name))
        )
    )


def is_admin(organisation: Organisation, account) -> bool:
    if not account.is_authenticated:
        return False
    return db.session.get(OrganisationAdmin, (organisation.id, account.id)) is not None


def can_view_dashboard(organisation: Organisation, account) -> bool:
    return is_admin(organisation, account) or is_staff(account, "admin", "analyst")


def can_see_unverified(organisation: Organisation, account) -> bool:
    return is_admin(organisation, account) or is_staff(account)


def administered_by(account) -> list[Organisation]:
    if not account.is_authenticated:
        return []
    return list(
        db.session.scalars(
            select(Organisation)
            .join(OrganisationAdmin, OrganisationAdmin.organisation_id == Organisation.id)
            .where(OrganisationAdmin.account_id == account.id)
            .order_by(func.lower(Organisation.name))
        )
    )


def admins_of(organisation: Organisation) -> list[Account]:
    return list(
        db.session.scalars(
            select(Account)
            .join(OrganisationAdmin, OrganisationAdmin.account_id == Account.id)
            .where(OrganisationAdmin.organisation_id == organisation.id)
            .order_by(Account.email)
        )
    )


def pending_invitations(organisation: Organisation) -> list[OrganisationInvitation]:
    return list(
        db.session.scalars(
            select(OrganisationInvitation)
            .where(
                OrganisationInvitation.organisation_id == organisation.id,
                OrganisationInvitation.created_at > invitation_cutoff(),
            )
            .order_by(OrganisationInvitation.email)
        )
    )


def invitation_cutoff() -> dt.datetime:
    return utcnow() - dt.timedelta(days=INVITATION_DAYS)


def invitation_by_code(code: str) -> OrganisationInvitation | None:
    if not code or len(code) > 64:
        return None
    return db.session.scalar(
        select(OrganisationInvitation).where(
            OrganisationInvitation.code == code,
            OrganisationInvitation.created_at > invitation_cutoff(),
        )
    )


def email_domain(email: str) -> str:
    domain = email.rsplit("@", 1)[-1].strip().lower()
    try:
        return domain.encode("idna").decode("ascii")
    except UnicodeError:
        return domain


def domain_refusal(organisation: Organisation, account) -> str | None:
    """Why this visitor may not join a domain-only organisation ("login", "unverified", "domain")."""
    if not organisation.domain_only or not organisation.email_domain:
        return None
    if not account.is_authenticated:
        return "login"
    if not account.is_verified:
        return "unverified"
    # Exactly the domain: subdomains may be run by someone else (students.example.edu).
    if email_domain(account.email) != organisation.email_domain:
        return "domain"
    return None


def member_count(organisation: Organisation) -> int:
    return tallies.read_one("participants", tallies.organisation_scope(organisation.id))
