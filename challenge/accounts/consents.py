"""Consents an account holder gave, each with the privacy notice's version, and their withdrawal.

Withdrawing is as easy as giving: one button per consent on the account page. It stops the
processing at once: each purpose's withdrawal hook (registered by the feature that processes the
data, so accounts imports no feature) runs in the same transaction as the record and its audit
entry. The account's own consent is withdrawn by deleting the account (the data has no other use),
and so is a parent's or guardian's: the account exists only under it.

A parental consent is the verifiable-consent record the law asks for, and no more: when, under
which notice, and a salted scrypt hash of the guardian's address (never the address), so that a
guardian who writes in later can be matched to the consent they gave (`guardian_matches`).
"""

from collections.abc import Callable
from types import SimpleNamespace

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash

from challenge import audit
from challenge.accounts.models import Account, Consent
from challenge.accounts.notice import privacy_notice_version
from challenge.clock import utcnow
from challenge.extensions import db

ACCOUNT = "account"
REMINDERS = "reminders"
SHOW_NAME = "show-name"
PARENTAL = "parental"
CERTIFICATE_NAME = "certificate-name"

PURPOSES = {
    ACCOUNT: _l("Your account: your email address, and your progress kept with it"),
    REMINDERS: _l("Daily reminders by email during an edition"),
    SHOW_NAME: _l("Showing your name in public lists"),
    PARENTAL: _l("A parent's or guardian's consent to this account"),
    CERTIFICATE_NAME: _l("Printing your name on your certificates"),
}

# Withdrawn only by deleting the account, not by a button of their own.
ONLY_BY_DELETION = frozenset({ACCOUNT, PARENTAL})

WITHDRAWERS: dict[str, Callable[[Account], None]] = {}


def on_withdrawal(purpose: str) -> Callable:
    """Register `function(account)`, which stops the processing `purpose` allowed."""

    def register(function: Callable[[Account], None]) -> Callable[[Account], None]:
        WITHDRAWERS[purpose] = function
        return function

    return register


def as_actor(account: Account) -> SimpleNamespace:
    """The audit log names a participant by account number, never by address."""
    return SimpleNamespace(id=account.id, email=f"account #{account.id}", staff_role=None)


def active(account_id: int, purpose: str) -> Consent | None:
    return db.session.scalar(
        select(Consent).where(
            Consent.account_id == account_id,
            Consent.purpose == purpose,
            Consent.withdrawn_at.is_(None),
        )
    )


def _address(email: str) -> str:
    return email.strip().lower()


def give(account_id: int, purpose: str, guardian_email: str | None = None) -> Consent:
    """Record `purpose` under today's notice, unless it is already given; the caller commits.
    A parental consent needs the guardian's address, of which only a salted hash is kept."""
    if purpose not in PURPOSES:
        raise ValueError(f"{purpose!r} is not a consent purpose")
    if (purpose == PARENTAL) != (guardian_email is not None):
        raise ValueError("a guardian's address goes with a parental consent, and only with one")
    consent = active(account_id, purpose)
    if consent is None:
        consent = Consent(
            account_id=account_id, purpose=purpose, notice_version=privacy_notice_version()
        )
        if guardian_email is not None:
            consent.guardian_hash = generate_password_hash(
                _address(guardian_email), method=current_app.config["PASSWORD_HASH_METHOD"]
            )
        db.session.add(consent)
        db.session.flush()
    return consent


def guardian_matches(consent: Consent, email: str) -> bool:
    """Whether `email` is the address of the guardian who gave this parental consent."""
    return consent.guardian_hash is not None and check_password_hash(
        consent.guardian_hash, _address(email)
    )


def listed(account: Account) -> list[Consent]:
    """Every consent the account holder gave, newest first, withdrawn ones too."""
    return list(
        db.session.scalars(
            select(Consent)
            .where(Consent.account_id == account.id)
            .order_by(Consent.given_at.desc(), Consent.id.desc())
        )
    )


class NotWithdrawable(LookupError):
    """No such active consent of this account, or one only deleting the account withdraws."""


def withdraw(account: Account, consent_id: int) -> Consent:
    """Withdraw one of the account's own consents, stop what it allowed, audit; one commit."""
    # A number the column cannot hold (a hand-made URL) names no consent: a 404, not a 500.
    consent = db.session.get(Consent, consent_id) if 0 < consent_id < 2**31 else None
    if (
        consent is None
        or consent.account_id != account.id
        or consent.withdrawn_at is not None
        or consent.purpose in ONLY_BY_DELETION
    ):
        raise NotWithdrawable(consent_id)
    consent.withdrawn_at = utcnow()
    stop = WITHDRAWERS.get(consent.purpose)
    if stop is not None:
        stop(account)
    audit.record(
        "consent.withdraw",
        f"account #{account.id}: {consent.purpose}",
        before={"purpose": consent.purpose, "notice_version": consent.notice_version},
        after={"withdrawn_at": consent.withdrawn_at.isoformat()},
        actor=as_actor(account),
    )
    db.session.commit()
    return consent
