"""Scheduling: content goes live at its time with nobody present, everywhere at once."""

import datetime as dt

import pytest
import time_machine

from tests.staff.content.support import edited, editor, revision_rows, send, served, textarea
from tests.staff.support import audit_entries, staff_client

PUBLIC = "/en/lessons/multi-factor-authentication"
# 09:00 in India is 03:30 UTC.
LOCAL, UTC = "2031-04-10T09:00", dt.datetime(2031, 4, 10, 3, 30)


@pytest.fixture
def travel():
    """Travel in time: travel(datetime) (naive UTC), the clock standing still there."""
    with time_machine.travel(dt.datetime(2031, 4, 9, tzinfo=dt.UTC), tick=False) as traveller:
        yield lambda moment: traveller.move_to(moment.replace(tzinfo=dt.UTC))


def schedule(client, url, text=None, when=LOCAL, zone="Asia/Kolkata"):
    return send(client, url, "schedule", text, publish_at=when, timezone=zone)


def test_a_scheduled_change_goes_live_when_the_command_runs_after_its_time(synced, travel):
    client = staff_client(synced, "editor")
    text = edited(textarea(client.get(editor()).text), "Passwords get stolen", "Scheduled words")
    assert schedule(client, editor(), text).status_code == 302
    rows = revision_rows(synced)
    assert rows[-1].state == "scheduled" and rows[-1].pending and rows[-1].publish_at == UTC
    assert (
        audit_entries(synced, "content.schedule")[-1].after["publish_at"] == "2031-04-10T03:30:00Z"
    )
    public = synced.test_client()
    travel(UTC - dt.timedelta(seconds=1))
    assert "Scheduled words" not in public.get(PUBLIC).text
    assert "Scheduled" in client.get("/staff/content?kind=lessons").text
    travel(UTC)
    assert "Scheduled words" not in public.get(PUBLIC).text  # a visitor's request never publishes
    assert revision_rows(synced)[-1].pending is True
    assert synced.test_cli_runner().invoke(args=["content", "publish-due"]).exit_code == 0
    assert "Scheduled words" in public.get(PUBLIC).text
    entry = audit_entries(synced, "content.publish")[-1]
    assert entry.actor == "scheduler" and entry.after["scheduled_by"] == "editor@campaign.example"
    assert revision_rows(synced)[-1].pending is False
    assert revision_rows(synced)[-1].published_at == UTC


def test_the_command_publishes_what_is_due_once(synced, travel):
    client = staff_client(synced, "editor")
    text = edited(textarea(client.get(editor()).text), "Passwords get stolen", "Cron words")
    schedule(client, editor(), text)
    runner = synced.test_cli_runner()
    result = runner.invoke(args=["content", "publish-due"])
    assert result.exit_code == 0 and "0 published." in result.output
    travel(UTC + dt.timedelta(hours=1))
    result = runner.invoke(args=["content", "publish-due"])
    assert result.exit_code == 0, result.output
    assert "published: lesson/multi-factor-authentication:en #2" in result.output
    assert "Cron words" in served(synced).markdown
    assert "0 published." in runner.invoke(args=["content", "publish-due"]).output
    assert len(audit_entries(synced, "content.publish")) == 1


def test_a_new_item_and_its_translation_go_live_together(synced, travel):
    client = staff_client(synced, "editor")
    url = editor("lessons/coming-soon")
    text = (
        "---\ntitle: Coming soon\nsummary: A lesson for later.\nminutes: 3\norder: 99\n"
        "status: published\nversion: 1\nreviewed: 2026-12-07\n---\n\nNot yet.\n"
    )
    assert schedule(client, url, text).status_code == 302
    hindi = "---\ntitle: जल्द आ रहा है\nsummary: बाद के लिए।\nstatus: published\nsource_version: 1\n---\n\nअभी नहीं।\n"
    hi_url = editor("lessons/coming-soon", "hi")
    assert schedule(client, hi_url, hindi, when="2031-04-10T08:59").status_code == 400  # before it
    assert schedule(client, hi_url, hindi).status_code == 302
    public = synced.test_client()
    travel(UTC - dt.timedelta(minutes=1))
    assert public.get("/en/lessons/coming-soon").status_code == 404
    assert "Coming soon" not in public.get("/en/lessons/").text
    travel(UTC)
    assert "Coming soon" not in public.get("/en/lessons/").text
    assert synced.test_cli_runner().invoke(args=["content", "publish-due"]).exit_code == 0
    assert "Coming soon" in public.get("/en/lessons/").text
    assert "अभी नहीं।" in public.get("/hi/lessons/coming-soon").text


def test_schedules_in_the_past_or_at_missing_times_are_refused(synced, travel):
    client = staff_client(synced, "editor")
    response = schedule(client, editor(), when="2030-12-31T23:59", zone="UTC")
    assert response.status_code == 400 and "Choose a time in the future." in response.text
    # Clocks in New York jump from 02:00 to 03:00 on 9 March 2031.
    response = schedule(client, editor(), when="2031-03-09T02:30", zone="America/New_York")
    assert response.status_code == 400 and "does not exist" in response.text
    response = schedule(client, editor(), when="tomorrow")
    assert response.status_code == 400 and "like 2026-04-10 09:00" in response.text
    response = schedule(client, editor(), when="")
    assert response.status_code == 400
    assert revision_rows(synced) == []


def test_publishing_now_calls_off_a_schedule(synced, travel):
    client = staff_client(synced, "editor")
    page_text = textarea(client.get(editor()).text)
    schedule(client, editor(), edited(page_text, "Passwords get stolen", "Later words"))
    send(client, editor(), "publish", edited(page_text, "Passwords get stolen", "Now words"))
    travel(UTC + dt.timedelta(days=1))
    assert "Now words" in synced.test_client().get(PUBLIC).text
    assert [row.pending for row in revision_rows(synced)] == [False, False, False]


def test_the_time_zone_chosen_is_remembered(synced, travel):
    client = staff_client(synced, "editor")
    assert 'selected value="UTC"' in client.get(editor()).text
    schedule(client, editor(), zone="Asia/Tokyo")
    page = client.get(editor()).text
    assert 'selected value="Asia/Tokyo"' in page
    assert 'value="2031-04-10T09:00"' in page  # the schedule, in that zone


def test_a_publish_date_in_the_front_matter_shows_as_scheduled(synced, monkeypatch):
    client = staff_client(synced, "editor")
    text = edited(
        textarea(client.get(editor()).text), "version: 1", "version: 1\npublish_date: 2099-01-01"
    )
    assert send(client, editor(), "publish", text).status_code == 302
    assert synced.test_client().get(PUBLIC).status_code == 404
    cells = client.get("/staff/content?kind=lessons").text
    assert "Scheduled" in cells


def test_a_schedule_that_no_longer_fits_fails_without_breaking_the_site(make_app, content, travel):
    content.lesson("a-lesson")
    content.pledge("p", steps=["One."])
    content.pledge("p", "hi", steps=["एक।"])
    app = make_app(CONTENT_DIR=str(content.root))
    run = app.test_cli_runner()
    assert run.invoke(args=["content", "sync", "--dir", str(content.root)]).exit_code == 0
    client = staff_client(app, "editor")
    url = editor("pledges/p", "hi")
    assert (
        schedule(client, url, edited(textarea(client.get(url).text), "एक।", "पहला।")).status_code
        == 302
    )
    # Meanwhile content/ changes in git: the pledge gets a second step, in both files.
    content.pledge("p", steps=["One.", "Two."])
    content.pledge("p", "hi", steps=["एक।", "दो।"])
    assert run.invoke(args=["content", "sync", "--dir", str(content.root)]).exit_code == 0
    travel(UTC)
    result = run.invoke(args=["content", "publish-due"])
    assert result.exit_code == 1 and "FAILED: pledge/p:hi" in result.output
    entry = audit_entries(app, "content.schedule_failed")[-1]
    assert entry.actor == "scheduler" and "steps" in entry.after["errors"][0]
    assert "दो।" in served(app, "pledges/p", "hi").markdown
    assert app.test_client().get("/hi/pledges/p").status_code == 200
    assert "0 published." in run.invoke(args=["content", "publish-due"]).output
