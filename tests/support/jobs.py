"""Helpers for the job queue's tests: an app whose jobs wait on a real huey queue (a SQLite file)
instead of running as they commit, and running what is waiting, as a worker would."""

from flask import Flask
from sqlalchemy import select

from challenge.extensions import db
from challenge.jobs.models import Job


def queued_settings(tmp_path, **overrides) -> dict:
    return {
        "JOBS_IMMEDIATE": False,
        "JOBS_QUEUE_PATH": str(tmp_path / "queue.sqlite3"),
        **overrides,
    }


def work(app: Flask) -> int:
    """Run every task waiting on the app's queue, in this process; how many ran."""
    with app.app_context():
        return app.extensions["jobs"].drain()


def all_jobs(app: Flask) -> list[Job]:
    with app.app_context():
        found = list(db.session.scalars(select(Job).order_by(Job.id)))
        db.session.expunge_all()
        return found
