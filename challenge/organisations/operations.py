"""Writes: registering and editing organisations, admins and invitations, joining and leaving."""

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, or_, select
from sqlalchemy.exc import IntegrityError

from challenge import audit, mail
from challenge.accounts.models import Account
from challenge.clock import utcnow
from challenge.conflicts import insert_unless_present
from challenge.extensions import db
from challenge.moderation.operations import approve_pending_organisation_name
from challenge.organisations.models import OrganisationInvitation
from challenge.participation.models import Participant
from challenge.participation.operations import (
    MembershipChanged,
    participant_for_action,
    set_organisation,
)
from challenge.participation.organisations import (
    RESERVED_SLUGS,
    Organisation,
    OrganisationAdmin,
    new_code,
    slug_base,
)
from challenge.urls import public_url

EDITABLE = ("name", "country", "sector", "headcount", "website", "email_domain")
SETTINGS = (*EDITABLE, "domain_only", "goal_percent")


def unique_slug(name: str) -> str:
    """The name's slug, with -2, -3... when taken; never a reserved word."""
    base = slug_base(name)
    taken = set(
        db.session.scalars(
            select(Organisation.slug).where(
                or_(Organisation.slug == base, Organisation.slug.like(f"{base}-%"))
            )
        )
    )
    taken |= RESERVED_SLUGS
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


def register(account: Account, **fields) -> Organisation:
    """Create an unverified organisation administered by `account`."""
    for _attempt in range(3):
        organisation = Organisation(slug=unique_slug(fields["name"]), created_at=utcnow(), **fields)
        db.session.add(organisation)
        try:
            db.session.flush()
        except IntegrityError:  # someone took the slug at the same moment: try the next one
            db.session.rollback()
            continue
        db.session.add(OrganisationAdmin(organisation_id=organisation.id, account_id=account.id))
        db.session.commit()
        return organisation
    raise RuntimeError("could not find a free slug")


def update_settings(organisation: Organisation, **fields) -> None:
    """Change what admins may change; the slug stays, so links keep working."""
    for name in SETTINGS:
        if name in fields:
            setattr(organisation, name, fields[name])
    if not organisation.email_domain:
        organisation.domain_only = False
    db.session.commit()


def rotate_code(organisation: Organisation) -> None:
    """A new join link; the old one stops working at once."""
    organisation.join_code = new_code()
    db.session.commit()


def set_verified(organisation: Organisation, verified: bool) -> None:
    """Verify or unverify, audited; the one operation behind `flask orgs verify` and the console.

    Verifying also approves a pending name (staff read it as they verify), never a hidden one.
    """

    before = {"verified": organisation.is_verified}
    organisation.verified_at = (organisation.verified_at or utcnow()) if verified else None
    after = {"verified": verified}
    if verified and approve_pending_organisation_name(organisation):
        after["name_approved"] = organisation.name
    audit.record(
        "organisations.verify" if verified else "organisations.unverify",
        f"organisation:{organisation.slug}",
        before=before,
        after=after,
    )
    db.session.commit()


def add_admin(organisation: Organisation, account: Account) -> bool:
    """Make the account an admin; False if it already was. Audited (`flask orgs add-admin`:
    staff decide it, not the organisation), naming the account by its id, not its address, which
    would outlive a deleted account in the log."""

    if not _admin_added(organisation.id, account.id):
        db.session.rollback()
        return False
    audit.record(
        "organisations.add_admin",
        f"organisation:{organisation.slug}",
        after={"admin_account_id": account.id},
    )
    db.session.commit()
    return True


def remove_admin(organisation: Organisation, account_id: int) -> bool:
    """Remove an admin; False (nothing changed) for the last one."""
    # Lock the organisation so two admins removing each other cannot leave it with none.
    db.session.execute(
        select(Organisation.id).where(Organisation.id == organisation.id).with_for_update()
    )
    count = db.session.scalar(
        select(func.count())
        .select_from(OrganisationAdmin)
        .where(OrganisationAdmin.organisation_id == organisation.id)
    )
    row = db.session.get(OrganisationAdmin, (organisation.id, account_id))
    if row is None or count <= 1:
        db.session.rollback()
        return False
    db.session.delete(row)
    db.session.commit()
    return True


def invite(organisation: Organisation, email: str, inviter: Account, locale: str) -> None:
    """E-mail a one-time admin invitation, whether or not the address has an account.

    The page says the same either way, and the admin list shows only accepted invitations, so
    inviting never reveals who has an account.
    """
    invitation = db.session.scalar(
        select(OrganisationInvitation).where(
            OrganisationInvitation.organisation_id == organisation.id,
            OrganisationInvitation.email == email,
        )
    )
    if invitation is None:  # inserted unless a concurrent invitation of the address just was
        insert_unless_present(
            OrganisationInvitation.__table__,
            {"organisation_id": organisation.id, "email": email},
            ["organisation_id", "email"],
        )
        invitation = db.session.scalar(
            select(OrganisationInvitation).where(
                OrganisationInvitation.organisation_id == organisation.id,
                OrganisationInvitation.email == email,
            )
        )
    invitation.code = new_code()  # a new invitation replaces the old link
    invitation.invited_by = inviter.id
    invitation.created_at = utcnow()
    existing = db.session.scalar(select(Account).where(Account.email == email))
    locale = existing.locale if existing is not None else locale  # theirs, if they have one
    link = public_url("organisations.invitation", code=invitation.code, locale=locale)
    with force_locale(locale):
        subject = str(_l("Become an admin of %(name)s", name=organisation.name))
    text, html = mail.render(
        "organisations/email/invite", locale, organisation=organisation, link=link
    )
    mail.queue(email, subject, text, html)  # sent by the worker if this commits
    db.session.commit()


def accept_invitation(invitation: OrganisationInvitation, account: Account) -> None:
    organisation_id = invitation.organisation_id
    db.session.execute(
        delete(OrganisationInvitation).where(OrganisationInvitation.id == invitation.id)
    )  # a statement, not the session's delete, so a second tab deleting it too is no error
    _admin_added(organisation_id, account.id)
    db.session.commit()


def _admin_added(organisation_id: int, account_id: int) -> bool:
    """Make the account an admin unless it is one (perhaps by a concurrent request just now)."""
    return bool(
        insert_unless_present(
            OrganisationAdmin.__table__,
            {"organisation_id": organisation_id, "account_id": account_id},
            ["organisation_id", "account_id"],
        )
    )


def join(
    organisation: Organisation,
    *,
    country: str | None,
    locale: str,
    display_name: str | None,
    share_name: bool,
) -> Participant:
    """Make the acting participant a member (leaving any other organisation); commits.

    Raises participation.operations.MembershipChanged, after rolling back, if another request
    changed the membership meanwhile.
    """
    participant = participant_for_action(country, locale)
    if display_name and not participant.display_name:
        participant.display_name = display_name
    try:
        set_organisation(participant, organisation.id)
    except MembershipChanged:
        db.session.rollback()
        raise
    participant.share_name_with_org = bool(share_name)
    db.session.commit()
    return participant


def leave(participant: Participant) -> None:
    """Raises MembershipChanged, after rolling back, if another request changed it meanwhile."""
    try:
        set_organisation(participant, None)
    except MembershipChanged:
        db.session.rollback()
        raise
    db.session.commit()


def share_name(participant: Participant, share: bool, display_name: str | None = None) -> None:
    if participant.organisation_id is not None:
        if display_name and not participant.display_name:
            participant.display_name = display_name
        participant.share_name_with_org = bool(share)
        db.session.commit()
