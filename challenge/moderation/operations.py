"""Moderators' decisions on names: approve or hide, each applied only to the version of the name
the moderator saw, and audited."""

import re
from dataclasses import dataclass

from flask import has_request_context
from flask_login import current_user
from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite

from challenge import audit
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

# kind: (review model, its key column, the named model, the name's attribute)
KINDS = {
    "participant": (ParticipantNameReview, "participant_id", Participant, "display_name"),
    "organisation": (OrganisationNameReview, "organisation_id", Organisation, "name"),
}
# What each decision may change: approving a pending or hidden name, hiding a pending or approved one.
DECISIONS = {"approve": (APPROVED, (PENDING, HIDDEN)), "hide": (HIDDEN, (PENDING, APPROVED))}
# Ids and versions within a 32-bit integer column, so no database is asked for one out of range.
REFERENCE = re.compile(r"^(participant|organisation):([0-9]{1,9}):([0-9]{1,9})$")


@dataclass(frozen=True)
class Reference:
    """One name as the moderator saw it: its kind, the participant's or organisation's id, and the
    version of the name."""

    kind: str
    id: int
    version: int

    def __str__(self) -> str:
        return f"{self.kind}:{self.id}:{self.version}"


def parse_reference(text: str) -> Reference | None:
    match = REFERENCE.match(text or "")
    if match is None:
        return None
    kind, subject_id, version = match.groups()
    return Reference(kind, int(subject_id), int(version))


def _actor_id() -> int | None:
    if has_request_context() and current_user.is_authenticated:
        return current_user.id
    return None  # the command line


def _ensure_row(model, key: str, subject) -> None:
    """Names written in bulk (never through the ORM) have no row yet: start one at version 0."""
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    db.session.execute(
        insert(model.__table__)
        .values({key: subject.id, "state": PENDING, "version": 0, "changed_at": subject.created_at})
        .on_conflict_do_nothing(index_elements=[key])
    )


def _target(reference: Reference, subject) -> tuple[str, dict]:
    """The audit target, and what the entry keeps of the name: an organisation's name is public
    record, a person's display name is not kept in the log (it would outlive their account)."""
    if reference.kind == "organisation":
        return f"organisation:{subject.slug}", {"name": subject.name}
    return f"participant:{subject.id}", {}


def decide(references: list[Reference], decision: str) -> tuple[int, int]:
    """Apply `decision` ("approve" or "hide") to each name; commits. Returns (applied, stale):
    stale names changed since the page was shown, or were already decided, and are left alone."""
    state, allowed = DECISIONS[decision]
    actor_id = _actor_id()
    applied = stale = 0
    for reference in dict.fromkeys(references):
        model, key, subject_model, attribute = KINDS[reference.kind]
        subject = db.session.get(subject_model, reference.id)
        if subject is None or not getattr(subject, attribute):
            stale += 1
            continue
        _ensure_row(model, key, subject)
        column = getattr(model, key)
        before = db.session.scalar(select(model.state).where(column == subject.id))
        # Compare-and-set: a name changed meanwhile has a new version, and is not touched.
        result = db.session.execute(
            update(model)
            .where(
                column == subject.id,
                model.version == reference.version,
                model.state.in_(allowed),
            )
            .values(state=state, reviewed_by_id=actor_id, reviewed_at=utcnow())
            .execution_options(synchronize_session=False)
        )
        if result.rowcount != 1:
            stale += 1
            continue
        target, kept = _target(reference, subject)
        verb = "unhide" if before == HIDDEN else decision
        audit.record(
            f"moderation.{verb}",
            target,
            before={"state": before, **kept},
            after={"state": state, **kept},
        )
        applied += 1
    db.session.commit()
    return applied, stale


def approve_pending_organisation_name(organisation: Organisation) -> bool:
    """On verification: staff have read the name, so a pending one is approved (never a hidden
    one). The caller records the audit entry and commits."""
    _ensure_row(OrganisationNameReview, "organisation_id", organisation)
    actor_id = _actor_id()
    result = db.session.execute(
        update(OrganisationNameReview)
        .where(
            OrganisationNameReview.organisation_id == organisation.id,
            OrganisationNameReview.state == PENDING,
        )
        .values(state=APPROVED, reviewed_by_id=actor_id, reviewed_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1
