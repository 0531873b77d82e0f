"""Reading certificates."""

from sqlalchemy import select

from challenge.certificates.codes import normalise
from challenge.certificates.models import Certificate
from challenge.extensions import db
from challenge.participation.models import Participant


def by_code(typed: str) -> Certificate | None:
    """The certificate a typed or scanned code names, or None (for malformed codes too)."""
    code = normalise(typed)
    if code is None:
        return None
    return db.session.scalar(select(Certificate).where(Certificate.code == code))


def held_by(participant: Participant | None, kind: str, slug: str) -> Certificate | None:
    if participant is None:
        return None
    return db.session.scalar(
        select(Certificate).where(
            Certificate.participant_id == participant.id,
            Certificate.subject_kind == kind,
            Certificate.subject_slug == slug,
        )
    )
