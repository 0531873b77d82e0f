"""The moderation state of the names people choose: participants' display names and organisations'
names. A row is written whenever a name is set or changed (see names.py), so a new name is always
pending, whatever page set it."""

import datetime as dt

from sqlalchemy import CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from challenge.clock import utcnow
from challenge.extensions import db

PENDING, APPROVED, HIDDEN = "pending", "approved", "hidden"
STATES = (PENDING, APPROVED, HIDDEN)


class NameReview:
    """Columns shared by both kinds of name: the state, which version of the name it is about, who
    decided and when."""

    state: Mapped[str] = mapped_column(String(16), default=PENDING)
    # Bumped on every change of the name, so a decision applies only to the name the moderator saw.
    version: Mapped[int] = mapped_column(default=1)
    changed_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    reviewed_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("account.id", ondelete="SET NULL")
    )
    reviewed_at: Mapped[dt.datetime | None]


class ParticipantNameReview(NameReview, db.Model):
    __tablename__ = "participant_name_review"
    __table_args__ = (
        CheckConstraint("state IN ('pending', 'approved', 'hidden')", name="state"),
        Index("ix_participant_name_review_state_changed_at", "state", "changed_at"),
    )

    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), primary_key=True
    )


class OrganisationNameReview(NameReview, db.Model):
    __tablename__ = "organisation_name_review"
    __table_args__ = (
        CheckConstraint("state IN ('pending', 'approved', 'hidden')", name="state"),
        Index("ix_organisation_name_review_state_changed_at", "state", "changed_at"),
    )

    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), primary_key=True
    )
