"""Published content is kept per process between requests, and read again as soon as the content
revision moves: any commit that changes content, through this process or another."""

import datetime as dt

import time_machine
from sqlalchemy import update

from challenge.content.models import ContentItem
from challenge.extensions import db
from tests.support.content_rows import retitle

LESSON = "/en/lessons/spotting-phishing"


def statements(app):
    from sqlalchemy import event

    seen = []
    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", lambda *args: seen.append(args[2]))
    return seen


def test_a_change_shows_at_once_and_unchanged_content_is_not_read_again(synced):
    client = synced.test_client()
    assert client.get(LESSON).status_code == 200
    seen = statements(synced)
    client.get(LESSON)
    assert not [sql for sql in seen if "content_translation" in sql]  # kept from the first read
    retitle(synced, "spotting-phishing", "Renamed in another process")
    assert "Renamed in another process" in client.get(LESSON).text


def test_an_item_scheduled_for_later_appears_at_its_time_without_a_change(synced):
    with synced.app_context():
        db.session.execute(
            update(ContentItem)
            .where(ContentItem.slug == "spotting-phishing")
            .values(publish_at=dt.datetime(2031, 1, 1))
        )
        db.session.commit()
    client = synced.test_client()
    assert client.get(LESSON).status_code == 404
    with time_machine.travel(dt.datetime(2031, 1, 1, tzinfo=dt.UTC), tick=False):
        assert client.get(LESSON).status_code == 200
