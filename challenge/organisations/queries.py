"""Reads: organisations by slug or code, who may do what, admins and invitations."""

import datetime as dt

from sqlalchemy import func, select

from challenge.accounts.models import Account
from challenge.accounts.roles import is_staff
from challenge.clock import utcnow
from challenge.extensions import db
from challenge.moderation.names import organisation_name_approved
from challenge.organisations.models import OrganisationInvitation
from challenge.participation import tallies
from challenge.participation.organisations import Organisation, OrganisationAdmin, is_admin

INVITATION_DAYS = 7


def verified_list() -> list[Organisation]:
    """The public list: verified organisations whose name moderators approved."""

    return list(
        db.session.scalars(
            select(Organisation)
            .where(Organisation.verified_at.is_not(None), organisation_name_approved())
            .order_by(func.lower(Organisation.name))
        )
    )


def can_view_dashboard(organisation: Organisation, account) -> bool:
    return is_admin(organisation, account) or is_staff(account, "admin", "analyst")


def can_see_unverified(organisation: Organisation, account) -> bool:
    return is_admin(organisation, account) or is_staff(account)


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


def member_count(organisation: Organisation) -> int:
    return tallies.read_one("participants", tallies.organisation_scope(organisation.id))
