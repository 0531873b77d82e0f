"""`flask jobs worker` as a real process: killed (SIGKILL) in the middle of a batch, another
worker sends what was left, and no message goes twice."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from challenge import mail
from challenge.extensions import db
from challenge.jobs.models import DONE
from tests.support.jobs import all_jobs, queued_settings

PROJECT_ROOT = Path(__file__).resolve().parents[2]
BATCH = 6


def start_worker(app, instance_path) -> subprocess.Popen:
    config = app.config
    environment = {
        **os.environ,
        "PUBLIC_URL": config["PUBLIC_URL"],
        "SECRET_KEY": config["SECRET_KEY"],
        "DATABASE_URL": config["DATABASE_URL"],
        "INSTANCE_PATH": str(instance_path),
        "JOBS_QUEUE_PATH": config["JOBS_QUEUE_PATH"],
        "JOBS_LEASE_SECONDS": str(config["JOBS_LEASE_SECONDS"]),
        "MAIL_BACKEND": "smtp",
        "MAIL_SERVER": config["MAIL_SERVER"],
        "MAIL_PORT": str(config["MAIL_PORT"]),
        "MAIL_USE_TLS": "false",
        "REDIS_URL": "",  # the SQLite queue file this test shares with the worker
        "LOG_LEVEL": "WARNING",
    }
    flask = Path(sys.executable).with_name("flask")
    return subprocess.Popen(  # noqa: S603 - this project's own flask command
        [str(flask), "--app", "wsgi", "jobs", "worker"],
        cwd=PROJECT_ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def test_a_worker_killed_mid_batch_loses_nothing_and_sends_nothing_twice(
    make_app, mail_server, tmp_path, instance_path
):
    app = make_app(**mail_server.settings, **queued_settings(tmp_path, JOBS_LEASE_SECONDS=1))
    addresses = [f"person{number}@example.org" for number in range(BATCH)]
    with app.app_context():
        for address in addresses:
            mail.queue(address, "Subject", "text", "<p>html</p>")
        db.session.commit()
    mail_server.mailbox.rcpt_delay = 0.3  # slow enough to stop the worker in the middle of one

    first = start_worker(app, instance_path)
    try:
        assert mail_server.mailbox.wait_for_rcpts(3, timeout=60), "the worker sent nothing"
        first.send_signal(signal.SIGKILL)  # in the middle of the third message
    finally:
        first.wait(10)
    delivered_before = len(mail_server.mailbox.messages)
    assert 0 < delivered_before < BATCH
    time.sleep(1.5)  # the killed worker's claim lapses

    second = start_worker(app, instance_path)
    try:
        messages = mail_server.mailbox.wait_for(BATCH, timeout=60)
        time.sleep(1)  # time for a duplicate to arrive, if one were coming
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(20)
    messages = mail_server.mailbox.messages
    assert sorted(message["To"] for message in messages) == addresses  # each exactly once
    assert len({message["Message-ID"] for message in messages}) == BATCH
    assert {job.state for job in all_jobs(app)} == {DONE}
