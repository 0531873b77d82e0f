"""Whole public pages kept for a moment, for visitors who have no cookies yet.

Everyone arriving from a shared link is such a visitor, and to them a lesson, a pledge page, a
leaderboard or an open-data answer is the same page but for the form's CSRF token. So the first
answer to a view marked `@public_page` is kept per process, with the token cut out, for
`PAGE_CACHE_SECONDS` (1 by default; 0 turns this off), and later visitors without cookies get it
from a WSGI middleware that never enters Flask: a fresh token, signed as Flask-WTF signs it, is put
back in and the session cookie that holds it is set, as Flask would have. Where the cache is shared
(Redis), the processes also share the pages they render (shared_pages.py). Figures on such pages
are therefore at most that many seconds old, or a quarter of a second more while another process
renders the page anew; anyone with a cookie (a participant, an account) gets every page rendered
afresh.

A page is kept only if nothing in it can belong to one visitor: a 200 to a GET with no cookie and
no Authorization header, no cookie set but a session holding the CSRF token alone, and no
`Cache-Control` of `private` or `no-store`. The key is the scheme, host, path and query, so an
absolute link built from the Host header is never shown to another host's visitors.

Gzip: each cut-out part is kept deflated on its own (a full flush ends each, so the parts are
independent), and an answer is those parts with the token between them as stored blocks, in one
gzip member: no compression work per request.
"""

import secrets
import threading
import time
import zlib
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache, wraps

from flask import Flask, g, request, session
from itsdangerous import URLSafeTimedSerializer
from werkzeug.http import dump_cookie, parse_accept_header, parse_cookie, parse_etags

from challenge.caching.gzip_parts import deflated, gzip_member
from challenge.caching.shared_pages import SharedPages
from challenge.caching.signing import Signing
from challenge.compression import COMPRESSIBLE, MINIMUM_BYTES

ENVIRON_KEY = "challenge.public_page"
MAX_ENTRIES = 512  # per process; the least recently used go first
MAX_BYTES = 32 * 1024 * 1024  # per process, bodies plain and packed
MAX_BODY = 512 * 1024  # bigger answers are not kept
# Set on the way out; never sent with a kept answer, whose headers are those of the first one.
PER_ANSWER_HEADERS = {"set-cookie", "content-length", "content-encoding", "date"}
# Session values that a page may leave without being anyone's own: Flask-Login marks a session
# that is not a log-in's as not fresh.
SAME_FOR_EVERYONE = {"_fresh": False}


def public_page(view: Callable) -> Callable:
    """Mark a view whose GET answer to a visitor without cookies is the same for all of them."""

    @wraps(view)
    def marked(*args, **kwargs):
        request.environ[ENVIRON_KEY] = True
        return view(*args, **kwargs)

    return marked


def note_the_token(response):
    """after_request: tell the middleware which token to cut out, or that the page is personal."""
    if request.environ.get(ENVIRON_KEY) is not True:
        return response
    others = {key: value for key, value in session.items() if key != "csrf_token"}
    personal = any(SAME_FOR_EVERYONE.get(key, object()) != value for key, value in others.items())
    if personal or ("csrf_token" in session and "csrf_token" not in g):
        request.environ[ENVIRON_KEY] = None
    else:
        request.environ[ENVIRON_KEY] = {"token": g.get("csrf_token"), "session": others}
    return response


@dataclass
class Page:
    status: str
    headers: list[tuple[str, str]]
    parts: list[bytes]  # the body, cut where the CSRF token was
    session: dict  # what the session held besides the token (SAME_FOR_EVERYONE)
    packed_parts: list[bytes] | None  # the same parts deflated, when the body is compressible
    etag: str | None  # strong, as the view set it
    expires: float

    @property
    def size(self) -> int:
        return sum(map(len, self.parts)) + sum(map(len, self.packed_parts or ()))


class PageCache:
    """The middleware: answers from kept pages, and keeps the pages the app marks."""

    def __init__(self, app: Flask, wsgi_app, seconds: float, shared: SharedPages | None = None):
        self.app, self.wsgi_app, self.seconds, self.shared = app, wsgi_app, seconds, shared
        self.pages: OrderedDict[tuple, Page] = OrderedDict()
        self.size = 0  # bytes kept
        self.lock = threading.Lock()
        config = app.config
        self.cookie_names = {
            config["SESSION_COOKIE_NAME"],
            config["REMEMBER_COOKIE_NAME"],
            "qcc_participant",
        }
        self.csrf_signing = Signing(
            URLSafeTimedSerializer(
                config.get("WTF_CSRF_SECRET_KEY") or app.secret_key, salt="wtf-csrf-token"
            )
        )
        # The session cookie as Flask's session interface would set it: its settings are the
        # app's config, read once here.
        interface = app.session_interface
        self.session_signing = Signing(interface.get_signing_serializer(app))
        self.session_cookie_settings = {
            "key": interface.get_cookie_name(app),
            "domain": interface.get_cookie_domain(app),
            "path": interface.get_cookie_path(app),
            "secure": interface.get_cookie_secure(app),
            "httponly": interface.get_cookie_httponly(app),
            "samesite": interface.get_cookie_samesite(app),
            "partitioned": interface.get_cookie_partitioned(app),
        }

    # -- asking -------------------------------------------------------------------------------

    def __call__(self, environ, start_response):
        key = self.key(environ)
        if key is None:
            return self.wsgi_app(environ, start_response)
        page, was_kept = self.lookup(key)
        if page is None and was_kept and self.shared is not None:  # a page, not a file or a 404
            page = self.shared.get(key)
            if page is not None:
                self.keep(key, page)
        if page is not None:
            return self.answer(page, environ, start_response)
        return self.render_and_keep(key, environ, start_response)

    def key(self, environ) -> tuple | None:
        if environ.get("REQUEST_METHOD") != "GET" or environ.get("HTTP_AUTHORIZATION"):
            return None
        cookies = environ.get("HTTP_COOKIE")
        if cookies and self.cookie_names & parse_cookie(cookies).keys():
            return None
        return (
            environ.get("wsgi.url_scheme"),
            environ.get("HTTP_HOST") or environ.get("SERVER_NAME"),
            environ.get("SCRIPT_NAME", ""),
            environ.get("PATH_INFO", ""),
            environ.get("QUERY_STRING", ""),
        )

    def lookup(self, key: tuple) -> tuple[Page | None, bool]:
        """The page kept for `key` if still fresh, and whether one was kept at all."""
        with self.lock:
            page = self.pages.get(key)
            if page is None:
                return None, False
            if page.expires <= time.monotonic():
                self.forget(key)
                return None, True
            self.pages.move_to_end(key)
            return page, True

    # -- answering from a kept page -----------------------------------------------------------

    def answer(self, page: Page, environ, start_response):
        headers = list(page.headers)
        gzip = page.packed_parts is not None and accepts_gzip(environ)
        if page.etag is not None:
            etag = f'W/"{page.etag}"' if gzip else f'"{page.etag}"'
            headers.append(("ETag", etag))
            wanted = environ.get("HTTP_IF_NONE_MATCH")
            if wanted and parse_etags(wanted).contains_weak(page.etag):
                start_response("304 NOT MODIFIED", not_modified_headers(headers))
                return [b""]
        token = None
        if len(page.parts) > 1:
            raw = secrets.token_hex(20)  # the shape of Flask-WTF's own raw tokens
            token = self.csrf_signing.dumps(raw).encode()
            headers.append(("Set-Cookie", self.session_cookie({**page.session, "csrf_token": raw})))
        if gzip:
            body = gzip_member(page.packed_parts, page.parts, token)
            headers.append(("Content-Encoding", "gzip"))
        else:
            body = (token or b"").join(page.parts)
        headers.append(("Content-Length", str(len(body))))
        start_response(page.status, headers)
        return [body]

    def session_cookie(self, values: dict) -> str:
        """The Set-Cookie header Flask's session interface would send for `values`."""
        return dump_cookie(value=self.session_signing.dumps(values), **self.session_cookie_settings)

    # -- keeping a page the app has just rendered ---------------------------------------------

    def render_and_keep(self, key: tuple, environ, start_response):
        answered = {}

        def remember(status, headers, exc_info=None):
            answered["status"], answered["headers"] = status, headers
            return start_response(status, headers, exc_info)

        body = self.wsgi_app(environ, remember)
        marked = environ.get(ENVIRON_KEY)
        if not isinstance(marked, dict) or not answered["status"].startswith("200 "):
            return body
        try:
            whole = b"".join(body)
        finally:
            if hasattr(body, "close"):
                body.close()
        page = self.page(answered["status"], answered["headers"], whole, marked)
        if page is not None:
            self.keep(key, page)
            if self.shared is not None:
                self.shared.put(key, page)
        return [whole]

    def keep(self, key: tuple, page: Page) -> None:
        with self.lock:
            self.forget(key)
            self.pages[key] = page
            self.size += page.size
            while len(self.pages) > MAX_ENTRIES or self.size > MAX_BYTES:
                self.forget(next(iter(self.pages)))  # the least recently used

    def page(self, status: str, headers: list, body: bytes, marked: dict) -> Page | None:
        token, named = marked["token"], {}
        for name, value in headers:
            named.setdefault(name.lower(), []).append(value)
        cache_control = ",".join(named.get("cache-control", [])).lower()
        if "private" in cache_control or "no-store" in cache_control:
            return None
        session_name = self.app.session_interface.get_cookie_name(self.app)
        if any(not cookie.startswith(session_name + "=") for cookie in named.get("set-cookie", [])):
            return None  # a cookie other than the session's: this answer is someone's own
        if named.get("set-cookie") and token is None:
            return None
        if named.get("content-encoding") == ["gzip"]:
            body = zlib.decompress(body, 16 + zlib.MAX_WBITS)
        elif "content-encoding" in named:
            return None
        if len(body) > MAX_BODY:
            return None
        parts = body.split(token.encode()) if token else [body]
        mimetype = named.get("content-type", [""])[0].split(";")[0].strip()
        compressible = mimetype in COMPRESSIBLE and len(body) >= MINIMUM_BYTES
        etag = named.get("etag", [None])[0]
        if etag is not None:
            etag = etag.removeprefix("W/").strip('"')
        kept_headers = [
            (name, value)
            for name, value in headers
            if name.lower() not in PER_ANSWER_HEADERS and name.lower() != "etag"
        ]
        return Page(
            status=status,
            headers=kept_headers,
            parts=parts,
            session=marked["session"],
            packed_parts=[deflated(part) for part in parts] if compressible else None,
            etag=etag,
            expires=time.monotonic() + self.seconds,
        )

    def forget(self, key: tuple) -> None:
        """Drop one page; the caller holds the lock."""
        page = self.pages.pop(key, None)
        if page is not None:
            self.size -= page.size


def accepts_gzip(environ) -> bool:
    offered = environ.get("HTTP_ACCEPT_ENCODING")
    return bool(offered) and _offers_gzip(offered)


# Browsers send a handful of distinct values, and parsing one was 7% of a kept page's answer.
@lru_cache(maxsize=256)
def _offers_gzip(offered: str) -> bool:
    return parse_accept_header(offered).quality("gzip") > 0


def not_modified_headers(headers: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    kept = {"etag", "cache-control", "vary", "expires", "content-location"}
    return [(name, value) for name, value in headers if name.lower() in kept]


def init_app(app: Flask) -> None:
    app.after_request(note_the_token)
    from challenge.extensions import cache

    seconds = app.config["PAGE_CACHE_SECONDS"]
    if seconds > 0:
        shared = SharedPages.for_backend(app.extensions["cache"][cache], seconds)
        app.wsgi_app = PageCache(app, app.wsgi_app, seconds, shared)
