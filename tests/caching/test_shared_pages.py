"""The page cache's second tier, shared by server processes (challenge/caching/shared_pages.py)."""

import pytest
from cachelib import SimpleCache
from flask_caching.backends import NullCache, RedisCache
from flask_caching.backends import SimpleCache as FlaskSimpleCache

from challenge.caching import shared_pages
from challenge.caching.shared_pages import STALE_GRACE, SharedPages
from tests.caching.test_pages import LESSON, requests_reaching_flask, visitor


@pytest.fixture
def two_processes(cached_app, make_app):
    """Two apps on one database whose page caches share one backend, as Redis would be."""
    backend = SimpleCache()
    other = make_app(PAGE_CACHE_SECONDS=60, PRIVACY_MIN_GROUP=1)
    for app in (cached_app, other):
        app.wsgi_app.shared = SharedPages(backend, app.wsgi_app.seconds)
    return cached_app, other


class Clock:
    def __init__(self, monkeypatch):
        self.now = 1_000_000.0
        monkeypatch.setattr(shared_pages.time, "time", lambda: self.now)


def gone_stale_here(app) -> None:
    """Let the pages this process keeps go stale, as a second's passing would."""
    for page in app.wsgi_app.pages.values():
        page.expires = 0


def test_a_page_one_process_rendered_is_answered_by_the_other(two_processes):
    first, second = two_processes
    visitor(second).get(LESSON)
    rendered = visitor(first).get(LESSON)  # the newer, in the shared cache
    gone_stale_here(second)
    with requests_reaching_flask(second) as seen:
        kept = visitor(second).get(LESSON)
    assert seen == []
    assert kept.status_code == 200
    assert kept.headers["Set-Cookie"] != rendered.headers["Set-Cookie"]  # a token of its own
    assert kept.text.split('name="csrf_token"')[0] == rendered.text.split('name="csrf_token"')[0]


def test_a_stale_page_is_rendered_by_one_process_while_the_others_give_it(
    two_processes, monkeypatch
):
    clock = Clock(monkeypatch)
    first, second = two_processes
    shared = first.wsgi_app.shared
    visitor(first).get(LESSON)
    key = next(iter(first.wsgi_app.pages))
    clock.now += 60 + STALE_GRACE / 2  # gone stale, within the grace
    assert shared.get(key) is None  # the first to ask renders it
    assert second.wsgi_app.shared.get(key) is not None  # the others give the stale page meanwhile
    shared.put(key, first.wsgi_app.pages[key])
    clock.now += 60 + STALE_GRACE / 2
    assert shared.get(key) is None  # the claim ended with the new page


def test_no_page_is_given_past_the_grace(two_processes, monkeypatch):
    clock = Clock(monkeypatch)
    first, second = two_processes
    visitor(first).get(LESSON)
    key = next(iter(first.wsgi_app.pages))
    visitor(second).get(LESSON)
    clock.now += 60 + STALE_GRACE * 2
    first.wsgi_app.shared.claim(key)  # someone is rendering, but too slowly
    assert second.wsgi_app.shared.get(key) is None
    gone_stale_here(second)
    with requests_reaching_flask(second) as seen:
        assert visitor(second).get(LESSON).status_code == 200
    assert seen == [LESSON]


def test_only_pages_it_has_kept_are_asked_for(cached_app):
    """Files, errors and personal pages are never kept, so they cost no round trip to Redis."""

    class Counting(SimpleCache):
        asked = 0

        def get(self, key):
            Counting.asked += 1
            return super().get(key)

    cached_app.wsgi_app.shared = SharedPages(Counting(), 60)
    for path in ("/static/css/site.css", "/en/no-such-page", "/en/me", LESSON):
        visitor(cached_app).get(path).close()
    assert Counting.asked == 0
    gone_stale_here(cached_app)
    visitor(cached_app).get(LESSON)
    assert Counting.asked == 1


def test_an_unreachable_shared_cache_only_means_rendering(cached_app):
    class Unreachable(SimpleCache):
        def get(self, key):
            raise ConnectionError

        def set(self, key, value, timeout=None):
            raise ConnectionError

    cached_app.wsgi_app.shared = SharedPages(Unreachable(), 60)
    with requests_reaching_flask(cached_app) as seen:
        assert visitor(cached_app).get(LESSON).status_code == 200
        gone_stale_here(cached_app)
        assert visitor(cached_app).get(LESSON).status_code == 200
    assert seen == [LESSON, LESSON]


def test_only_a_cache_shared_by_processes_is_a_second_tier():
    assert SharedPages.for_backend(FlaskSimpleCache(), 1) is None
    assert SharedPages.for_backend(NullCache(), 1) is None
    assert SharedPages.for_backend(RedisCache(), 1) is not None  # connects only when used
