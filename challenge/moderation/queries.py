"""The moderation lists: names waiting for review (oldest first), approved and hidden ones."""

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import String, cast, false, func, literal, null, or_, select, union_all

from challenge.accounts.models import Account
from challenge.extensions import db
from challenge.moderation.models import (
    APPROVED,
    HIDDEN,
    PENDING,
    OrganisationNameReview,
    ParticipantNameReview,
)
from challenge.moderation.operations import Reference
from challenge.participation.models import Participant
from challenge.participation.organisations import Organisation

PAGE_SIZE = 50
LISTS = (PENDING, APPROVED, HIDDEN)
KINDS = ("all", "participant", "organisation")


@dataclass(frozen=True)
class NameRow:
    kind: str  # "participant" or "organisation"
    id: int
    name: str
    version: int
    state: str
    since: dt.datetime  # when the name was set
    reviewed_at: dt.datetime | None
    reviewer: str | None
    on_wall: bool  # participants: shown on the public wall once approved; organisations: verified
    shared: bool  # participants: shown to their organisation's admins
    slug: str | None  # organisations only

    @property
    def reference(self) -> Reference:
        return Reference(self.kind, self.id, self.version)


def _state(review):
    return func.coalesce(review.state, PENDING)


def _in_list(review, state: str):
    return (
        or_(review.state.is_(None), review.state == PENDING)
        if state == PENDING
        else (review.state == state)
    )


def _participants(state: str, search: str | None):
    review = ParticipantNameReview
    query = (
        select(
            literal("participant", String).label("kind"),
            Participant.id.label("id"),
            Participant.display_name.label("name"),
            func.coalesce(review.version, 0).label("version"),
            _state(review).label("state"),
            func.coalesce(review.changed_at, Participant.created_at).label("since"),
            review.reviewed_at.label("reviewed_at"),
            Account.email.label("reviewer"),
            Participant.show_name.label("on_wall"),
            Participant.share_name_with_org.label("shared"),
            cast(null(), String).label("slug"),
        )
        .outerjoin(review, review.participant_id == Participant.id)
        .outerjoin(Account, Account.id == review.reviewed_by_id)
        .where(
            Participant.display_name.is_not(None),
            # Only names someone else would see; the rest stay pending until their owner shows them.
            or_(Participant.show_name.is_(True), Participant.share_name_with_org.is_(True)),
            _in_list(review, state),
        )
    )
    if search:
        query = query.where(
            func.lower(Participant.display_name).contains(search.lower(), autoescape=True)
        )
    return query


def _organisations(state: str, search: str | None):
    review = OrganisationNameReview
    query = (
        select(
            literal("organisation", String).label("kind"),
            Organisation.id.label("id"),
            Organisation.name.label("name"),
            func.coalesce(review.version, 0).label("version"),
            _state(review).label("state"),
            func.coalesce(review.changed_at, Organisation.created_at).label("since"),
            review.reviewed_at.label("reviewed_at"),
            Account.email.label("reviewer"),
            Organisation.verified_at.is_not(None).label("on_wall"),
            false().label("shared"),
            Organisation.slug.label("slug"),
        )
        .outerjoin(review, review.organisation_id == Organisation.id)
        .outerjoin(Account, Account.id == review.reviewed_by_id)
        .where(_in_list(review, state))
    )
    if search:
        query = query.where(func.lower(Organisation.name).contains(search.lower(), autoescape=True))
    return query


def names(
    state: str = PENDING, kind: str = "all", search: str | None = None, page: int = 1
) -> tuple[list[NameRow], int]:
    """One page of a list: pending names oldest first (a queue), decided ones latest first."""
    parts = []
    if kind in ("all", "participant"):
        parts.append(_participants(state, search))
    if kind in ("all", "organisation"):
        parts.append(_organisations(state, search))
    rows = union_all(*parts).subquery() if len(parts) > 1 else parts[0].subquery()
    total = db.session.scalar(select(func.count()).select_from(rows)) or 0
    if state == PENDING:
        order = (rows.c.since, rows.c.kind, rows.c.id)
    else:
        order = (rows.c.reviewed_at.desc(), rows.c.kind, rows.c.id)
    found = db.session.execute(
        select(rows).order_by(*order).offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE)
    ).mappings()
    return [
        NameRow(**{**row, "on_wall": bool(row["on_wall"]), "shared": bool(row["shared"])})
        for row in found
    ], total
