"""Periodic jobs run by the worker, through huey as its consumer runs them: scheduled publishing
every minute, the nightly reconciliation of the tallies and the retention purges, each safe to
run twice and each with its last run recorded for the console."""

import datetime as dt

import time_machine
from sqlalchemy import select, update

from challenge.content.loader import load_tree
from challenge.content.operations import sync_tree
from challenge.extensions import db
from challenge.jobs import runner
from challenge.jobs.models import PeriodicRun
from challenge.participation import reconcile
from challenge.participation.models import Participant, Tally
from tests.factories import submit
from tests.staff.content.support import edited, editor, revision_rows, send, textarea
from tests.staff.support import audit_entries, staff_client
from tests.support.jobs import periodic_names, run_periodic
from tests.support.tallies import fold_pending

PUBLIC = "/en/lessons/multi-factor-authentication"
# 09:00 in India is 03:30 UTC.
LOCAL, UTC = "2031-04-10T09:00", dt.datetime(2031, 4, 10, 3, 30)


def test_the_worker_runs_each_periodic_job_on_its_schedule(app):
    every_minute = periodic_names(app, dt.datetime(2031, 4, 10, 12, 7))
    assert every_minute == {"sweep", "publish-scheduled-content"}
    at_night = set()
    for minute in range(60):
        at_night |= periodic_names(app, dt.datetime(2031, 4, 10, 3, minute))
    assert {
        "reconcile-tallies",
        "forget-old-origins",
        "purge-finished-jobs",
        "purge-sent-mail-keys",
    } <= at_night


def test_scheduled_content_goes_live_from_the_worker_once(synced):
    client = staff_client(synced, "editor")
    text = edited(textarea(client.get(editor()).text), "Passwords get stolen", "Worker words")
    response = send(client, editor(), "schedule", text, publish_at=LOCAL, timezone="Asia/Kolkata")
    assert response.status_code == 302
    public = synced.test_client()
    before = UTC - dt.timedelta(minutes=1)
    assert run_periodic(synced, "publish-scheduled-content", before) == "0 published, 0 failed"
    assert "Worker words" not in public.get(PUBLIC).text
    assert run_periodic(synced, "publish-scheduled-content", UTC) == "1 published, 0 failed"
    with time_machine.travel(UTC.replace(tzinfo=dt.UTC) + dt.timedelta(seconds=5), tick=False):
        assert "Worker words" in public.get(PUBLIC).text
    later = UTC + dt.timedelta(minutes=1)
    assert run_periodic(synced, "publish-scheduled-content", later) == "0 published, 0 failed"
    (entry,) = audit_entries(synced, "content.publish")
    assert entry.actor == "scheduler" and entry.after["scheduled_by"] == "editor@campaign.example"
    assert revision_rows(synced)[-1].published_at == UTC
    with synced.app_context():
        run = db.session.get(PeriodicRun, "publish-scheduled-content")
        assert run.started_at == later and run.outcome == "0 published, 0 failed"


def test_a_publish_date_needs_no_job_or_purge_even_with_the_texts_cached(make_app, content):
    """Readers keep the published texts per content revision and filter by time on every read,
    so an item whose publish_date comes shows at once, with nothing to purge or warm."""
    app = make_app(PAGE_CACHE_SECONDS=60)
    at = dt.datetime(2031, 5, 1, 6, 0, tzinfo=dt.UTC)
    content.lesson("now", title="A lesson already out")
    content.lesson("later", title="A lesson for May", publish_date=at, order=2)
    with app.app_context():
        sync_tree(load_tree(content.root, ("en", "hi", "ja"), "en"), "en")
    client = app.test_client()
    with time_machine.travel(at - dt.timedelta(seconds=1), tick=False):
        assert "A lesson for May" not in client.get("/en/lessons/").text
        assert client.get("/en/lessons/later").status_code == 404
    with time_machine.travel(at, tick=False):
        assert "A lesson for May" in client.get("/en/lessons/").text
        assert client.get("/en/lessons/later").status_code == 200


def drift_a_tally(app) -> None:
    with app.app_context():
        db.session.execute(
            update(Tally).where(Tally.metric == "pledges", Tally.scope == "all").values(value=7)
        )
        db.session.commit()


def test_the_nightly_reconciliation_repairs_drift_once_and_is_audited(synced):
    client = synced.test_client()
    submit(client, "/en/pledges/turn-on-mfa", {"country": "IN"})
    fold_pending(synced)
    nights = [dt.datetime(2031, 4, day, 3, 41) for day in (11, 12, 13)]
    assert run_periodic(synced, "reconcile-tallies", nights[0]) == "0 drifted"
    assert audit_entries(synced, "participation.rebuild") == []
    drift_a_tally(synced)
    assert run_periodic(synced, "reconcile-tallies", nights[1]) == "1 drifted, rebuilt"
    with synced.app_context():
        assert reconcile.drift() == []
        pledges = db.session.scalar(
            select(Tally.value).where(Tally.metric == "pledges", Tally.scope == "all")
        )
        assert pledges == 1
    (entry,) = audit_entries(synced, "participation.rebuild")
    assert entry.actor == "scheduler" and entry.before["all"]["pledges"] == 7
    assert entry.after["all"]["pledges"] == 1
    # Run again: nothing to repair, nothing more in the log.
    assert run_periodic(synced, "reconcile-tallies", nights[2]) == "0 drifted"
    assert len(audit_entries(synced, "participation.rebuild")) == 1


def test_the_daily_purge_forgets_origins_past_their_days(synced):
    start = dt.datetime(2031, 3, 1, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        submit(synced.test_client(), "/en/pledges/turn-on-mfa", {"country": "IN"})
    with synced.app_context():
        assert db.session.scalar(select(Participant.origin)) is not None
    day_29 = dt.datetime(2031, 3, 30, 3, 29)
    assert run_periodic(synced, "forget-old-origins", day_29) == "0 erased"
    day_31 = dt.datetime(2031, 4, 1, 3, 29)
    assert run_periodic(synced, "forget-old-origins", day_31) == "1 erased"
    day_32 = dt.datetime(2031, 4, 2, 3, 29)
    assert run_periodic(synced, "forget-old-origins", day_32) == "0 erased"
    with synced.app_context():
        assert db.session.scalar(select(Participant.origin)) is None
    (entry,) = audit_entries(synced, "participation.forget_origins")
    assert entry.actor == "scheduler" and entry.after["participants"] == 1


def test_of_several_workers_one_runs_each_scheduled_minute(app):
    """Every worker's consumer starts the periodic jobs; one run a minute happens, whichever."""
    calls = []
    at = dt.datetime(2031, 4, 10, 3, 41, 2, tzinfo=dt.UTC)
    with app.app_context():
        for seconds in (0, 1, 30):
            with time_machine.travel(at + dt.timedelta(seconds=seconds), tick=False):
                runner.run_periodic("reconcile-tallies", lambda: calls.append(1) or "ran")
        assert calls == [1]
        with time_machine.travel(at + dt.timedelta(minutes=1), tick=False):
            assert runner.run_periodic("reconcile-tallies", lambda: "ran again") == "ran again"
        run = db.session.get(PeriodicRun, "reconcile-tallies")
        assert run.outcome == "ran again" and run.succeeded
