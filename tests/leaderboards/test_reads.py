"""No leaderboard, widget or open-data request reads participation rows: only the tallies.

Every GET route of the leaderboards, embed and api blueprints is requested, in every locale and
with every window, sort and view, over a database that has rows, and each SQL statement is checked.
"""

import re

import pytest
from sqlalchemy import event

from challenge.extensions import db
from challenge.i18n.locales import url_prefix
from tests.support.leaderboards import organisation

PARTICIPATION_ROWS = re.compile(
    r"\b(participant|pledge_taken|lesson_completion|quiz_attempt|account)\b", re.IGNORECASE
)
BLUEPRINTS = ("leaderboards", "embed", "api")
EDITION = "quad-cyber-challenge-2024"  # in content/editions/
QUERIES = (
    {},
    {"window": "week", "sort": "participants"},
    {"window": "30d", "sort": "pledges", "view": "per-capita"},
    {"ranking": "points", "bracket": "1000+", "page": "2"},
    {"country": "IN", "sector": "business", "locale": "ja"},
)


def public_urls(app) -> list[str]:
    urls = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint.split(".")[0] not in BLUEPRINTS or "GET" not in rule.methods:
            continue
        locales = app.config["LOCALES"] if "locale" in rule.arguments else [None]
        for locale in locales:
            path = rule.rule.replace("<locale:locale>", url_prefix(locale) if locale else "")
            path = path.replace("<slug>", EDITION)
            urls += [path] if rule.endpoint == "api.openapi" else [(path, q) for q in QUERIES]
    return urls


@pytest.mark.parametrize("cache_type", ["NullCache", "SimpleCache"])
def test_public_figures_never_read_participation_rows(make_app, real_content_tree, cache_type):
    from challenge.content.operations import sync_tree

    app = make_app(PRIVACY_MIN_GROUP=3, CACHE_TYPE=cache_type)
    with app.app_context():
        sync_tree(real_content_tree, "en")
        assert (
            app.test_cli_runner().invoke(args=["demo", "seed", "--participants", "60"]).exit_code
            == 0
        )
        organisation("big-ministry", headcount=5000, members=800, sector="business")
        organisation("small-school", headcount=20, members=10, sector="education")
        statements: list[str] = []

        def capture(_conn, _cursor, statement, *_args):
            statements.append(statement)

        event.listen(db.engine, "before_cursor_execute", capture)
        try:
            client = app.test_client()
            requested = 0
            for url in public_urls(app):
                path, query = url if isinstance(url, tuple) else (url, {})
                response = client.get(path, query_string=query)
                assert response.status_code in (200, 302), (path, query, response.status_code)
                requested += 1
        finally:
            event.remove(db.engine, "before_cursor_execute", capture)
    assert requested > 100
    assert any("tally" in statement for statement in statements)  # the capture works
    scans = [statement for statement in statements if PARTICIPATION_ROWS.search(statement)]
    assert scans == []
