"""Reads of the jobs table for `flask jobs status` and the staff console."""

from sqlalchemy import func, select

from challenge.extensions import db
from challenge.jobs.models import STATES, Job, PeriodicRun


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
