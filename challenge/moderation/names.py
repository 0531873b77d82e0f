"""What others may see of a chosen name: the one place every page, feed and export asks.

Policy (pre-moderation): a participant's display name or an organisation's name is shown publicly
only once a moderator has approved it, and a hidden name is never shown again to anyone but its
owner and campaign staff. Setting or changing a name makes it pending again. Pages reached only by
members or with a secret link (a join link, "My progress", an organisation's dashboard for its
admins) also show pending names, but never hidden ones. Verifying an organisation approves its
pending name: staff read it as they verify.
"""

from flask_babel import lazy_gettext as _l
from sqlalchemy import case, event, exists, inspect, null, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from challenge.clock import utcnow
from challenge.extensions import db
from challenge.moderation.models import (
    APPROVED,
    HIDDEN,
    PENDING,
    OrganisationNameReview,
    ParticipantNameReview,
)
from challenge.participation.models import Participant
from challenge.participation.organisations import Organisation

NAME_WITHHELD = _l("Name withheld")


# Participants' display names, as conditions for queries that select from Participant.


def display_name_public(owner_id: int | None = None):
    """The display name may be shown to everyone (approved), or it is `owner_id`'s own, not hidden."""
    approved = display_name_approved()
    if owner_id is None:
        return approved
    return approved | ((Participant.id == owner_id) & display_name_not_hidden())


def display_name_not_hidden():
    review = ParticipantNameReview
    return ~exists().where(review.participant_id == Participant.id, review.state == HIDDEN)


def display_name_approved():
    """SQL condition on Participant: its display name is approved."""
    review = ParticipantNameReview
    return exists().where(review.participant_id == Participant.id, review.state == APPROVED)


# Organisations' names.


def organisation_name_approved():
    """SQL condition on Organisation: its name is approved."""
    review = OrganisationNameReview
    return exists().where(review.organisation_id == Organisation.id, review.state == APPROVED)


def public_organisation_columns():
    """(name, slug) columns that are NULL unless the name is approved: the slug is made from the
    name, so it is withheld with it."""
    approved = organisation_name_approved()
    return (
        case((approved, Organisation.name), else_=null()),
        case((approved, Organisation.slug), else_=null()),
    )


def organisation_name_state(organisation: Organisation) -> str:
    state = db.session.scalar(
        select(OrganisationNameReview.state).where(
            OrganisationNameReview.organisation_id == organisation.id
        )
    )
    return state or PENDING


def is_listed(organisation: Organisation) -> bool:
    """Whether the organisation's public page is public: verified, with an approved name."""
    return organisation.is_verified and organisation_name_state(organisation) == APPROVED


def shared_name(organisation: Organisation | None) -> str:
    """The name for members and link holders: the real one unless moderators hid it."""
    if organisation is None:
        return ""
    if organisation_name_state(organisation) == HIDDEN:
        return str(NAME_WITHHELD)
    return organisation.name


# Every write that sets or changes a name marks it pending, whichever page or command made it.


def _upsert(session, model, key: str, subject_id: int, state: str) -> None:
    now = utcnow()
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    reviewed = {"reviewed_by_id": None, "reviewed_at": now if state == APPROVED else None}
    statement = insert(model.__table__).values(
        {key: subject_id, "state": state, "version": 1, "changed_at": now, **reviewed}
    )
    statement = statement.on_conflict_do_update(
        index_elements=[key],
        set_={
            "state": state,
            "version": model.__table__.c.version + 1,
            "changed_at": now,
            **reviewed,
        },
    )
    session.connection().execute(statement)


def _changed(instance, attribute: str) -> bool:
    return inspect(instance).attrs[attribute].history.has_changes()


@event.listens_for(Session, "after_flush")
def names_changed(session, _context) -> None:
    for instance in (*session.new, *session.dirty):
        is_new = instance in session.new
        if isinstance(instance, Participant):
            if (is_new and instance.display_name) or (
                not is_new and _changed(instance, "display_name")
            ):
                _upsert(session, ParticipantNameReview, "participant_id", instance.id, PENDING)
        elif isinstance(instance, Organisation) and (is_new or _changed(instance, "name")):
            # One created already verified (by staff, never by registering) was read as it was made.
            state = APPROVED if is_new and instance.verified_at is not None else PENDING
            _upsert(session, OrganisationNameReview, "organisation_id", instance.id, state)
