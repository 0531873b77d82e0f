"""Whole public pages kept for visitors without cookies (challenge/caching/pages.py)."""

import gzip
import re
import zlib
from contextlib import contextmanager

from flask import request_started

from challenge.caching import pages as page_cache
from challenge.extensions import db
from challenge.participation.models import Participant
from tests.factories import csrf_token

LESSON = "/en/lessons/spotting-phishing"
PLEDGE = "/en/pledges/turn-on-mfa"
GZIP = {"Accept-Encoding": "gzip"}


@contextmanager
def requests_reaching_flask(app):
    """The paths of the requests that got past the page cache into the app."""
    seen = []

    def note(sender, **_extra):
        from flask import request

        seen.append(request.full_path.rstrip("?"))

    request_started.connect(note, app)
    try:
        yield seen
    finally:
        request_started.disconnect(note, app)


def visitor(app):
    """A first-time visitor: no cookies."""
    return app.test_client(use_cookies=False)


def without_token(html: str) -> str:
    return re.sub(r'name="csrf_token" type="hidden" value="[^"]+"', "TOKEN", html)


def test_a_second_visitor_gets_the_kept_page_with_a_token_of_their_own(cached_app):
    with requests_reaching_flask(cached_app) as seen:
        first = visitor(cached_app).get(LESSON)
        second = visitor(cached_app).get(LESSON)
    assert seen == [LESSON]
    assert first.status_code == second.status_code == 200
    assert csrf_token(first.text) != csrf_token(second.text)
    assert without_token(first.text) == without_token(second.text)
    assert second.headers["Content-Security-Policy"] == first.headers["Content-Security-Policy"]
    assert "qcc_session=" in second.headers["Set-Cookie"]
    assert "HttpOnly" in second.headers["Set-Cookie"]
    assert second.headers["Set-Cookie"] != first.headers["Set-Cookie"]


def test_the_token_of_a_kept_page_is_accepted_by_its_form(cached_app):
    visitor(cached_app).get(LESSON)  # kept
    reader = cached_app.test_client()
    with requests_reaching_flask(cached_app) as seen:
        page = reader.get(LESSON)
    assert seen == []  # served from the kept page, with its session cookie
    done = reader.post(
        LESSON + "/done", data={"csrf_token": csrf_token(page.text), "country": "IN"}
    )
    assert done.status_code == 302
    with cached_app.app_context():
        assert db.session.query(Participant).count() == 1


def test_a_forged_token_is_still_refused(cached_app):
    visitor(cached_app).get(LESSON)
    reader = cached_app.test_client()
    reader.get(LESSON)
    refused = reader.post(LESSON + "/done", data={"csrf_token": "forged", "country": "IN"})
    assert refused.status_code == 400


def test_gzip_answers_are_one_valid_stream_whatever_the_token(cached_app):
    plain = visitor(cached_app).get(LESSON).text
    for _ in range(3):
        packed = visitor(cached_app).get(LESSON, headers=GZIP)
        assert packed.headers["Content-Encoding"] == "gzip"
        assert int(packed.headers["Content-Length"]) == len(packed.data) < len(plain) / 2
        text = gzip.decompress(packed.data).decode()  # checks the CRC and the length too
        assert zlib.decompress(packed.data, 16 + zlib.MAX_WBITS).decode() == text
        assert without_token(text) == without_token(plain)
        assert "Accept-Encoding" in packed.headers["Vary"]


def test_visitors_with_cookies_always_get_their_own_page(cached_app):
    reader = cached_app.test_client()
    page = reader.get(LESSON)  # no cookie yet: this one is kept
    reader.post(LESSON + "/done", data={"csrf_token": csrf_token(page.text), "country": "IN"})
    with requests_reaching_flask(cached_app) as seen:
        mine = reader.get(LESSON)
        theirs = visitor(cached_app).get(LESSON)
    assert seen == [LESSON]  # the participant's own; the visitor gets the kept page
    assert "lesson-done" in mine.text and mine.text != theirs.text
    assert without_token(theirs.text) != without_token(mine.text)


def test_figures_are_never_older_than_the_setting(cached_app, monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(page_cache.time, "monotonic", lambda: clock[0])
    before = visitor(cached_app).get("/api/v1/stats").json
    pledger = cached_app.test_client()
    page = pledger.get(PLEDGE)
    pledger.post(PLEDGE, data={"csrf_token": csrf_token(page.text), "country": "FJ"})
    clock[0] += 59
    assert visitor(cached_app).get("/api/v1/stats").json == before  # within the 60 s allowed
    clock[0] += 1
    after = visitor(cached_app).get("/api/v1/stats").json
    assert after != before


def test_pages_that_belong_to_one_visitor_are_never_kept(cached_app):
    quiz = "/en/quizzes/spotting-phishing"
    with requests_reaching_flask(cached_app) as seen:
        for path in (quiz, quiz, "/en/no-such-page", "/en/no-such-page", "/en/me", "/en/me"):
            visitor(cached_app).get(path)
    assert seen == [quiz, quiz, "/en/no-such-page", "/en/no-such-page", "/en/me", "/en/me"]


def test_another_host_is_refused_and_never_kept(cached_app):
    elsewhere = visitor(cached_app).get("/embed/en/quad", headers={"Host": "evil.example"})
    assert elsewhere.status_code == 400 and "evil.example" not in elsewhere.text
    assert "no-store" in elsewhere.headers.get("Cache-Control", "no-store")
    assert "evil.example" not in visitor(cached_app).get("/embed/en/quad").text


def test_open_data_answers_keep_their_etag_and_304(cached_app):
    first = visitor(cached_app).get("/api/v1/stats")
    etag = first.headers["ETag"]
    with requests_reaching_flask(cached_app) as seen:
        again = visitor(cached_app).get("/api/v1/stats", headers={"If-None-Match": etag})
        packed = visitor(cached_app).get("/api/v1/stats", headers=GZIP)
    assert seen == []
    assert again.status_code == 304 and again.headers["ETag"] == etag
    assert packed.headers["Access-Control-Allow-Origin"] == "*"
    if packed.headers.get("Content-Encoding") == "gzip":
        assert packed.headers["ETag"] == "W/" + etag


def test_a_page_is_kept_per_query_string(cached_app):
    with requests_reaching_flask(cached_app) as seen:
        for path in ("/en/leaderboards/countries?sort=pledges", "/en/leaderboards/countries"):
            visitor(cached_app).get(path)
            visitor(cached_app).get(path)
    assert seen == ["/en/leaderboards/countries?sort=pledges", "/en/leaderboards/countries"]


def test_off_when_set_to_zero(synced):
    assert not isinstance(synced.wsgi_app, page_cache.PageCache)


def test_memory_is_bounded_and_the_least_recently_used_go_first(cached_app, monkeypatch):
    monkeypatch.setattr(page_cache, "MAX_BYTES", 30_000)  # about one lesson page
    kept = cached_app.wsgi_app
    paths = [f"/api/v1/leaderboards/countries?n={n}" for n in range(3)]
    paths += ["/en/leaderboards/countries", "/en/lessons/spotting-phishing", "/hi/lessons/"]
    for path in paths:
        visitor(cached_app).get(path)
        visitor(cached_app).get(paths[0])  # in use all along
        assert kept.size <= page_cache.MAX_BYTES
        assert kept.size == sum(page.size for page in kept.pages.values())
    assert any(key[3] == "/api/v1/leaderboards/countries" and key[4] == "n=0" for key in kept.pages)
    assert not any(key[4] == "n=1" for key in kept.pages)  # the oldest unused one went
