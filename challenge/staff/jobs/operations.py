"""Staff's writes to the job queue, shared by the console and `flask jobs retry|discard`: each
change and its audit entry are one transaction. The queue itself (challenge/jobs/operations.py)
decides which states allow which change."""

from flask_babel import lazy_gettext as _l

from challenge import audit
from challenge.extensions import db
from challenge.jobs import operations
from challenge.jobs.models import DEAD, DONE, FAILED, QUEUED, RUNNING, Job

STATE_NAMES = {
    QUEUED: _l("queued"),
    RUNNING: _l("running"),
    FAILED: _l("failed"),
    DEAD: _l("dead"),
    DONE: _l("done"),
}


class Refused(Exception):
    """A change the job's state forbids; the message says why, in the staff member's language."""


def state_name(state: str) -> str:
    return str(STATE_NAMES.get(state, state))


def found(job_id: int) -> Job | None:
    return db.session.get(Job, job_id)


def retry(job: Job, actor=None) -> None:
    """Queue a failed or dead job again now, with its attempts reset; audited; commits."""
    before = operations.state_of(job)
    if not operations.retry(job):
        db.session.rollback()
        raise Refused(
            _l(
                "Job #%(id)s is %(state)s: only failed or dead jobs can be retried.",
                id=job.id,
                state=STATE_NAMES.get(before["state"], before["state"]),
            )
        )
    audit.record(
        "jobs.retry", f"job #{job.id}", before=before, after=operations.state_of(job), actor=actor
    )
    db.session.commit()


def discard(job: Job, actor=None) -> None:
    """Delete a job that is queued, failed or dead, so it never runs; audited; commits."""
    job_id, before = job.id, operations.state_of(job)
    if not operations.discard(job):
        db.session.rollback()
        if before["state"] == RUNNING:
            message = _l(
                "Job #%(id)s is running: it cannot be discarded while a worker has it. Wait until it is done or has failed.",
                id=job_id,
            )
        else:
            message = _l(
                "Job #%(id)s is %(state)s: it cannot be discarded.",
                id=job_id,
                state=STATE_NAMES.get(before["state"], before["state"]),
            )
        raise Refused(message)
    audit.record("jobs.discard", f"job #{job_id}", before=before, actor=actor)
    db.session.commit()
