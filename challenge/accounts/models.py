"""Optional accounts: an e-mail address and a password, for keeping participation across devices."""

import datetime as dt
import secrets

from flask_login import UserMixin
from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column

from challenge.clock import utcnow
from challenge.extensions import db


def new_session_token() -> str:
    return secrets.token_urlsafe(32)


class Account(UserMixin, db.Model):
    __tablename__ = "account"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    email_verified_at: Mapped[dt.datetime | None]
    locale: Mapped[str] = mapped_column(String(16))
    # What the login session stores; replacing it ends every session (password change, deletion).
    session_token: Mapped[str] = mapped_column(String(64), unique=True, default=new_session_token)
    # Campaign staff only: one of challenge.accounts.roles.ROLES; set with `flask staff create`.
    staff_role: Mapped[str | None] = mapped_column(String(20))
    # Translators only: the locales they may translate into.
    staff_locales: Mapped[list] = mapped_column(JSON, default=list, server_default="[]")
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    def get_id(self) -> str:
        return self.session_token

    @property
    def is_verified(self) -> bool:
        return self.email_verified_at is not None
