"""The queue's own retention: finished jobs are deleted after JOBS_KEEP_DAYS."""

import datetime as dt

from flask import current_app
from huey import crontab
from sqlalchemy import delete

from challenge.clock import utcnow
from challenge.extensions import db
from challenge.jobs.models import DONE, Job
from challenge.jobs.registry import periodic


@periodic("purge-finished-jobs", crontab(minute="17", hour="3"))
def purge_finished_jobs() -> str:
    cutoff = utcnow() - dt.timedelta(days=current_app.config["JOBS_KEEP_DAYS"])
    result = db.session.execute(delete(Job).where(Job.state == DONE, Job.updated_at < cutoff))
    db.session.commit()
    return f"{result.rowcount} deleted"
