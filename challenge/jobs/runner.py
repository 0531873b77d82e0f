"""Running a job: claim it with a conditional UPDATE (so of several workers one runs it), call its
handler, then record done, or failed with the next attempt after an exponential backoff with
jitter, or dead after its last attempt."""

import datetime as dt
import logging
import random

from flask import current_app
from sqlalchemy import and_, or_, select, update

from challenge.clock import utcnow
from challenge.conflicts import insert_unless_present
from challenge.extensions import db
from challenge.jobs.models import DEAD, DONE, FAILED, QUEUED, RUNNING, Job, PeriodicRun
from challenge.jobs.registry import HANDLERS

log = logging.getLogger(__name__)
SWEEP_BATCH = 500


def claimable(now: dt.datetime):
    """Due and waiting, or running under a claim that lapsed (its worker died)."""
    return or_(
        and_(Job.state.in_((QUEUED, FAILED)), Job.next_attempt_at <= now),
        and_(Job.state == RUNNING, Job.claimed_until < now),
    )


def claim(job_id: int) -> bool:
    """Take the job for this worker, unless another has it or it is not due."""
    now = utcnow()
    lease = now + dt.timedelta(seconds=current_app.config["JOBS_LEASE_SECONDS"])
    result = db.session.execute(
        update(Job)
        .where(Job.id == job_id, claimable(now))
        .values(state=RUNNING, attempts=Job.attempts + 1, claimed_until=lease, updated_at=now)
    )
    db.session.commit()
    return result.rowcount == 1


def backoff_seconds(attempts: int) -> float:
    """Base x 2^(attempts-1), capped, of which a random half: workers that failed together
    (a mail server down) do not all come back at the same moment."""
    config = current_app.config
    delay = min(
        config["JOBS_RETRY_MAX_SECONDS"], config["JOBS_RETRY_BASE_SECONDS"] * 2 ** (attempts - 1)
    )
    return delay / 2 + random.uniform(0, delay / 2)  # noqa: S311 - jitter, not a secret


def run(job_id: int) -> str | None:
    """Run the job if this worker can claim it; its new state, or None if it was not claimed."""
    if not claim(job_id):
        return None
    job = db.session.get(Job, job_id)
    kind, key, payload = job.kind, job.idempotency_key, dict(job.payload)
    try:
        handler = HANDLERS.get(kind)
        if handler is None:
            raise LookupError(f"no handler for job kind {kind!r}")
        handler(payload, key)
    except Exception as error:
        db.session.rollback()
        return _failed(job_id, error)
    db.session.execute(
        update(Job)
        .where(Job.id == job_id, Job.state == RUNNING)
        .values(state=DONE, claimed_until=None, last_error=None, updated_at=utcnow())
    )
    db.session.commit()
    return DONE


def _failed(job_id: int, error: Exception) -> str:
    job = db.session.get(Job, job_id)
    reason = type(error).__name__[:200]  # not str(error): SMTP errors quote the addresses
    log.warning("Job %s (%s) failed on attempt %s: %s", job_id, job.kind, job.attempts, reason)
    job.last_error = reason
    job.claimed_until = None
    if job.attempts >= job.max_attempts:
        job.state = DEAD
        db.session.commit()
        return DEAD
    delay = backoff_seconds(job.attempts)
    job.state = FAILED
    job.next_attempt_at = utcnow() + dt.timedelta(seconds=delay)
    db.session.commit()
    current_app.extensions["jobs"].hand_over(job_id, delay=delay)
    return FAILED


def sweep() -> int:
    """Hand every due job to the queue: rows whose hand-over a crash lost, retries, and jobs of a
    worker killed mid-run. A job handed over twice runs once (the claim)."""
    due = db.session.scalars(
        select(Job.id).where(claimable(utcnow())).order_by(Job.next_attempt_at).limit(SWEEP_BATCH)
    ).all()
    db.session.rollback()
    queue = current_app.extensions["jobs"]
    for job_id in due:
        queue.hand_over(job_id)
    return len(due)


# Before any run: a periodic job's first row, so that its first scheduled minute is claimable.
NEVER = dt.datetime(2000, 1, 1)


def claim_periodic(name: str, started: dt.datetime) -> bool:
    """Take this scheduled minute of periodic job `name` for this worker. Every worker's consumer
    starts each periodic job at its time; a conditional UPDATE lets the first of them run it and
    the others skip it, so a job meant for 03:41 runs once however many workers there are."""
    minute = started.replace(second=0, microsecond=0)
    insert_unless_present(PeriodicRun.__table__, {"name": name, "started_at": NEVER}, ["name"])
    claimed = db.session.execute(
        update(PeriodicRun)
        .where(PeriodicRun.name == name, PeriodicRun.started_at < minute)
        .values(started_at=started, finished_at=None, succeeded=None, outcome=None)
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
    return claimed == 1


def run_periodic(name: str, function) -> str | None:
    """Run a periodic job, recording when it started, ended and how it went; None (and nothing
    run) when another worker has already taken this minute's run."""
    if not claim_periodic(name, utcnow()):
        return None
    try:
        outcome = str(function())[:200]
        succeeded = True
    except Exception as error:
        db.session.rollback()
        log.warning("Periodic job %s failed: %s", name, type(error).__name__)
        outcome, succeeded = type(error).__name__[:200], False
    db.session.execute(
        update(PeriodicRun)
        .where(PeriodicRun.name == name)
        .values(finished_at=utcnow(), succeeded=succeeded, outcome=outcome)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return outcome


def run_frequently(app, name: str, function, stop) -> None:
    """Run a frequent job every JOBS_FREQUENT_SECONDS until `stop` (a threading.Event) is set, each
    run in an app context (its own database session) of its own; a failure is logged and the next
    run tries again."""
    interval = app.config["JOBS_FREQUENT_SECONDS"]
    while not stop.is_set():
        with app.app_context():
            try:
                function()
            except Exception as error:
                db.session.rollback()
                log.warning("Frequent job %s failed: %s", name, type(error).__name__)
        stop.wait(interval)
