"""Lessons marked as read, and checklists ticked: one row per participant and lesson."""

import datetime as dt

from sqlalchemy import JSON, ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from challenge.clock import utcnow
from challenge.extensions import db
from challenge.participation.models import ParticipationRecord


class LessonCompletion(ParticipationRecord, db.Model):
    __tablename__ = "lesson_completion"
    __table_args__ = (UniqueConstraint("participant_id", "item_id"),)


class ChecklistTicks(db.Model):
    """What a participant has ticked on a lesson's checklist: the items' places, no text and
    nothing about the person, so it is progress like a lesson read (kept, exported and deleted
    with the participant)."""

    __tablename__ = "lesson_checklist_ticks"
    __table_args__ = (UniqueConstraint("participant_id", "item_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"))
    item_id: Mapped[int] = mapped_column(ForeignKey("content_item.id"), index=True)
    ticked: Mapped[list] = mapped_column(JSON)  # [0, 2]: the places of the items ticked
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
