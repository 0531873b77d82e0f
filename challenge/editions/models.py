"""Check-ins: one row per participant, edition and action done, with the day it belongs to."""

import datetime as dt

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from challenge.clock import utcnow
from challenge.extensions import db


class EditionCheckIn(db.Model):
    __tablename__ = "edition_check_in"
    __table_args__ = (
        UniqueConstraint("participant_id", "item_id", "action_id"),
        Index("ix_edition_check_in_item_day", "item_id", "day_index"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"))
    item_id: Mapped[int] = mapped_column(ForeignKey("content_item.id"))  # the edition
    action_id: Mapped[str] = mapped_column(String(80))
    day_index: Mapped[int]  # 0 for the first day
    via: Mapped[str] = mapped_column(String(16))  # task, lesson, quiz or pledge
    country: Mapped[str | None] = mapped_column(String(2))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
