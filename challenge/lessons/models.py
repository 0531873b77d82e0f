"""Lessons marked as read, one row per participant and lesson."""

import datetime as dt

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from challenge.content.models import utcnow
from challenge.extensions import db


class LessonCompletion(db.Model):
    __tablename__ = "lesson_completion"
    __table_args__ = (UniqueConstraint("participant_id", "item_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), index=True
    )
    item_id: Mapped[int] = mapped_column(ForeignKey("content_item.id"), index=True)
    country: Mapped[str | None] = mapped_column(String(2))
    locale: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
