"""Editions in the open data: totals from the edition tallies, hidden under the privacy threshold
and never derivable by difference, schedules with their status, the staff's exact totals in one
grouped query, and a JSON 404 for an unknown slug."""

import pytest
import time_machine
from sqlalchemy import event

from challenge.editions.queries import editions
from challenge.editions.standing import edition_totals
from challenge.extensions import db
from tests.support.editions import (
    AFTER,
    DAY_2,
    finish_days,
    participant_ids,
    rebuild_tallies,
    sync_fixture,
)
from tests.support.schemas import check


@pytest.fixture
def api(make_app):
    """Threshold 3. Japan: 3 finished (days 1 and 2 of the 2 needed), 1 only started; the United
    States: 2 finished; France: 1 started. In all: 7 participants, 5 completions."""
    app = make_app(PRIVACY_MIN_GROUP=3)
    sync_fixture(app)
    for person in participant_ids(app, 3, "JP"):
        finish_days(app, person, (0, 1))
    finish_days(app, participant_ids(app, 1, "JP")[0], ())  # a participant with no check-in
    started = participant_ids(app, 1, "JP")[0]
    finish_days(app, started, (1,))  # day 2 only: 1 of the 2 days needed
    for person in participant_ids(app, 2, "US"):
        finish_days(app, person, (0, 1, 2), country="US")
    finish_days(app, participant_ids(app, 1, "FR")[0], (2,), country="FR")
    rebuild_tallies(app)
    return app


def document(client) -> dict:
    return client.get("/api/openapi.json").get_json()


@time_machine.travel(DAY_2, tick=False)
def test_the_list_gives_totals_windows_and_status(api):
    client = api.test_client()
    response = client.get("/api/v1/editions?locale=ja")
    assert response.status_code == 200
    data = response.get_json()
    check(document(client), "EditionList", data)
    [entry] = data["editions"]
    assert entry["slug"] == "test-week" and entry["locale"] in ("ja", "en")
    assert entry["totals"] == {"participants": 7, "completions": 5}
    assert data["privacy_threshold"] == 3
    windows = {window["country"]: window for window in entry["windows"]}
    assert windows[None] == {
        "country": None,
        "starts": "2024-03-04",
        "ends": "2024-03-06",
        "time_zone": "Asia/Tokyo",
        "status": "running",
    }
    assert windows["US"]["status"] == "upcoming"
    assert windows["US"]["time_zone"] == "America/New_York"
    assert entry["status"] == "running"
    cache = response.headers["Cache-Control"]
    assert "public" in cache and "max-age=60" in cache
    assert response.headers["Access-Control-Allow-Origin"] == "*"


@time_machine.travel(DAY_2, tick=False)
def test_the_detail_has_days_and_countries_with_small_figures_hidden(api):
    client = api.test_client()
    data = client.get("/api/v1/editions/test-week?locale=ja").get_json()
    check(document(client), "Edition", data)
    assert [day["number"] for day in data["days"]] == [1, 2, 3]
    assert [action["id"] for action in data["days"][0]["actions"]] == [
        "tell-a-friend",
        "read-lesson",
    ]
    assert data["days"][1]["actions"][0] == {
        "id": "pass-quiz",
        "kind": "quiz",
        "title": None,
        "ref": "a-quiz",
    }
    assert data["complete_after"] == 2
    countries = {row["country"]: row for row in data["countries"]}
    # Japan shows; the United States (2) has its own window, so it is listed but hidden; so are
    # Kiribati and American Samoa (no one); France (1, no window of its own) is not listed at all.
    assert set(countries) == {"JP", "US", "KI", "AS"}
    # Japan's 3 finishers would leave the United States' 2 as the difference from the 5: held back.
    assert countries["JP"]["participants"] == 4 and countries["JP"]["completions"] is None
    assert countries["JP"]["name"] == "日本"
    assert countries["US"]["participants"] is None and countries["US"]["completions"] is None
    assert countries["KI"]["participants"] is None
    assert data["totals"] == {"participants": 7, "completions": 5}
    assert data["other_countries"] == 3  # the United States and France together


@time_machine.travel(DAY_2, tick=False)
def test_no_hidden_figure_is_the_total_minus_the_shown_ones(api):
    data = api.test_client().get("/api/v1/editions/test-week").get_json()
    k = data["privacy_threshold"]
    for figure in ("participants", "completions"):
        shown = sum(row[figure] for row in data["countries"] if row[figure] is not None)
        left = data["totals"][figure] - shown
        assert left == 0 or left >= k, (figure, left)
    shown_people = sum(row["participants"] or 0 for row in data["countries"])
    assert shown_people + data["other_countries"] == data["totals"]["participants"]


def test_figures_under_the_threshold_are_null(make_app):
    app = make_app(PRIVACY_MIN_GROUP=10)
    sync_fixture(app)
    for person in participant_ids(app, 2, "JP"):
        finish_days(app, person, (0, 1, 2))
    rebuild_tallies(app)
    client = app.test_client()
    [entry] = client.get("/api/v1/editions").get_json()["editions"]
    assert entry["totals"] == {"participants": None, "completions": None}
    detail = client.get("/api/v1/editions/test-week").get_json()
    assert "JP" not in {row["country"] for row in detail["countries"]}
    assert detail["totals"] == {"participants": None, "completions": None}


@pytest.mark.parametrize(
    ("moment", "default", "samoa", "us", "overall"),
    [
        (AFTER, "ended", "running", "upcoming", "running"),  # still the 6th in Pago Pago
        ("2024-03-09 03:00Z", "ended", "ended", "upcoming", "upcoming"),
        ("2024-03-15 03:00Z", "ended", "ended", "ended", "ended"),
    ],
)
def test_the_status_follows_each_window(api, moment, default, samoa, us, overall):
    with time_machine.travel(moment, tick=False):
        [entry] = api.test_client().get("/api/v1/editions").get_json()["editions"]
    statuses = {window["country"]: window["status"] for window in entry["windows"]}
    assert (statuses[None], statuses["AS"], statuses["US"]) == (default, samoa, us)
    assert entry["status"] == overall


@pytest.mark.parametrize(
    "slug", ["no-such-edition", "Test-Week", "a" * 300, "test-week%27--", "a-lesson", "%00"]
)
def test_an_unknown_slug_is_a_json_404(api, slug):
    response = api.test_client().get(f"/api/v1/editions/{slug}")
    assert response.status_code == (400 if slug == "%00" else 404)  # a NUL is refused earlier
    assert "error" in response.get_json()
    assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_a_bad_locale_is_a_json_400(api):
    for path in ("/api/v1/editions?locale=xx", "/api/v1/editions/test-week?locale=xx"):
        response = api.test_client().get(path)
        assert response.status_code == 400 and "error" in response.get_json()


def test_the_totals_are_one_query_for_every_edition(api):
    with api.test_request_context():
        entries = editions("en")
        statements = []

        def count(*_args):
            statements.append(1)

        engine = db.engine
        event.listen(engine, "before_cursor_execute", count)
        try:
            totals = edition_totals(entries * 3)  # the same edition thrice: still one query
        finally:
            event.remove(engine, "before_cursor_execute", count)
    assert len(statements) == 1
    [figures] = totals.values()
    assert (figures.everyone.participants, figures.everyone.completions) == (7, 5)
    assert figures.countries["FR"].participants == 1
    assert figures.countries["US"].completions == 2
