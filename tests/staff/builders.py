"""Test data for the console's sections: organisations and staff accounts made directly, names
decided without the console, and reading a name's moderation state."""

from sqlalchemy import select

from challenge.clock import utcnow
from challenge.extensions import db
from challenge.moderation.models import OrganisationNameReview, ParticipantNameReview
from challenge.participation.models import Participant
from challenge.participation.organisations import Organisation
from tests.support.factories import AccountFactory, OrganisationFactory


def make_organisation(app, slug: str, *, name: str | None = None, verified=True, **fields) -> int:
    """An organisation inserted directly (verified ones count as reviewed); its id."""
    with app.app_context():
        if name is not None:
            fields["name"] = name
        return OrganisationFactory(
            slug=slug, verified_at=utcnow() if verified else None, **fields
        ).id


def make_account(
    app, email: str, role: str | None = None, locales=(), *, verified: bool = True
) -> int:
    """An account that never logs in (a target for staff changes), its address confirmed unless
    told otherwise; its id."""
    with app.app_context():
        return AccountFactory(
            email=email,
            email_verified_at=utcnow() if verified else None,
            staff_role=role,
            staff_locales=list(locales),
        ).id


def set_state(app, kind: str, subject_id: int, state: str) -> None:
    """Decide a name without the console (for setting up a test)."""
    model = ParticipantNameReview if kind == "participant" else OrganisationNameReview
    key = model.participant_id if kind == "participant" else model.organisation_id
    with app.app_context():
        row = db.session.scalar(select(model).where(key == subject_id))
        row.state = state
        db.session.commit()


def approve_every_name(app) -> None:
    with app.app_context():
        for model in (ParticipantNameReview, OrganisationNameReview):
            for row in db.session.scalars(select(model)):
                row.state = "approved"
        db.session.commit()


def name_state(app, kind: str, subject_id: int) -> tuple[str, int] | None:
    model = ParticipantNameReview if kind == "participant" else OrganisationNameReview
    key = model.participant_id if kind == "participant" else model.organisation_id
    with app.app_context():
        row = db.session.scalar(select(model).where(key == subject_id))
        return (row.state, row.version) if row else None


def participant_named(app, name: str) -> int:
    with app.app_context():
        return db.session.scalar(select(Participant.id).where(Participant.display_name == name))


def organisation_id(app, slug: str) -> int:
    with app.app_context():
        return db.session.scalar(select(Organisation.id).where(Organisation.slug == slug))
