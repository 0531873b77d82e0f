"""The console's jobs page: only admins, counts and a filtered list without anyone's address,
retry and discard through plain POST forms (the CLI's operations, audited), and clear refusals."""

import re

import pytest
from sqlalchemy import select

from challenge.accounts.models import Account
from challenge.accounts.roles import ROLES
from challenge.extensions import db
from challenge.jobs import runner
from challenge.jobs.models import DEAD, DONE, FAILED, QUEUED, RUNNING, Job
from challenge.jobs.outbox import enqueue
from challenge.mail import outbox
from tests.factories import csrf_token, submit
from tests.staff.support import audit_entries, staff_client
from tests.support.jobs import all_jobs, queued_settings, work

PAGE = "/staff/jobs"
RECIPIENT = "recipient@private.example"
FORM_PAGE = "/en/account/login"  # any page with a form: the session's CSRF token


@pytest.fixture
def queue_app(make_app, tmp_path):
    return make_app(**queued_settings(tmp_path))


def a_job(app, state: str, *, kind: str = "mail.message", attempts: int = 3, error=None) -> int:
    with app.app_context():
        job_id = enqueue(kind, f"test-{kind}-{state}-{attempts}", {"to": RECIPIENT})
        job = db.session.get(Job, job_id)
        job.state, job.attempts, job.last_error = state, attempts, error
        db.session.commit()
        return job_id


def job_state(app, job_id: int) -> tuple[str, int] | None:
    found = {job.id: (job.state, job.attempts) for job in all_jobs(app)}
    return found.get(job_id)


def listed_ids(page: str) -> set[int]:
    return {int(number) for number in re.findall(r'<th scope="row">#(\d+)</th>', page)}


@pytest.mark.parametrize("role", ROLES)
def test_only_admins_open_the_page_and_see_it_in_the_menu(queue_app, role):
    client = staff_client(queue_app, role)
    response = client.get(PAGE)
    assert response.status_code == (200 if role == "admin" else 403)
    menu = client.get("/staff/").text
    assert ('href="/staff/jobs"' in menu) == (role == "admin")
    assert response.headers["Cache-Control"] == "no-store"


def test_anonymous_visitors_are_sent_to_log_in(queue_app):
    response = queue_app.test_client().get(PAGE)
    assert response.status_code == 302 and "/account/login" in response.headers["Location"]


def test_counts_and_a_list_filtered_by_state_and_kind_without_any_address(queue_app):
    dead = a_job(queue_app, DEAD, attempts=8, error="SMTPRecipientsRefused")
    failed = a_job(queue_app, FAILED, kind="accounts.email", attempts=2, error="TimeoutError")
    running = a_job(queue_app, RUNNING, attempts=1)
    done = a_job(queue_app, DONE, attempts=1)
    admin = staff_client(queue_app, "admin")
    page = admin.get(PAGE).text
    assert {dead, failed, running, done} <= listed_ids(page)
    assert RECIPIENT not in page and "test-mail.message" not in page  # no payload, no key
    assert "SMTPRecipientsRefused" in page and "8 of 8" in page
    counts = dict(re.findall(r"<dt>(\w+)</dt><dd><a [^>]*>(\d+)</a></dd>", page))
    assert counts["dead"] == "1" and counts["failed"] == "1" and counts["running"] == "1"
    assert listed_ids(admin.get(PAGE + "?state=dead").text) == {dead}
    assert listed_ids(admin.get(PAGE + "?kind=accounts.email").text) == {failed}
    assert listed_ids(admin.get(PAGE + "?state=dead&kind=accounts.email").text) == set()
    # Nonsense filters and pages show the whole list rather than an error.
    nonsense = admin.get(PAGE + "?state=exploded&kind=no.such.kind&page=abc")
    assert nonsense.status_code == 200 and {dead, failed} <= listed_ids(nonsense.text)
    # Buttons only on failed and dead jobs.
    assert f"/staff/jobs/{dead}/retry" in page and f"/staff/jobs/{failed}/discard" in page
    assert f"/staff/jobs/{running}/retry" not in page and f"/staff/jobs/{done}/discard" not in page


def test_the_list_is_paginated(queue_app):
    with queue_app.app_context():
        for number in range(53):
            enqueue("mail.message", f"many-{number}", {"to": RECIPIENT})
        db.session.commit()
    admin = staff_client(queue_app, "admin")
    first = admin.get(PAGE + "?state=queued").text
    second = admin.get(PAGE + "?state=queued&page=2").text
    assert len(listed_ids(first)) == 50 and len(listed_ids(second)) == 3
    assert not listed_ids(first) & listed_ids(second)
    assert "Page 1 of 2" in first and 'href="/staff/jobs?state=queued&amp;page=2"' in first
    assert listed_ids(admin.get(PAGE + "?state=queued&page=99").text) == listed_ids(second)


@pytest.mark.parametrize("state", [FAILED, DEAD])
def test_retry_from_the_page_queues_the_job_again_and_is_audited(queue_app, state):
    job_id = a_job(queue_app, state)
    admin = staff_client(queue_app, "admin")
    back = PAGE + f"?state={state}"
    response = submit(admin, f"{PAGE}/{job_id}/retry", {"next": back}, page=PAGE)
    assert response.status_code == 303 and response.headers["Location"] == back
    assert job_state(queue_app, job_id) == (QUEUED, 0)
    (entry,) = audit_entries(queue_app, "jobs.retry")
    assert entry.actor == "admin@campaign.example" and entry.role == "admin"
    assert entry.target == f"job #{job_id}"
    assert entry.before == {"kind": "mail.message", "state": state, "attempts": 3}
    assert entry.after == {"kind": "mail.message", "state": QUEUED, "attempts": 0}
    assert f"Job #{job_id} is queued again." in admin.get(back).text


def test_discard_from_the_page_deletes_the_job_and_is_audited(queue_app):
    job_id = a_job(queue_app, DEAD, attempts=8)
    admin = staff_client(queue_app, "admin")
    hostile = "https://evil.example/"
    response = submit(admin, f"{PAGE}/{job_id}/discard", {"next": hostile}, page=PAGE)
    assert response.status_code == 303 and response.headers["Location"] == PAGE
    assert job_state(queue_app, job_id) is None
    (entry,) = audit_entries(queue_app, "jobs.discard")
    assert entry.actor == "admin@campaign.example" and entry.before["state"] == DEAD
    assert f"Job #{job_id} is discarded." in admin.get(PAGE).text


def test_a_post_without_its_csrf_token_changes_nothing(queue_app):
    job_id = a_job(queue_app, DEAD)
    admin = staff_client(queue_app, "admin")
    for action in ("retry", "discard"):
        assert admin.post(f"{PAGE}/{job_id}/{action}").status_code == 400
        assert admin.post(f"{PAGE}/{job_id}/{action}", data={"csrf_token": "x"}).status_code == 400
    assert job_state(queue_app, job_id) == (DEAD, 3)
    assert not [entry for entry in audit_entries(queue_app) if entry.action.startswith("jobs.")]


def test_an_unknown_job_is_not_found(queue_app):
    admin = staff_client(queue_app, "admin")
    token = csrf_token(admin.get(FORM_PAGE).text)
    for action in ("retry", "discard"):
        response = admin.post(f"{PAGE}/999999/{action}", data={"csrf_token": token})
        assert response.status_code == 404
    assert admin.post(f"{PAGE}/99999999999/retry", data={"csrf_token": token}).status_code == 404


def test_a_running_job_is_neither_discarded_nor_retried(queue_app):
    job_id = a_job(queue_app, RUNNING, attempts=1)
    admin = staff_client(queue_app, "admin")
    discard = submit(admin, f"{PAGE}/{job_id}/discard", {}, page=FORM_PAGE)
    assert discard.status_code == 409
    assert f"Job #{job_id} is running: it cannot be discarded while a worker has it." in (
        discard.text
    )
    retry = submit(admin, f"{PAGE}/{job_id}/retry", {}, page=FORM_PAGE)
    assert retry.status_code == 409
    assert f"Job #{job_id} is running: only failed or dead jobs can be retried." in retry.text
    assert job_state(queue_app, job_id) == (RUNNING, 1)
    assert not [entry for entry in audit_entries(queue_app) if entry.action.startswith("jobs.")]


def test_the_page_shows_the_periodic_jobs_last_runs(queue_app):
    admin = staff_client(queue_app, "admin")
    assert "No periodic job has run yet" in admin.get(PAGE).text
    with queue_app.app_context():
        runner.run_periodic("purge-finished-jobs", lambda: "0 deleted")
    page = admin.get(PAGE).text
    assert "<code>purge-finished-jobs</code>" in page and "<code>0 deleted</code>" in page
    assert "Succeeded" in page


def test_the_page_and_its_refusals_speak_the_admins_language(queue_app):
    job_id = a_job(queue_app, RUNNING, attempts=1)
    admin = staff_client(queue_app, "admin")
    with queue_app.app_context():
        found = db.session.scalar(select(Account).where(Account.email == "admin@campaign.example"))
        found.locale = "ja"
        db.session.commit()
    page = admin.get(PAGE).text
    assert "<h1>バックグラウンドジョブ</h1>" in page and "実行中" in page
    refused = submit(admin, f"{PAGE}/{job_id}/discard", {}, page=FORM_PAGE)
    assert refused.status_code == 409
    assert f"ジョブ #{job_id} は実行中です。" in refused.text


def test_a_dead_mail_retried_from_the_page_is_sent_by_the_worker_once(queue_app):
    payload = {"to": RECIPIENT, "subject": "Hello", "text": "Plain words", "html": "<p>Words</p>"}
    with queue_app.app_context():
        job_id = enqueue("mail.message", "dead-mail", payload)
        job = db.session.get(Job, job_id)
        job.state, job.attempts, job.last_error = DEAD, 8, "SMTPServerDisconnected"
        db.session.commit()
    work(queue_app)  # the first hand-over finds the job dead: nothing runs
    with queue_app.app_context():
        assert outbox() == []
    admin = staff_client(queue_app, "admin")
    assert submit(admin, f"{PAGE}/{job_id}/retry", {}, page=PAGE).status_code == 303
    assert work(queue_app) >= 1
    assert job_state(queue_app, job_id) == (DONE, 1)
    with queue_app.app_context():
        (message,) = outbox()
        assert message["To"] == RECIPIENT and message["Subject"] == "Hello"
