"""Helpers for the staff console's tests: a client per role, and reading the audit log."""

from sqlalchemy import select

from challenge.accounts.models import Account
from challenge.audit.models import AuditEntry
from challenge.extensions import db
from tests.organisations.support import account, staff

__all__ = ["account", "audit_entries", "staff", "staff_client"]


def staff_client(app, role: str, *, email: str | None = None, locales=()):
    """A client logged in as staff with `role` (translators: into `locales`)."""
    email = email or f"{role}@campaign.example"
    client = staff(app, email, role)
    if locales:
        with app.app_context():
            found = db.session.scalar(select(Account).where(Account.email == email))
            found.staff_locales = list(locales)
            db.session.commit()
    return client


def audit_entries(app, action: str | None = None) -> list[AuditEntry]:
    with app.app_context():
        query = select(AuditEntry).order_by(AuditEntry.id)
        if action:
            query = query.where(AuditEntry.action == action)
        rows = db.session.scalars(query).all()
        for row in rows:
            db.session.expunge(row)
        return rows
