"""Certificates: one per participant and subject (an edition finished, say), each with a code
anyone can check at /verify/<code>."""

import datetime as dt
import secrets

from sqlalchemy import Date, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from challenge.certificates.codes import LENGTH, new_code
from challenge.clock import utcnow
from challenge.extensions import db


def new_salt() -> str:
    return secrets.token_hex(16)


class Certificate(db.Model):
    __tablename__ = "certificate"
    __table_args__ = (UniqueConstraint("participant_id", "subject_kind", "subject_slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(LENGTH), unique=True, default=new_code)
    # Deleting a participant (forgetting them) takes their certificates with them.
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"))
    subject_kind: Mapped[str] = mapped_column(String(32))  # e.g. "edition"
    subject_slug: Mapped[str] = mapped_column(String(120))  # e.g. "quad-cyber-challenge-2023"
    completed_on: Mapped[dt.date] = mapped_column(Date)
    name: Mapped[str | None] = mapped_column(String(80))  # printed only when the holder gave it
    locale: Mapped[str] = mapped_column(String(16))
    issued_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[dt.datetime | None]
    revoke_reason: Mapped[str | None] = mapped_column(String(32))  # a key of reasons.REASONS
    revoked_by_id: Mapped[int | None] = mapped_column(ForeignKey("account.id", ondelete="SET NULL"))
    # Salts the hashed recipient of the Open Badges assertion (challenge/certificates/openbadges.py).
    badge_salt: Mapped[str] = mapped_column(String(32), default=new_salt)

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None

    def __repr__(self) -> str:
        return f"<Certificate {self.subject_kind}/{self.subject_slug} {self.code}>"
