"""The jobs page: how many jobs are in each state, the list (by state and kind), retry and
discard for failed and dead jobs, and the periodic jobs' last runs. It shows kinds, ids, counts,
times and error types only: a job's payload (a mail's recipient, say) never appears."""

import re

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from challenge import ratelimits
from challenge.jobs import queries
from challenge.jobs.models import DEAD, FAILED, QUEUED, RUNNING, STATES
from challenge.staff import bp
from challenge.staff.access import require
from challenge.staff.jobs import operations
from challenge.staff.jobs.forms import EmptyForm
from challenge.staff.paging import page_of

PAGE_SIZE = 50
COUNTED = (QUEUED, RUNNING, FAILED, DEAD)  # the states staff watch; done jobs are only listed
ACTIONABLE = (FAILED, DEAD)
# The list's own address with its filters: nothing else is followed after a button.
LIST_ADDRESS = re.compile(r"/staff/jobs(\?[A-Za-z0-9=&%_.+-]{0,300})?")
ID = "int(max=2147483647)"


def render_jobs(error: str | None = None, status: int = 200):
    kinds = queries.kinds()
    state = request.args.get("state", "")
    state = state if state in STATES else ""
    kind = request.args.get("kind", "")
    kind = kind if kind in kinds else ""
    listed = page_of(queries.jobs(state or None, kind or None), PAGE_SIZE)
    return render_template(
        "staff/jobs/index.html",
        counts=queries.counts(),
        counted=COUNTED,
        states=STATES,
        state_name=operations.state_name,
        actionable=ACTIONABLE,
        kinds=kinds,
        state=state,
        kind=kind,
        rows=listed.items,
        total=listed.total,
        page=listed.page,
        pages=max(1, listed.pages),
        periodic_runs=queries.periodic_runs(),
        form=EmptyForm(formdata=None),
        error=error,
    ), status


@bp.get("/jobs")
@require("jobs.manage")
def jobs():
    return render_jobs()


def found(job_id: int):
    job = operations.found(job_id)
    if job is None:
        abort(404)
    return job


def back_to_list():
    target = request.form.get("next", "")
    if not LIST_ADDRESS.fullmatch(target):
        target = url_for("staff.jobs")
    return redirect(target, 303)


def change(job_id: int, operation, done_message: str):
    if not EmptyForm().validate_on_submit():
        abort(400)
    job = found(job_id)
    try:
        operation(job, current_user._get_current_object())
    except operations.Refused as refused:
        return render_jobs(str(refused), 409)
    flash(done_message)
    return back_to_list()


@bp.post(f"/jobs/<{ID}:job_id>/retry")
@require("jobs.manage")
@ratelimits.writes()
def retry_job(job_id: int):
    return change(job_id, operations.retry, _("Job #%(id)s is queued again.", id=job_id))


@bp.post(f"/jobs/<{ID}:job_id>/discard")
@require("jobs.manage")
@ratelimits.writes()
def discard_job(job_id: int):
    return change(job_id, operations.discard, _("Job #%(id)s is discarded.", id=job_id))
