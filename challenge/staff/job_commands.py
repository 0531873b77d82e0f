"""`flask jobs retry ID` and `flask jobs discard ID`: staff's writes to the queue, each audited in
the same transaction as the change (the jobs platform package only reads and runs jobs)."""

import click

from challenge import audit
from challenge.extensions import db
from challenge.jobs import operations
from challenge.jobs.cli import jobs
from challenge.jobs.models import Job


def found(job_id: int) -> Job:
    job = db.session.get(Job, job_id)
    if job is None:
        raise click.ClickException(f"There is no job #{job_id}.")
    return job


@jobs.command("retry")
@click.argument("job_id", type=int)
def retry_command(job_id: int):
    """Queue a failed or dead job again now, with its attempts reset."""
    job = found(job_id)
    before = operations.state_of(job)
    if not operations.retry(job):
        raise click.ClickException(f"Job #{job_id} is {job.state}: only failed or dead jobs retry.")
    audit.record("jobs.retry", f"job #{job_id}", before=before, after=operations.state_of(job))
    db.session.commit()
    click.echo(f"Job #{job_id} ({job.kind}) is queued again.")


@jobs.command("discard")
@click.argument("job_id", type=int)
def discard_command(job_id: int):
    """Delete a job that is queued, failed or dead, so it never runs."""
    job = found(job_id)
    before = operations.state_of(job)
    if not operations.discard(job):
        raise click.ClickException(f"Job #{job_id} is {job.state}: it cannot be discarded.")
    audit.record("jobs.discard", f"job #{job_id}", before=before)
    db.session.commit()
    click.echo(f"Job #{job_id} ({before['kind']}) is discarded.")
