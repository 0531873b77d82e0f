"""DEMO_RUNNING_EDITION (set by `make serve`) keeps one real edition running; real dates otherwise."""

import datetime as dt

import time_machine

from challenge.content.operations import sync_tree
from tests.factories import submit

REAL = "/en/editions/quad-cyber-challenge-2023"


def test_the_demo_edition_runs_on_its_second_day_whatever_the_date(make_app, real_content_tree):
    app = make_app(DEMO_RUNNING_EDITION="quad-cyber-challenge-2023")
    with app.app_context():
        sync_tree(real_content_tree, "en")
    client = app.test_client()
    for moment in ("2026-12-07 10:00Z", "2031-06-30 23:30Z"):
        with time_machine.travel(moment, tick=False):
            listing = client.get("/en/editions/").text
            response = client.get(REAL)
            page = response.text
        assert len(response.data) < 50_000  # the country list included
        assert listing.index("Running now") < listing.index(REAL) < listing.index("Coming up")
        assert "Day 2 of 5 where you are" in page
    with time_machine.travel("2026-12-07 10:00Z", tick=False):
        response = submit(client, REAL + "/actions/update-devices", {"country": "IN"}, page=REAL)
    assert response.status_code == 303


def test_without_it_the_real_edition_keeps_its_real_dates(synced):
    with time_machine.travel(dt.datetime(2026, 12, 7, 10, tzinfo=dt.UTC), tick=False):
        page = synced.test_client().get(REAL).text
    assert "April 10, 2023 to April 14, 2023" in page and "This edition has ended" in page
