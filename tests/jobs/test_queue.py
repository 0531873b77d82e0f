"""The outbox and its queue: a job is written with the change that causes it, runs in a worker
(never in the request), is retried with backoff until the mail server is back, goes dead after
its last attempt, and sends one message however often it runs. Mail goes to a real SMTP server
on loopback (aiosmtpd)."""

import datetime as dt
import time

import time_machine
from sqlalchemy import update

from challenge import mail
from challenge.clock import utcnow
from challenge.extensions import db
from challenge.jobs import runner
from challenge.jobs.models import DEAD, DONE, FAILED, QUEUED, RUNNING, Job
from tests.factories import csrf_token
from tests.support.accounts import ADULT
from tests.support.jobs import all_jobs, queued_settings, work

EMAIL, PASSWORD = "asha@example.org", "correct horse battery staple"


def sign_up(app, email=EMAIL, locale="en"):
    client = app.test_client()
    token = csrf_token(client.get(f"/{locale}/account/signup").text)
    started = time.perf_counter()
    response = client.post(
        f"/{locale}/account/signup",
        data={"csrf_token": token, "email": email, "password": PASSWORD, **ADULT},
    )
    return response, time.perf_counter() - started


def test_a_sign_up_mail_is_sent_by_the_worker_not_the_request(make_app, mail_server, tmp_path):
    app = make_app(**mail_server.settings, **queued_settings(tmp_path))
    response, _ = sign_up(app, locale="ja")
    assert response.status_code == 200
    assert mail_server.mailbox.messages == []  # the request only queued it
    assert [job.state for job in all_jobs(app)] == [QUEUED]

    assert work(app) == 1
    (message,) = mail_server.mailbox.wait_for(1)
    assert message["To"] == EMAIL and message["From"] and message["Date"]
    assert message["Message-ID"].startswith("<") and message["Auto-Submitted"] == "auto-generated"
    assert "メール" in message["Subject"]  # the account's language
    assert message.get_content_type() == "multipart/alternative"
    text, html = message.get_body(("plain",)), message.get_body(("html",))
    assert "/ja/account/verify/" in text.get_content()
    assert '<html lang="ja">' in html.get_content() and "/ja/account/verify/" in html.get_content()
    assert [job.state for job in all_jobs(app)] == [DONE]


def test_with_the_mail_server_down_the_request_is_fast_and_the_mail_goes_later(
    make_app, mail_server, tmp_path
):
    app = make_app(**mail_server.settings, **queued_settings(tmp_path))
    mail_server.stop()
    response, took = sign_up(app)
    assert response.status_code == 200 and took < 2  # no SMTP in the request

    work(app)  # the attempt fails: connection refused
    (job,) = all_jobs(app)
    assert job.state == FAILED and job.attempts == 1
    assert job.last_error == "ConnectionRefusedError"  # the error's type, never an address
    assert job.next_attempt_at > utcnow()
    with app.app_context():
        assert runner.run(job.id) is None  # not due yet: nobody claims it

    mail_server.start()
    with time_machine.travel(job.next_attempt_at + dt.timedelta(seconds=1), tick=False):
        with app.app_context():
            assert runner.sweep() == 1
        work(app)
    assert len(mail_server.mailbox.wait_for(1)) == 1
    assert [job.state for job in all_jobs(app)] == [DONE]


def test_a_job_goes_dead_after_its_last_attempt(make_app, mail_server, tmp_path):
    app = make_app(**mail_server.settings, **queued_settings(tmp_path, JOBS_MAX_ATTEMPTS=2))
    mail_server.stop()
    sign_up(app)
    work(app)
    (job,) = all_jobs(app)
    assert job.state == FAILED
    delays = []
    with app.app_context():
        delays = [runner.backoff_seconds(attempt) for attempt in (1, 2, 3, 4)]
    base = app.config["JOBS_RETRY_BASE_SECONDS"]
    for attempt, delay in enumerate(delays, start=1):  # exponential, with jitter in the top half
        assert base * 2 ** (attempt - 1) / 2 <= delay <= base * 2 ** (attempt - 1)
    later = time_machine.travel(job.next_attempt_at + dt.timedelta(seconds=1), tick=False)
    with later, app.app_context():
        assert runner.run(job.id) == DEAD
    (job,) = all_jobs(app)
    assert job.state == DEAD and job.attempts == 2


def test_a_rolled_back_change_leaves_no_job_and_sends_no_mail(make_app, mail_server, tmp_path):
    app = make_app(**mail_server.settings, **queued_settings(tmp_path))
    with app.app_context():
        mail.queue(EMAIL, "Subject", "text", "<p>html</p>")
        db.session.rollback()
        mail.queue("ravi@example.org", "Subject", "text", "<p>html</p>")
        db.session.commit()
    assert work(app) == 1
    assert [message["To"] for message in mail_server.mailbox.wait_for(1)] == ["ravi@example.org"]
    assert len(all_jobs(app)) == 1


def test_a_job_run_twice_sends_one_mail(make_app, mail_server, tmp_path):
    """A worker killed after sending and before recording the job done: it runs again."""
    app = make_app(**mail_server.settings, **queued_settings(tmp_path))
    with app.app_context():
        mail.queue(EMAIL, "Subject", "text", "<p>html</p>", key="test:once")
        db.session.commit()
    work(app)
    assert len(mail_server.mailbox.wait_for(1)) == 1
    with app.app_context():  # as if the worker died before it recorded the job done
        db.session.execute(
            update(Job).values(state=RUNNING, claimed_until=utcnow() - dt.timedelta(seconds=1))
        )
        db.session.commit()
        assert runner.sweep() == 1
    work(app)
    time.sleep(0.2)
    assert len(mail_server.mailbox.messages) == 1
    assert [job.state for job in all_jobs(app)] == [DONE]


def test_the_same_key_twice_is_one_job(make_app, tmp_path):
    app = make_app(**queued_settings(tmp_path))
    with app.app_context():
        mail.queue(EMAIL, "Subject", "text", "<p>html</p>", key="test:same")
        mail.queue(EMAIL, "Subject", "text", "<p>html</p>", key="test:same")
        db.session.commit()
    assert len(all_jobs(app)) == 1


def test_of_two_workers_one_claims_a_job(make_app, tmp_path):
    app = make_app(**queued_settings(tmp_path))
    with app.app_context():
        mail.queue(EMAIL, "Subject", "text", "<p>html</p>")
        db.session.commit()
    (job,) = all_jobs(app)
    with app.app_context():
        assert runner.claim(job.id) is True
    with app.app_context():
        assert runner.claim(job.id) is False  # running, under a claim that has not lapsed
