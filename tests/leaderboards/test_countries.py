"""The country leaderboard: ranking, ties, sorting, windows, the privacy threshold and per-capita."""

import datetime as dt

import pytest

from challenge.leaderboards.queries import country_board, per_capita_rows, public_totals
from challenge.leaderboards.windows import window
from tests.factories import submit
from tests.support.leaderboards import TODAY, take_part
from tests.support.tallies import fold_pending


@pytest.fixture
def small_k(make_app):
    app = make_app(PRIVACY_MIN_GROUP=3)
    with app.app_context():
        yield app


def board(key="all", sort="points", today=None):
    return country_board(window(key, today=today), sort)


def test_countries_are_ranked_with_ties_sharing_a_rank(small_k):
    take_part("IN", 5, pledges=1)  # 50 points
    take_part("JP", 4, pledges=1, lessons=2)  # 80 points
    take_part("AU", 5, lessons=2)  # 50 points
    take_part("US", 3, pledges=2)  # 60 points
    rows = board().rows
    assert [(row.country, row.rank, row.figures.points) for row in rows] == [
        ("JP", 1, 80),
        ("US", 2, 60),
        ("AU", 3, 50),  # a tie: both third, in name order
        ("IN", 3, 50),
    ]
    by_people = board(sort="participants").rows
    assert [(row.country, row.rank) for row in by_people] == [
        ("AU", 1),
        ("IN", 1),
        ("JP", 3),
        ("US", 4),
    ]


def test_small_countries_are_hidden_and_never_isolated(small_k):
    take_part("IN", 6, pledges=1)
    take_part("JP", 3, pledges=1)
    take_part("FJ", 1, pledges=1)  # under k
    result = board()
    # total minus IN minus JP would reveal Fiji's one person, so JP is folded into "other" too.
    assert [row.country for row in result.rows] == ["IN"]
    assert result.other.participants == 4 and result.other.pledges == 4
    take_part("FJ", 2)
    assert [row.country for row in board().rows] == ["IN", "JP", "FJ"]
    assert board().other is None


def test_nothing_is_public_below_k_people_in_all(small_k):
    take_part("IN", 2, pledges=1)
    assert board().rows == [] and board().other is None
    assert public_totals(window("all")) is None


def test_time_windows(small_k):
    long_ago = TODAY - dt.timedelta(days=60)
    take_part("IN", 4, pledges=1, day=long_ago)
    take_part("JP", 3, pledges=1, day=long_ago)
    take_part("JP", 3, pledges=1)  # today
    all_time = {row.country: row.figures.pledges for row in board().rows}
    assert all_time == {"IN": 4, "JP": 6}
    recent = {row.country: row.figures.pledges for row in board("30d").rows}
    assert recent == {"JP": 3}
    assert {row.country for row in board("week").rows} == {"JP"}
    assert board("30d", today=TODAY + dt.timedelta(days=40)).rows == []


def test_a_window_hides_a_country_whose_earlier_people_are_too_few(small_k):
    take_part("JP", 1, pledges=1, day=TODAY - dt.timedelta(days=60))
    take_part("JP", 5, pledges=1)
    take_part("IN", 5, pledges=1)
    # All time minus the last 30 days would show the one earlier Japanese participant.
    assert {row.country for row in board("30d").rows} == {"IN"}


def test_per_capita_uses_the_shipped_population(small_k):
    take_part("IN", 5)
    take_part("AU", 5)
    rows = per_capita_rows(board(sort="participants").rows, "participants")
    assert [row.country for row in rows] == ["AU", "IN"]
    assert rows[0].per_100k("participants") == pytest.approx(5 * 100_000 / 25_364_307)


def test_the_page_in_each_language(make_app):
    app = make_app(PRIVACY_MIN_GROUP=3)
    with app.app_context():
        take_part("IN", 3, pledges=1)
        take_part("JP", 4, pledges=1)
    client = app.test_client()
    english = client.get("/en/leaderboards/countries")
    assert english.status_code == 200
    assert "India" in english.text and "Japan" in english.text
    assert '<svg class="chart"' in english.text and "<table" in english.text
    hindi = client.get("/hi/leaderboards/countries?sort=pledges&window=30d")
    assert "भारत" in hindi.text and "जापान" in hindi.text and "India" not in hindi.text
    japanese = client.get("/ja/leaderboards/countries?view=per-capita")
    assert "インド" in japanese.text and "世界銀行" in japanese.text and "2019" in japanese.text
    assert client.get("/en/leaderboards/countries?window=nonsense&sort=nonsense").status_code == 200


def test_real_pledges_reach_the_leaderboard(make_app, real_content_tree):
    from challenge.content.operations import sync_tree

    app = make_app(PRIVACY_MIN_GROUP=2)
    with app.app_context():
        sync_tree(real_content_tree, "en")
    for _ in range(2):
        submit(app.test_client(), "/en/pledges/turn-on-mfa", {"country": "AU"})
    fold_pending(app)  # as the job worker does within a second
    page = app.test_client().get("/en/leaderboards/countries").text
    assert "Australia" in page
    with app.app_context():
        row = board().rows[0]
        assert (row.country, row.figures.participants, row.figures.pledges, row.figures.points) == (
            "AU",
            2,
            2,
            20,
        )
