"""The organisation leaderboard: verified only, fair within size brackets, filtered and paged."""

import datetime as dt

import pytest

from challenge.leaderboards import organisations as boards
from challenge.leaderboards.organisations import organisation_board
from challenge.leaderboards.windows import window
from tests.support.leaderboards import TODAY, organisation


@pytest.fixture
def orgs(make_app):
    app = make_app(PRIVACY_MIN_GROUP=3)
    with app.app_context():
        organisation("small-school", headcount=20, members=10, points_each=5, sector="education")
        organisation("tiny-shop", headcount=10, members=5, points_each=30)
        organisation("two-people", headcount=5, members=2)  # under k: never shown
        organisation("unverified-club", headcount=10, members=9, verified=False)
        organisation("big-ministry", headcount=5000, members=800, country="JP", sector="government")
        organisation("bigger-bank", headcount=9000, members=900, country="AU")
        yield app


def slugs(board):
    return [row.slug for row in board.rows]


def test_ranked_by_participation_rate_within_a_size_bracket(orgs):
    board = organisation_board(window("all"), bracket="1-49")
    assert slugs(board) == ["small-school", "tiny-shop"]  # 10 of 20 and 5 of 10: a tie, by name
    assert [row.rank for row in board.rows] == [1, 1]
    big = organisation_board(window("all"), bracket="1000+")
    assert slugs(big) == ["big-ministry", "bigger-bank"]  # 16% against 10%
    assert big.rows[0].rate == pytest.approx(0.16)


def test_ranked_by_average_points_per_member(orgs):
    board = organisation_board(window("all"), bracket="1-49", ranking="points")
    assert slugs(board) == ["tiny-shop", "small-school"]
    assert board.rows[0].points_per_member == 30 and board.rows[1].points_per_member == 5


def test_unverified_and_small_organisations_never_appear(orgs):
    board = organisation_board(window("all"), bracket="1-49")
    assert "unverified-club" not in slugs(board) and "two-people" not in slugs(board)
    page = orgs.test_client().get("/en/leaderboards/organisations").text
    assert "Tiny Shop" in page and "Unverified Club" not in page and "Two People" not in page


def test_filters_by_country_and_sector(orgs):
    assert slugs(organisation_board(window("all"), bracket="1000+", country="AU")) == [
        "bigger-bank"
    ]
    assert slugs(organisation_board(window("all"), bracket="1-49", sector="education")) == [
        "small-school"
    ]


def test_pages(orgs, monkeypatch):
    monkeypatch.setattr(boards, "PAGE_SIZE", 1)
    first = organisation_board(window("all"), bracket="1000+", page=1)
    second = organisation_board(window("all"), bracket="1000+", page=2)
    assert (first.pages, slugs(first), slugs(second)) == (2, ["big-ministry"], ["bigger-bank"])
    assert slugs(organisation_board(window("all"), bracket="1000+", page=99)) == ["bigger-bank"]


def test_windows_count_recent_joins(make_app):
    app = make_app(PRIVACY_MIN_GROUP=3)
    with app.app_context():
        organisation("old-members", headcount=40, members=10, day=TODAY - dt.timedelta(days=90))
        organisation("new-members", headcount=40, members=4)
        board = organisation_board(window("30d"), bracket="1-49")
        assert [(row.slug, row.members) for row in board.rows] == [
            ("new-members", 4),
            ("old-members", 0),
        ]


def test_page_and_api_in_each_language(orgs):
    client = orgs.test_client()
    hindi = client.get("/hi/leaderboards/organisations?bracket=1000%2B&country=JP")
    assert hindi.status_code == 200 and "Big Ministry" in hindi.text and "जापान" in hindi.text
    data = client.get("/api/v1/leaderboards/organisations?bracket=1000%2B").get_json()
    assert [org["slug"] for org in data["organisations"]] == ["big-ministry", "bigger-bank"]
    assert data["organisations"][0]["participation_rate"] == 0.16
    for bad in ("bracket=huge", "country=ZZ", "sector=army", "page=0", "page=abc", "ranking=x"):
        assert client.get(f"/api/v1/leaderboards/organisations?{bad}").status_code == 400
    assert client.get("/en/leaderboards/organisations?page=abc&bracket=nope").status_code == 200
    csv_text = client.get("/api/v1/leaderboards/organisations.csv?bracket=1000%2B").text
    assert csv_text.splitlines()[1].startswith("1,big-ministry,Big Ministry,JP,government,5000,800")
