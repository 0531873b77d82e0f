"""The audit log, a platform service: every staff action, who did it, when, and what changed.

Writing the audit log. Entries join the caller's transaction, so a change and its record of
who made it are committed together or not at all."""

from types import SimpleNamespace

from flask import has_request_context
from flask_login import current_user
from sqlalchemy import Select, select

from challenge.audit.models import AuditEntry
from challenge.extensions import db

COMMAND_LINE = "command line"
# Who the log names for what the worker's periodic jobs change (publishing, repairs).
SCHEDULER = SimpleNamespace(id=None, email="scheduler", staff_role=None)
# Who it names for what a participant without an account did to their own data (erasing it):
# no address, no id, nothing that points back to the person.
SELF_SERVICE = SimpleNamespace(id=None, email="participant (self-service)", staff_role=None)


def record(action: str, target: str, *, before=None, after=None, actor=None) -> AuditEntry:
    """Add an entry for `action` on `target` by `actor` (the signed-in account by default)."""
    if actor is None and has_request_context() and current_user.is_authenticated:
        actor = current_user
    entry = AuditEntry(
        actor_id=getattr(actor, "id", None),
        actor=actor.email if actor is not None else COMMAND_LINE,
        role=getattr(actor, "staff_role", None),
        action=action,
        target=target[:200],
        before=before,
        after=after,
    )
    db.session.add(entry)
    return entry


def entries(action: str | None = None) -> Select:
    """The log, newest first, optionally only actions starting with `action` (the console
    pages through it)."""
    query = select(AuditEntry)
    if action:
        query = query.where(AuditEntry.action.startswith(action, autoescape=True))
    return query.order_by(AuditEntry.at.desc(), AuditEntry.id.desc())


def actions() -> list[str]:
    return list(
        db.session.scalars(select(AuditEntry.action).distinct().order_by(AuditEntry.action))
    )
