"""Warm the app once, before gunicorn forks its workers (gunicorn.conf.py), so that no worker (a new
one after a crash included) serves its first visitors slowly: templates compiled, catalogs and CLDR
data loaded, the collated country lists and their rendered <select>s, SQL statements compiled.

It asks for every public page type in every locale, as a newcomer would, and writes nothing.
"""

import logging
import time

from flask import Flask

from challenge.content.queries import published_items
from challenge.extensions import db

log = logging.getLogger(__name__)
KINDS = (
    ("lesson", "lessons.lesson"),
    ("quiz", "quizzes.quiz"),
    ("pledge", "pledges.pledge"),
    ("edition", "editions.edition"),
)
LISTS = (
    "pages.home",
    "lessons.index",
    "quizzes.index",
    "pledges.index",
    "editions.index",
    "leaderboards.countries",
    "leaderboards.organisations",
    "embed.quad",
)


def warm_up(app: Flask) -> str:
    """What was done, in a line for the server's log. Never stops the server from starting (a
    database not migrated yet, say): the workers then warm up as they serve."""
    try:
        return _warm_up(app)
    except Exception as error:
        log.warning("Could not warm up", exc_info=True)
        return f"Could not warm up ({type(error).__name__}); the workers warm up as they serve"


def _warm_up(app: Flask) -> str:

    started = time.perf_counter()
    client, failures = app.test_client(use_cookies=False), 0  # a newcomer every time
    with app.test_request_context():
        from flask import url_for

        paths = ["/api/v1/leaderboards/countries", "/api/v1/stats"]
        for locale in app.config["LOCALES"]:
            paths += [url_for(endpoint, locale=locale) for endpoint in LISTS]
            for kind, endpoint in KINDS:
                first = published_items(kind, locale)[:1]
                paths += [url_for(endpoint, locale=locale, slug=item.slug) for item in first]
    for path in paths:
        response = client.get(path)
        failures += response.status_code != 200
        response.close()
    with app.app_context():
        db.session.remove()
        db.engine.dispose()  # no connection is shared with the workers about to be forked
    seconds = time.perf_counter() - started
    return f"Warmed up on {len(paths)} pages in {seconds:.1f} s ({failures} not 200)"
