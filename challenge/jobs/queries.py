"""Reads of the jobs table for `flask jobs status` and the staff console."""

from sqlalchemy import Select, func, select

from challenge.extensions import db
from challenge.jobs.models import STATES, Job, PeriodicRun
from challenge.jobs.registry import HANDLERS


def counts() -> dict[str, int]:
    found = dict(db.session.execute(select(Job.state, func.count()).group_by(Job.state)).all())
    return {state: found.get(state, 0) for state in STATES}


def jobs_in(state: str, limit: int = 100) -> list[Job]:
    return list(
        db.session.scalars(
            select(Job).where(Job.state == state).order_by(Job.next_attempt_at, Job.id).limit(limit)
        )
    )


def periodic_runs() -> list[PeriodicRun]:
    return list(db.session.scalars(select(PeriodicRun).order_by(PeriodicRun.name)))


def kinds() -> list[str]:
    """Every job kind registered or found in the table, for the console's filter."""
    found = db.session.scalars(select(Job.kind).distinct()).all()
    return sorted(set(HANDLERS) | set(found))


def jobs(state: str | None, kind: str | None) -> Select:
    """Jobs newest first, optionally of one state and kind (the console pages through them)."""
    query = select(Job)
    if state:
        query = query.where(Job.state == state)
    if kind:
        query = query.where(Job.kind == kind)
    return query.order_by(Job.id.desc())
