"""Optional accounts: an e-mail address and a password, for keeping participation across devices."""

import datetime as dt
import secrets

from flask_login import UserMixin
from sqlalchemy import JSON, ForeignKey, String
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
    # The last sign-in (None: none since this was added; created_at counts instead), and when the
    # account was warned that, unused, it will be deleted (accounts/retention.py); a sign-in
    # clears the warning.
    last_active_at: Mapped[dt.datetime | None]
    inactivity_warned_at: Mapped[dt.datetime | None]

    def get_id(self) -> str:
        return self.session_token

    @property
    def is_verified(self) -> bool:
        return self.email_verified_at is not None


class Consent(db.Model):
    """What a person agreed to, when, and under which version of the privacy notice
    (content/pages/privacy, its front matter's `version`). Deleted with the account."""

    __tablename__ = "consent"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("account.id", ondelete="CASCADE"), index=True
    )
    purpose: Mapped[str] = mapped_column(String(32))  # one of accounts.consents.PURPOSES
    notice_version: Mapped[int]
    given_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    withdrawn_at: Mapped[dt.datetime | None]
    # A parental consent's proof of who gave it, without keeping the address: a salted scrypt hash
    # of the guardian's address (accounts.consents.guardian_matches checks one against it).
    # With given_at and notice_version, it is the whole verifiable-consent record; None otherwise.
    guardian_hash: Mapped[str | None] = mapped_column(String(255))


class GuardianRequest(db.Model):
    """A child's account waiting for a parent's or guardian's consent, holding only what making
    it needs (no age, no country, no name). Deleted after RETENTION_GUARDIAN_REQUEST_DAYS if
    nobody consents, or once the guardian's confirmatory message is sent
    (challenge/accounts/guardians.py)."""

    __tablename__ = "guardian_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    child_email: Mapped[str] = mapped_column(String(254))
    password_hash: Mapped[str] = mapped_column(String(255))
    guardian_email: Mapped[str] = mapped_column(String(254))
    locale: Mapped[str] = mapped_column(String(16))
    # Part of the signed link: a link for another request (or a forged one) finds no match.
    nonce: Mapped[str] = mapped_column(String(32), default=lambda: secrets.token_hex(16))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    # Once the guardian consents: the account made, and when. The request then holds only the
    # guardian's address (the password hash is emptied) until their confirmatory message is sent.
    consented_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    account_id: Mapped[int | None] = mapped_column(
        ForeignKey("account.id", ondelete="CASCADE"), default=None
    )
