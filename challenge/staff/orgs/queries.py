"""The console's list of organisations: unverified ones first, with their members and name state."""

from dataclasses import dataclass

from sqlalchemy import Select, String, case, cast, func, literal, or_, select

from challenge.extensions import db
from challenge.moderation.models import PENDING, OrganisationNameReview
from challenge.organisations.queries import admins_of, member_count
from challenge.participation.models import Tally
from challenge.participation.organisations import Organisation, OrganisationAdmin

PAGE_SIZE = 50
STATUSES = ("all", "unverified", "verified")


@dataclass(frozen=True)
class OrganisationRow:
    organisation: Organisation
    members: int
    admins: int
    name_state: str


def organisation_list(status: str = "all", search: str | None = None) -> Select:
    """Unverified organisations first (oldest first: a queue), then verified ones by name."""
    query = select(Organisation)
    if status == "unverified":
        query = query.where(Organisation.verified_at.is_(None))
    elif status == "verified":
        query = query.where(Organisation.verified_at.is_not(None))
    if search:
        needle = search.lower()
        query = query.where(
            or_(
                func.lower(Organisation.name).contains(needle, autoescape=True),
                Organisation.slug.contains(needle, autoescape=True),
            )
        )
    unverified_first = case((Organisation.verified_at.is_(None), 0), else_=1)
    return query.order_by(
        unverified_first,
        case((Organisation.verified_at.is_(None), Organisation.created_at), else_=None),
        func.lower(Organisation.name),
        Organisation.id,
    )


def listed_rows(organisations: list[Organisation]) -> list[OrganisationRow]:
    """A page's organisations with their members, admins and name state, in one query."""
    if not organisations:
        return []
    members = (
        select(Tally.value)
        .where(
            Tally.metric == "participants",
            Tally.scope == literal("org:") + cast(Organisation.id, String),
        )
        .scalar_subquery()
    )
    admins = (
        select(func.count())
        .where(OrganisationAdmin.organisation_id == Organisation.id)
        .scalar_subquery()
    )
    state = (
        select(OrganisationNameReview.state)
        .where(OrganisationNameReview.organisation_id == Organisation.id)
        .scalar_subquery()
    )
    facts = {
        org_id: (int(n), int(a), s)
        for org_id, n, a, s in db.session.execute(
            select(
                Organisation.id, func.coalesce(members, 0), admins, func.coalesce(state, PENDING)
            ).where(Organisation.id.in_([org.id for org in organisations]))
        )
    }
    return [OrganisationRow(org, *facts[org.id]) for org in organisations]


def describe(organisation: Organisation) -> dict:
    """What the audit log keeps of an organisation before and after a change."""

    return {
        "slug": organisation.slug,
        "name": organisation.name,
        "verified": organisation.is_verified,
        "members": member_count(organisation),
        "admins": [admin.email for admin in admins_of(organisation)],
    }
