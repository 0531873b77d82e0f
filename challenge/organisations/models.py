"""Invitations that make an account an organisation's admin (the organisation itself and its admins:
challenge/participation/organisations.py)."""

import datetime as dt

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from challenge.clock import utcnow
from challenge.extensions import db
from challenge.participation.organisations import Organisation, new_code


class OrganisationInvitation(db.Model):
    """An e-mailed link that makes the account with that (confirmed) address an admin, once."""

    __tablename__ = "organisation_invitation"
    __table_args__ = (UniqueConstraint("organisation_id", "email"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"))
    email: Mapped[str] = mapped_column(String(254))
    code: Mapped[str] = mapped_column(String(64), unique=True, default=new_code)
    invited_by: Mapped[int | None] = mapped_column(ForeignKey("account.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    organisation: Mapped[Organisation] = relationship()
