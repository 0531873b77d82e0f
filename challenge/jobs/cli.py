"""`flask jobs worker` and `flask jobs status` (staff adds `retry` and `discard`)."""

import logging
import threading

import click
from flask import current_app
from flask.cli import AppGroup

from challenge.jobs import queries, runner
from challenge.jobs.registry import FREQUENT

jobs = AppGroup("jobs", help="The background job queue (docs/architecture.md).")


@jobs.command("worker")
@click.option("--threads", default=1, show_default=True, help="Jobs run at once in this worker.")
def worker_command(threads: int):
    """Run the huey consumer: the queue's jobs, the sweep and the periodic jobs, until stopped;
    and the frequent jobs (the tally fold) every JOBS_FREQUENT_SECONDS, each in a thread."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    handed_over = runner.sweep()  # at once, not at the next minute: what a crash left behind
    click.echo(f"{handed_over} waiting jobs handed to the queue.")
    app = current_app._get_current_object()
    stop = threading.Event()
    for name, function in FREQUENT.items():
        threading.Thread(
            target=runner.run_frequently,
            args=(app, name, function, stop),
            name=f"frequent-{name}",
            daemon=True,  # a fold cut short by the exit rolls back: the next worker redoes it
        ).start()
    huey = current_app.extensions["jobs"].huey
    consumer = huey.create_consumer(workers=threads, worker_type="thread", periodic=True)
    try:
        consumer.run()
    finally:
        stop.set()


@jobs.command("status")
def status_command():
    """How many jobs are in each state, the failed and dead ones, and the periodic jobs' last runs."""
    for state, count in queries.counts().items():
        click.echo(f"{state:8} {count}")
    for state in ("failed", "dead"):
        for job in queries.jobs_in(state):
            click.echo(
                f"#{job.id} {job.kind} {state} attempts={job.attempts}/{job.max_attempts} "
                f"error={job.last_error or '-'} next={job.next_attempt_at:%Y-%m-%d %H:%M:%S}"
            )
    for run in queries.periodic_runs():
        outcome = "running" if run.succeeded is None else ("ok" if run.succeeded else "failed")
        click.echo(
            f"periodic {run.name}: {run.started_at:%Y-%m-%d %H:%M:%S} {outcome} {run.outcome or ''}"
        )
