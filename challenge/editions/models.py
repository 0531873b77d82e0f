"""Check-ins: one row per participant, edition and action done, with the day it belongs to."""

import datetime as dt

from sqlalchemy import JSON, ForeignKey, Index, String, UniqueConstraint
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


class EditionResult(db.Model):
    """An edition's final standings, frozen once when its last window has ended: its archive
    page shows these and never changes (results.py)."""

    __tablename__ = "edition_result"

    item_id: Mapped[int] = mapped_column(
        ForeignKey("content_item.id", ondelete="CASCADE"), primary_key=True
    )
    standings: Mapped[dict] = mapped_column(JSON)  # leaderboard.Standings.as_dict(), suppressed
    privacy_threshold: Mapped[int]  # the threshold the figures were held back with
    frozen_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class EditionPartner(db.Model):
    """An organisation signed on to an edition by one of its admins (partners.py); `listed`: it
    agreed to appear on the edition's public list of partner organisations."""

    __tablename__ = "edition_partner"
    __table_args__ = (UniqueConstraint("item_id", "organisation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("content_item.id", ondelete="CASCADE"))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"))
    listed: Mapped[bool] = mapped_column(default=False)
    signed_on_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    signed_on_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("account.id", ondelete="SET NULL")
    )
