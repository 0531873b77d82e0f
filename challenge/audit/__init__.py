"""The audit log, a platform service: every staff action, who did it, when, and what changed.

Writing the audit log. Entries join the caller's transaction, so a change and its record of
who made it are committed together or not at all."""

from types import SimpleNamespace

from flask import has_request_context
from flask_login import current_user
from sqlalchemy import func, select

from challenge.audit.models import AuditEntry
from challenge.extensions import db

COMMAND_LINE = "command line"
# Who the log names for what the worker's periodic jobs change (publishing, repairs).
SCHEDULER = SimpleNamespace(id=None, email="scheduler", staff_role=None)
PAGE_SIZE = 50


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


def entries(page: int = 1, action: str | None = None) -> tuple[list[AuditEntry], int, int]:
    """One page of the log, newest first, optionally only actions starting with `action`: its
    rows, the number of entries, and the page's number (a page past the last is the last)."""
    query = select(AuditEntry)
    if action:
        query = query.where(AuditEntry.action.startswith(action, autoescape=True))
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    page = max(1, min(page, -(-total // PAGE_SIZE)))
    rows = db.session.scalars(
        query.order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        .offset((page - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
    ).all()
    return rows, total, page


def actions() -> list[str]:
    return list(
        db.session.scalars(select(AuditEntry.action).distinct().order_by(AuditEntry.action))
    )
