"""Enqueueing: a job row in the caller's transaction, handed to huey once that commits.

If the transaction rolls back, the row and the hand-over go with it. If the process dies
between the commit and the hand-over, the worker's sweep hands the row over (runner.sweep)."""

import logging

from flask import current_app
from sqlalchemy import event
from sqlalchemy.orm import Session

from challenge.clock import utcnow
from challenge.conflicts import insert_unless_present
from challenge.extensions import db
from challenge.jobs.models import QUEUED, Job

log = logging.getLogger(__name__)
PENDING = "jobs.pending"  # Session.info key: ids written in the open transaction


def enqueue(kind: str, idempotency_key: str, payload: dict, *, max_attempts: int | None = None):
    """Add a job to the current transaction; it is handed to the queue when that commits.
    The same key twice is one job: the second call adds nothing. Returns the job's id or None."""
    config = current_app.config
    job_id = insert_unless_present(
        Job.__table__,
        {
            "kind": kind,
            "idempotency_key": idempotency_key,
            "payload": payload,
            "state": QUEUED,
            "attempts": 0,
            "max_attempts": max_attempts or config["JOBS_MAX_ATTEMPTS"],
            "next_attempt_at": utcnow(),
            "created_at": utcnow(),
            "updated_at": utcnow(),
        },
        ["idempotency_key"],
    )
    if job_id is not None:
        hand_over_after_commit(job_id)
    return job_id


def hand_over_after_commit(job_id: int) -> None:
    db.session().info.setdefault(PENDING, []).append(job_id)


@event.listens_for(Session, "after_commit")
def _hand_over(session: Session) -> None:
    pending = session.info.pop(PENDING, None)
    if not pending:
        return
    queue = current_app.extensions["jobs"]
    for job_id in pending:
        try:
            queue.hand_over(job_id)
        except Exception as error:  # the row is committed: the sweep hands it over later
            log.warning(
                "Job %s not handed to the queue (%s); the sweep will", job_id, type(error).__name__
            )


@event.listens_for(Session, "after_rollback")
def _forget(session: Session) -> None:
    session.info.pop(PENDING, None)
