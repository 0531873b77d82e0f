"""Scale-out, shown: two gunicorn processes on one PostgreSQL and one Redis share rate limits,
cached figures and their invalidation, and sessions.

Skipped when PostgreSQL or Redis is unreachable, except in CI (CI=true), where that fails.
"""

import json
import time

import flask_migrate
import pytest
from sqlalchemy import update

from challenge import create_app
from challenge.accounts.models import Account, new_session_token
from challenge.accounts.operations import hash_password
from challenge.content.operations import sync_tree
from challenge.extensions import db
from tests.conftest import create_postgres_database, drop_postgres_database, settings
from tests.scaleout.support import Browser, start_servers, stop_servers
from tests.support.factories import AccountFactory
from tests.support.redis_keys import REDIS_URL
from tests.support.tallies import fold_pending
from tests.support.visitors import PASSWORD

EMAIL = "asha@example.org"
SECRET_KEY = "scale-out-test-secret-key"
PAGE_CACHE_SECONDS = 1.0  # the default, which the servers run with


@pytest.fixture(scope="module")
def database(real_content_tree):
    """A PostgreSQL database of this module's own: migrated, with content/ and one account."""
    name, url = create_postgres_database()  # skips when unreachable, or fails in CI
    app = create_app(settings(url))
    with app.app_context():
        flask_migrate.upgrade()
        sync_tree(real_content_tree, "en")
        AccountFactory(email=EMAIL, password_hash=hash_password(PASSWORD))
        db.engine.dispose()
    yield app, url
    drop_postgres_database(name)


@pytest.fixture(scope="module")
def servers(redis_keys, database, tmp_path_factory):
    _app, url = database
    running = start_servers(
        2,
        {
            "DATABASE_URL": url,
            "REDIS_URL": REDIS_URL,
            "REDIS_KEY_PREFIX": redis_keys.under("scaleout"),
            "SECRET_KEY": SECRET_KEY,
            "SESSION_COOKIE_SECURE": "false",
            "PRIVACY_MIN_GROUP": "1",  # so that one pledge shows in the figures
            "PAGE_CACHE_SECONDS": str(PAGE_CACHE_SECONDS),
            "RATE_LIMIT_WRITES": "3 per minute",
            "RATE_LIMIT_LOGIN": "20 per minute",
            "INSTANCE_PATH": str(tmp_path_factory.mktemp("servers")),
            "MAIL_BACKEND": "file",
            "LOG_LEVEL": "WARNING",
        },
        tmp_path_factory.mktemp("logs"),
    )
    yield [server.url for server in running]
    stop_servers(running)


def test_a_rate_limit_reached_through_one_is_enforced_by_the_other(servers, redis_keys):
    a, b = servers
    browser = Browser()
    form = "/en/account/login"  # any page with a form gives the session's CSRF token
    done = "/en/lessons/software-updates/done"
    for _ in range(3):  # RATE_LIMIT_WRITES is 3 per minute
        assert browser.submit(a + form, {"country": "NZ"}, action=a + done).status == 302
    assert browser.submit(b + form, {"country": "NZ"}, action=b + done).status == 429
    assert browser.submit(a + form, {"country": "NZ"}, action=a + done).status == 429
    assert redis_keys.keys(redis_keys.under("scaleout"), "limits*")  # the counters live in Redis


def stats(browser, server) -> dict:
    reply = browser.get(server + "/api/v1/stats")
    assert reply.status == 200
    return json.loads(reply.text)["windows"]["all"]["totals"] or {"pledges": 0, "participants": 0}


def test_a_pledge_through_one_shows_at_once_on_the_other(servers, redis_keys, database):
    """Pages are rendered from the shared figures, fresh on every server as soon as the job
    worker has folded the pledge's counts; whole pages are kept only by the shared cache in
    front (nginx), for at most PAGE_CACHE_SECONDS."""
    a, b = servers
    reader = Browser()
    reader.get(b + "/en/account/login")  # a page with a form token: now this reader has a cookie
    assert reader.cookie("qcc_session")
    before = stats(reader, b)
    board = reader.get(b + "/en/leaderboards/countries?sort=pledges").text
    assert stats(reader, a) == before  # both have now cached the figures
    assert redis_keys.keys(redis_keys.under("scaleout"), "cache:*")  # in Redis, shared
    newcomer = Browser().get(b + "/en/leaderboards/countries?sort=pledges")
    assert "Fiji" not in newcomer.text
    assert "s-maxage=" in newcomer.headers.get("Cache-Control", "")  # the proxy may keep it

    pledger = Browser()
    pledge = "/en/pledges/turn-on-mfa"
    assert pledger.submit(a + pledge, {"country": "FJ"}).status == 302
    pledged = time.monotonic()
    fold_pending(database[0])  # what the worker does every JOBS_FREQUENT_SECONDS

    after = stats(reader, b)
    assert after["pledges"] == before["pledges"] + 1
    assert after["participants"] == before["participants"] + 1
    updated = reader.get(b + "/en/leaderboards/countries?sort=pledges").text
    assert "Fiji" in updated and updated != board
    api = reader.get(b + "/api/v1/leaderboards/countries?sort=pledges").text
    assert '"country":"FJ"' in api
    assert "Fiji" in Browser().get(b + "/en/leaderboards/countries?sort=pledges").text
    assert time.monotonic() - pledged < 5  # no server keeps whole pages: at once


def test_a_session_made_on_one_is_valid_on_the_other_until_it_ends(servers, database):
    a, b = servers
    browser = Browser()
    login = "/en/account/login"
    assert browser.submit(a + login, {"email": EMAIL, "password": PASSWORD}).status == 302
    settings_page = browser.get(b + "/en/account/")
    assert settings_page.status == 200 and EMAIL in settings_page.text
    copied = {"Cookie": f"qcc_session={browser.cookie('qcc_session')}"}
    assert Browser().get(b + "/en/account/", headers=copied).status == 200

    assert browser.submit(a + "/en/account/", {}, action=a + "/en/account/logout").status == 302
    assert browser.get(b + "/en/account/").status == 302  # logged out on B too
    # Sessions name the account's session token, kept in the shared database: logging out
    # replaces it, so even a copy of the old cookie no longer works on any server.
    assert Browser().get(b + "/en/account/", headers=copied).status == 302
    assert Browser().get(a + "/en/account/", headers=copied).status == 302

    again = Browser()
    assert again.submit(b + login, {"email": EMAIL, "password": PASSWORD}).status == 302
    assert again.get(a + "/en/account/").status == 200
    app, _url = database
    with app.app_context():  # what a password change does
        db.session.execute(
            update(Account).where(Account.email == EMAIL).values(session_token=new_session_token())
        )
        db.session.commit()
        db.engine.dispose()
    assert again.get(a + "/en/account/").status == 302
    assert again.get(b + "/en/account/").status == 302
