"""Helpers for the job queue's tests: an app whose jobs wait on a real huey queue (a SQLite file)
instead of running as they commit, and running what is waiting, as a worker would."""

import datetime as dt

import time_machine
from flask import Flask
from sqlalchemy import select

from challenge.extensions import db
from challenge.jobs.models import Job, PeriodicRun


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


def periodic_names(app: Flask, at: dt.datetime) -> set[str]:
    """The periodic jobs the worker would start at `at` (naive UTC), by name."""
    huey = app.extensions["jobs"].huey
    return {task.name.removeprefix("periodic.") for task in huey.read_periodic(at)}


def run_periodic(app: Flask, name: str, at: dt.datetime) -> str:
    """Run periodic job `name` as the worker does at `at` (naive UTC): through huey, in the app,
    with its run recorded; the outcome it recorded."""
    huey = app.extensions["jobs"].huey
    (task,) = [task for task in huey.read_periodic(at) if task.name == f"periodic.{name}"]
    with time_machine.travel(at.replace(tzinfo=dt.UTC), tick=False):
        huey.execute(task, timestamp=at)
    with app.app_context():
        run = db.session.get(PeriodicRun, name)
        assert run is not None and run.started_at == at, f"{name} did not run at {at}"
        assert run.succeeded, (name, run.outcome)
        return run.outcome
