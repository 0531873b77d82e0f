"""The jobs table: the transactional outbox and the state of every job in one row.

A row is written in the same transaction as the change that asks for the work, so a rollback
leaves no job and a commit leaves one that survives any crash; huey only carries row ids."""

from sqlalchemy import Index

from challenge.clock import utcnow
from challenge.extensions import db

QUEUED, RUNNING, FAILED, DEAD, DONE = "queued", "running", "failed", "dead", "done"
STATES = (QUEUED, RUNNING, FAILED, DEAD, DONE)


class Job(db.Model):
    __tablename__ = "jobs"
    __table_args__ = (Index("ix_jobs_due", "state", "next_attempt_at"),)

    id = db.Column(db.Integer, primary_key=True)
    kind = db.Column(db.String(60), nullable=False)
    # Unique: the same work asked twice is one job, and its handler can tell a second run.
    idempotency_key = db.Column(db.String(200), nullable=False, unique=True)
    payload = db.Column(db.JSON, nullable=False, default=dict)
    state = db.Column(db.String(10), nullable=False, default=QUEUED)
    attempts = db.Column(db.Integer, nullable=False, default=0)
    max_attempts = db.Column(db.Integer, nullable=False)
    last_error = db.Column(db.String(200))  # the exception's type only: never personal data
    next_attempt_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    # While running: when the claim lapses, so a killed worker's job is taken again.
    claimed_until = db.Column(db.DateTime)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    updated_at = db.Column(db.DateTime, nullable=False, default=utcnow, onupdate=utcnow)


class PeriodicRun(db.Model):
    """The last run of each periodic job and its outcome, for the staff console."""

    __tablename__ = "periodic_runs"

    name = db.Column(db.String(60), primary_key=True)
    started_at = db.Column(db.DateTime, nullable=False)
    finished_at = db.Column(db.DateTime)
    succeeded = db.Column(db.Boolean)
    outcome = db.Column(db.String(200))  # a count or the exception's type: never personal data
