"""Background work: the jobs table (a transactional outbox) relayed to huey, run by
`flask jobs worker`, with retries, a dead-letter state and periodic jobs (docs/architecture.md)."""

from flask import Flask

from challenge.jobs.outbox import enqueue
from challenge.jobs.registry import frequent, handler, periodic

__all__ = ["enqueue", "frequent", "handler", "init_app", "periodic"]


def init_app(app: Flask) -> None:
    """Last in the factory: every feature has registered its job kinds and periodic jobs."""
    from challenge.jobs import cli, housekeeping  # noqa: F401 - registers the purge
    from challenge.jobs.queue import Queue

    app.extensions["jobs"] = Queue(app)
    app.cli.add_command(cli.jobs)
