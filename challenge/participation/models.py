"""Participants: anyone taking part, with or without an account."""

import datetime as dt
import secrets

from sqlalchemy import BigInteger, ForeignKey, Integer, String, false
from sqlalchemy.orm import Mapped, mapped_column

from challenge.clock import utcnow
from challenge.extensions import db


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Participant(db.Model):
    """One person's participation, tied to a browser by a signed cookie and optionally to an account."""

    __tablename__ = "participant"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True, default=new_token)
    country: Mapped[str | None] = mapped_column(String(2))
    locale: Mapped[str] = mapped_column(String(16))
    display_name: Mapped[str | None] = mapped_column(String(60))
    show_name: Mapped[bool] = mapped_column(default=False)  # consent to show display_name publicly
    account_id: Mapped[int | None] = mapped_column(
        ForeignKey("account.id", ondelete="SET NULL"), unique=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    # At most one organisation at a time; its tallies hold everything the participant did.
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"), index=True
    )
    joined_at: Mapped[dt.datetime | None]
    # Consent for the organisation's admins to see display_name; asked again on every join.
    share_name_with_org: Mapped[bool] = mapped_column(default=False, server_default=false())
    # The network of the first action (IPv4 /24, IPv6 /48) as a salted hash that changes every
    # day, never an address: for finding bursts of fake participants (`flask stats bursts`).
    origin: Mapped[str | None] = mapped_column(String(16))
    # Set by `flask stats discount`: none of this participant's actions count any more.
    discount_batch: Mapped[str | None] = mapped_column(String(32), index=True)

    @property
    def public_name(self) -> str | None:
        return self.display_name if self.show_name and self.display_name else None


class Tally(db.Model):
    """An all-time count, kept up to date in the same transaction as the write it counts."""

    __tablename__ = "tally"

    metric: Mapped[str] = mapped_column(String(32), primary_key=True)
    scope: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)


class DailyTally(db.Model):
    """The same counts per UTC day, for time windows and trends."""

    __tablename__ = "daily_tally"

    metric: Mapped[str] = mapped_column(String(32), primary_key=True)
    scope: Mapped[str] = mapped_column(String(80), primary_key=True)
    day: Mapped[dt.date] = mapped_column(primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)


class PendingTally(db.Model):
    """A tally change written behind: the request that counts something inserts its changes here
    (insert-only, no shared row to wait for), and the job worker folds them into `tally` and
    `daily_tally` within seconds (challenge/participation/fold.py). Public counts read the tallies;
    recounts (`flask stats verify`) add what is still pending."""

    __tablename__ = "tally_pending"

    # BIGINT on PostgreSQL; SQLite numbers rows only through an INTEGER primary key.
    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer(), "sqlite"), primary_key=True, autoincrement=True
    )
    metric: Mapped[str] = mapped_column(String(32))
    scope: Mapped[str] = mapped_column(String(80))
    day: Mapped[dt.date]
    delta: Mapped[int] = mapped_column(BigInteger)


class ParticipationRecord:
    """Columns of a once-per-item action (a pledge taken, a lesson read): who, what, where, when."""

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"))
    item_id: Mapped[int] = mapped_column(ForeignKey("content_item.id"), index=True)
    country: Mapped[str | None] = mapped_column(String(2))
    locale: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
