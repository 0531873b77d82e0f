"""Leaderboards with caching on: repeated reads skip the tallies, and every write shows at once."""

import pytest
from sqlalchemy import event, select

from challenge.extensions import db
from challenge.participation.organisations import Organisation
from tests.support.leaderboards import organisation, take_part


@pytest.fixture
def caching(make_app):
    app = make_app(PRIVACY_MIN_GROUP=3, CACHE_TYPE="SimpleCache")
    with app.app_context():
        yield app


def statements_of(app, path: str) -> tuple[str, list[str]]:
    statements: list[str] = []

    def capture(_conn, _cursor, statement, *_args):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", capture)
    try:
        response = app.test_client().get(path)
        assert response.status_code == 200
    finally:
        event.remove(db.engine, "before_cursor_execute", capture)
    return response.text, statements


def tally_reads(statements: list[str]) -> list[str]:
    return [s for s in statements if "tally" in s or "FROM organisation" in s]


@pytest.mark.parametrize(
    "path",
    [
        "/en/leaderboards/countries?window=30d&sort=pledges",
        "/en/leaderboards/countries?view=per-capita",
        "/embed/en/countries",
        "/embed/en/quad",
        "/api/v1/leaderboards/countries?locale=hi",
        "/api/v1/stats",
    ],
)
def test_country_figures_are_cached_until_the_next_write(caching, path):
    take_part("IN", 3, pledges=1)
    first, statements = statements_of(caching, path)
    assert "India" in first or "भारत" in first or '"participants":3' in first
    assert tally_reads(statements)
    again, statements = statements_of(caching, path)
    assert again == first
    assert tally_reads(statements) == []  # only the revision was read
    take_part("AU", 3, pledges=1)
    changed, statements = statements_of(caching, path)
    assert changed != first and tally_reads(statements)


def test_each_locale_has_its_own_entry(caching):
    take_part("IN", 3)
    row = '<th scope="row">{}</th>'
    assert row.format("India") in statements_of(caching, "/en/leaderboards/countries")[0]
    japanese = statements_of(caching, "/ja/leaderboards/countries")[0]
    assert row.format("インド") in japanese and row.format("India") not in japanese


def test_organisation_changes_show_at_once(caching):
    organisation("tiny-shop", headcount=10, members=5)
    path = "/en/leaderboards/organisations?bracket=1-49"
    assert "Tiny Shop" in statements_of(caching, path)[0]
    assert tally_reads(statements_of(caching, path)[1]) == []
    shop = db.session.scalar(select(Organisation).where(Organisation.slug == "tiny-shop"))
    shop.name = "Corner Shop"
    db.session.commit()
    assert "Tiny Shop" not in statements_of(caching, path)[0]  # renamed (or withheld for review)
    api = "/api/v1/leaderboards/organisations"
    assert caching.test_client().get(api).get_json()["total"] == 1
    shop.verified_at = None
    db.session.commit()
    assert caching.test_client().get(api).get_json()["organisations"] == []
