"""`cached`: results shared until the data revision moves, never stale, never required."""

import pytest

from challenge.caching import cached, revision
from challenge.extensions import cache, db
from challenge.participation import tallies
from tests.support.leaderboards import TODAY


@pytest.fixture
def caching(make_app):
    app = make_app(CACHE_TYPE="SimpleCache")
    with app.test_request_context():
        yield app


def counter():
    calls = []

    def compute():
        calls.append(tallies.read_one("participants"))
        return calls[-1]

    return calls, compute


def test_a_result_is_reused_until_a_write_commits(caching):
    calls, compute = counter()
    assert cached("figure", ("a",), compute) == 0
    assert cached("figure", ("a",), compute) == 0
    assert len(calls) == 1
    tallies.count_participant("IN", TODAY)
    db.session.commit()
    assert cached("figure", ("a",), compute) == 1  # at once, not after a timeout
    assert cached("figure", ("a",), compute) == 1
    assert len(calls) == 2


def test_parameters_and_the_threshold_are_part_of_the_key(caching):
    calls, compute = counter()
    cached("figure", ("a",), compute)
    cached("figure", ("b",), compute)
    cached("other", ("a",), compute)
    assert len(calls) == 3
    caching.config["PRIVACY_MIN_GROUP"] = 99
    cached("figure", ("a",), compute)
    assert len(calls) == 4


def test_an_entry_from_another_revision_is_never_used(caching):
    calls, compute = counter()
    cached("figure", (), compute)
    key = next(iter(cache.cache._cache))
    cache.set(key.removeprefix(caching.config["CACHE_KEY_PREFIX"]), (revision.current() - 1, 42))
    assert cached("figure", (), compute) == 0
    assert len(calls) == 2


def test_a_broken_cache_only_costs_time(caching, monkeypatch):
    def broken(*_args, **_kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "get", broken)
    calls, compute = counter()
    assert cached("figure", (), compute) == 0
    assert cached("figure", (), compute) == 0
    assert len(calls) == 2
    monkeypatch.undo()
    monkeypatch.setattr(cache, "set", broken)
    assert cached("figure", (), compute) == 0


def test_without_a_cache_nothing_is_read_but_the_figures(make_app):
    app = make_app()  # the tests' NullCache
    with app.app_context():
        calls, compute = counter()
        cached("figure", (), compute)
        cached("figure", (), compute)
        assert len(calls) == 2
