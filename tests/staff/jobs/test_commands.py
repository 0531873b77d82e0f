"""`flask jobs retry` and `flask jobs discard`: only jobs in the right state, each change audited."""

import pytest

from challenge.extensions import db
from challenge.jobs.models import DEAD, DONE, FAILED, QUEUED, Job
from challenge.jobs.outbox import enqueue
from tests.staff.support import audit_entries
from tests.support.jobs import all_jobs, queued_settings


@pytest.fixture
def queue_app(make_app, tmp_path):
    return make_app(**queued_settings(tmp_path))


def a_job(app, state: str, attempts: int = 3) -> int:
    with app.app_context():
        job_id = enqueue("mail.message", f"test-{state}", {"to": "nobody@example.org"})
        job = db.session.get(Job, job_id)
        job.state, job.attempts = state, attempts
        db.session.commit()
        return job_id


def run(app, *args):
    return app.test_cli_runner().invoke(args=["jobs", *args])


@pytest.mark.parametrize("state", [FAILED, DEAD])
def test_a_failed_or_dead_job_is_queued_again_with_its_attempts_reset(queue_app, state):
    job_id = a_job(queue_app, state)
    result = run(queue_app, "retry", str(job_id))
    assert result.exit_code == 0, result.output
    (job,) = all_jobs(queue_app)
    assert (job.state, job.attempts) == (QUEUED, 0)
    (entry,) = audit_entries(queue_app, "jobs.retry")
    assert entry.target == f"job #{job_id}" and entry.actor == "command line"
    assert entry.before["state"] == state and entry.after["state"] == QUEUED


def test_a_job_that_is_done_is_not_retried_or_discarded(queue_app):
    job_id = a_job(queue_app, DONE)
    for command in ("retry", "discard"):
        result = run(queue_app, command, str(job_id))
        assert result.exit_code == 1 and f"Job #{job_id} is done" in result.output
    assert [job.state for job in all_jobs(queue_app)] == [DONE]
    assert not [e for e in audit_entries(queue_app) if e.action.startswith("jobs.")]


def test_discarding_deletes_the_job_and_records_what_it_was(queue_app):
    job_id = a_job(queue_app, DEAD, attempts=8)
    result = run(queue_app, "discard", str(job_id))
    assert result.exit_code == 0, result.output
    assert all_jobs(queue_app) == []
    (entry,) = audit_entries(queue_app, "jobs.discard")
    assert entry.before == {"kind": "mail.message", "state": DEAD, "attempts": 8}


def test_an_unknown_job_is_a_clear_error(queue_app):
    result = run(queue_app, "retry", "999999")
    assert result.exit_code == 1 and "There is no job #999999." in result.output
