"""The accounts' retention schedule, applied by the worker (docs/privacy.md "Retention"): an
account whose address was never confirmed is deleted RETENTION_UNCONFIRMED_ACCOUNT_DAYS after
sign-up, with its consent records; a confirmed one nobody signed in to for
RETENTION_INACTIVE_ACCOUNT_DAYS is deleted too, after a warning e-mail
RETENTION_INACTIVE_WARNING_DAYS earlier (a sign-in in between keeps it). Staff accounts are never
purged this way."""

import datetime as dt

from flask import current_app
from huey import crontab
from sqlalchemy import delete, func, select

from challenge import jobs
from challenge.accounts import emails
from challenge.accounts.models import Account, Consent
from challenge.clock import utcnow
from challenge.extensions import db
from challenge.participation.operations import forget_account


@jobs.periodic("purge-unconfirmed-accounts", crontab(minute="35", hour="3"))
def purge_unconfirmed_accounts() -> str:
    days = current_app.config["RETENTION_UNCONFIRMED_ACCOUNT_DAYS"]
    cutoff = utcnow() - dt.timedelta(days=days)
    stale = db.session.scalars(
        select(Account.id).where(
            Account.email_verified_at.is_(None),
            Account.staff_role.is_(None),
            Account.created_at < cutoff,
        )
    ).all()
    for account_id in stale:
        forget_account(account_id)  # none should have taken part, but keep the counts if so
    if stale:
        db.session.execute(delete(Consent).where(Consent.account_id.in_(stale)))
        db.session.execute(delete(Account).where(Account.id.in_(stale)))
    db.session.commit()
    return f"{len(stale)} deleted"


def _delete(account_ids) -> None:
    for account_id in account_ids:
        forget_account(account_id)  # the anonymous counts stay, as at any deletion
    if account_ids:
        db.session.execute(delete(Consent).where(Consent.account_id.in_(account_ids)))
        db.session.execute(delete(Account).where(Account.id.in_(account_ids)))


@jobs.periodic("purge-inactive-accounts", crontab(minute="50", hour="3"))
def purge_inactive_accounts() -> str:
    """Delete the accounts warned long enough ago (and not signed in to since: a sign-in clears
    the warning), then warn those that will be due in RETENTION_INACTIVE_WARNING_DAYS."""
    now = utcnow()
    days = current_app.config["RETENTION_INACTIVE_ACCOUNT_DAYS"]
    notice = dt.timedelta(days=current_app.config["RETENTION_INACTIVE_WARNING_DAYS"])
    last_active = func.coalesce(Account.last_active_at, Account.created_at)
    purgeable = (Account.staff_role.is_(None), Account.email_verified_at.is_not(None))
    due = db.session.scalars(
        select(Account.id).where(
            *purgeable,
            Account.inactivity_warned_at.is_not(None),
            Account.inactivity_warned_at <= now - notice,
            last_active < now - dt.timedelta(days=days),
        )
    ).all()
    _delete(due)
    to_warn = db.session.scalars(
        select(Account).where(
            *purgeable,
            Account.inactivity_warned_at.is_(None),
            last_active < now - dt.timedelta(days=days) + notice,
        )
    ).all()
    for account in to_warn:
        account.inactivity_warned_at = now
        emails.queue("inactive", account.email)
    db.session.commit()
    return f"{len(to_warn)} warned, {len(due)} deleted"
