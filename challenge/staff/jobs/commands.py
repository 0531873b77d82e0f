"""`flask jobs retry ID` and `flask jobs discard ID`: the console's operations from the command
line, audited as "command line" (the jobs platform package only reads and runs jobs)."""

import click

from challenge.jobs.cli import jobs
from challenge.jobs.models import Job
from challenge.staff.cli import refusal
from challenge.staff.jobs import operations


def found(job_id: int) -> Job:
    job = operations.found(job_id)
    if job is None:
        raise click.ClickException(f"There is no job #{job_id}.")
    return job


@jobs.command("retry")
@click.argument("job_id", type=int)
def retry_command(job_id: int):
    """Queue a failed or dead job again now, with its attempts reset."""
    job = found(job_id)
    try:
        operations.retry(job)
    except operations.Refused as refused:
        raise refusal(refused) from None
    click.echo(f"Job #{job_id} ({job.kind}) is queued again.")


@jobs.command("discard")
@click.argument("job_id", type=int)
def discard_command(job_id: int):
    """Delete a job that is queued, failed or dead, so it never runs."""
    job = found(job_id)
    kind = job.kind
    try:
        operations.discard(job)
    except operations.Refused as refused:
        raise refusal(refused) from None
    click.echo(f"Job #{job_id} ({kind}) is discarded.")
