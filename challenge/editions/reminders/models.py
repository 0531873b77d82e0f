"""A reminder subscription: one address for one edition, confirmed or not yet."""

import datetime as dt
import secrets

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from challenge.clock import utcnow
from challenge.extensions import db


def new_nonce() -> str:
    return secrets.token_hex(16)


class EditionReminder(db.Model):
    __tablename__ = "edition_reminder"
    __table_args__ = (UniqueConstraint("item_id", "email"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("content_item.id", ondelete="CASCADE"))
    email: Mapped[str] = mapped_column(String(254))
    locale: Mapped[str] = mapped_column(String(16))
    country: Mapped[str | None] = mapped_column(String(2))  # which window; None: the default
    # Part of the signed confirmation link; a new one on every request, so older links lapse.
    nonce: Mapped[str] = mapped_column(String(32), default=new_nonce)
    confirmed_at: Mapped[dt.datetime | None]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
