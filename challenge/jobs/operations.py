"""Staff's writes to jobs: retry a failed or dead job now, or discard one. The caller audits
and commits (challenge/staff/jobs), so the change and its audit entry are one transaction."""

from challenge.clock import utcnow
from challenge.extensions import db
from challenge.jobs.models import DEAD, FAILED, QUEUED, Job
from challenge.jobs.outbox import hand_over_after_commit

RETRYABLE = (FAILED, DEAD)
DISCARDABLE = (QUEUED, FAILED, DEAD)


def state_of(job: Job) -> dict:
    return {"kind": job.kind, "state": job.state, "attempts": job.attempts}


def retry(job: Job) -> bool:
    """Queue the job again with its attempts reset; False if it is not failed or dead."""
    if job.state not in RETRYABLE:
        return False
    job.state, job.attempts, job.next_attempt_at, job.claimed_until = QUEUED, 0, utcnow(), None
    db.session.flush()
    hand_over_after_commit(job.id)
    return True


def discard(job: Job) -> bool:
    """Delete a job that is not running or done; False otherwise."""
    if job.state not in DISCARDABLE:
        return False
    db.session.delete(job)
    return True
