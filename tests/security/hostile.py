"""The machinery of the hostile-input suite: sending a payload, and judging the response.

Judging: the status is below 500; an HTML response shows no tag, event handler or javascript: URL
of the payload unescaped and no evaluated template expression; no header is injected and no
redirect leaves the site; a refused request (4xx) changes no row of any table.
"""

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from urllib.parse import quote_plus, urlsplit

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import String, Text

from challenge.extensions import db
from tests.security.payloads import EVALUATED, Payload
from tests.security.world import last_exception

OPENING_TAG = re.compile(r"<[a-zA-Z!?][^<>]*>?")
# A quote that would close an attribute, then an event handler: live if the quote is not escaped.
ATTRIBUTE_BREAK = re.compile(r"[\"'`][^\"'`<>]*?[\s/]on[a-z]+\s*=", re.IGNORECASE)
# A script URL as the value of a link or source attribute of the page itself.
SCRIPT_URL = re.compile(
    r"\b(?:href|src|action|formaction|data|xlink:href)\s*=\s*[\"']\s*(?:javascript|vbscript|data):",
    re.IGNORECASE,
)
SECRET = "test-secret-key-not-for-production"


# Tags dangerous even bare; other bare tags (<table>) are left out, as pages have them anyway.
LIVE_TAGS = re.compile(
    r"^<(script|style|iframe|object|embed|base|meta|link|plaintext|xmp|noscript|template|"
    r"frameset|applet|isindex|keygen)\b",
    re.IGNORECASE,
)


def is_live(tag: str) -> bool:
    """A tag with attributes, or one that is dangerous bare."""
    return bool(re.search(r"[\s/=`]", tag[2:]) or LIVE_TAGS.match(tag))


@cache
def dangerous_fragments(text: str) -> tuple[str, ...]:
    """The parts of a payload that would be live markup if sent back unescaped."""
    fragments = [tag for tag in OPENING_TAG.findall(text) if len(tag) > 2 and is_live(tag)]
    fragments += [match.group(0) for match in ATTRIBUTE_BREAK.finditer(text)]
    return tuple(dict.fromkeys(fragments))  # once each: an oversized payload repeats one a lot


@cache
def names_a_script_url(text: str) -> bool:
    return bool(re.search(r"(?:javascript|vbscript|data):", text, re.IGNORECASE))


def could_show_live(text: str) -> bool:
    """Whether a payload has anything Page.problems looks for."""
    return bool(
        dangerous_fragments(text)
        or names_a_script_url(text)
        or any(marker in text for marker in ("{{", "{%", "${", "#{", "*{", "@(", "<%", "%{"))
    )


class Page:
    """An HTML response, and the same page without the payload, to look for reflections in."""

    def __init__(self, body: str, baseline: str = ""):
        self.body, self.baseline = body, baseline
        found = {match.group(0).lower() for match in SCRIPT_URL.finditer(body)}
        known = {match.group(0).lower() for match in SCRIPT_URL.finditer(baseline)}
        self.new_script_urls = found - known
        self.evaluated = [value for value in EVALUATED if value in body and value not in baseline]
        self.shows_secret = SECRET in body

    def problems(self, payload: Payload) -> list[str]:
        """What of `payload` shows unescaped here (and not already in the page without it)."""
        text = payload.text
        problems = [
            f"unescaped {fragment[:40]!r}"
            for fragment in dangerous_fragments(text)
            if fragment in self.body and fragment not in self.baseline
        ]
        if self.new_script_urls and names_a_script_url(text):
            problems.append("a javascript:/data: URL in a link or source attribute")
        problems += [
            f"a template expression was evaluated ({value})"
            for value in self.evaluated
            if value not in text
        ]
        if self.shows_secret:
            problems.append("the secret key is shown")
        return problems


def header_problems(response) -> list[str]:
    problems = []
    if "injected" in response.headers.get("Set-Cookie", "").lower():
        problems.append("a cookie was injected")
    if any(name.lower().startswith("x-injected") for name, _value in response.headers):
        problems.append("a header was injected")
    location = response.headers.get("Location")
    if location:
        parts = urlsplit(location)
        if parts.netloc not in ("", "localhost") or location.startswith(("//", "/\\", "\\")):
            problems.append(f"redirects off the site: {location[:80]!r}")
    return problems


@lru_cache(maxsize=256)
def quoted(value: str | bytes) -> str:
    """A value percent-encoded as in a form body (cached: some payloads are a megabyte)."""
    return quote_plus(value.encode() if isinstance(value, str) else value)


def encode(pairs: list[tuple[str, str | bytes]], raw: tuple[str, bytes] | None = None) -> bytes:
    """A urlencoded body or query string; `raw` is appended as it is, unencoded."""
    body = "&".join(f"{quoted(name)}={quoted(value)}" for name, value in pairs).encode("ascii")
    if raw is not None:
        name, value = raw
        body += (b"&" if body else b"") + quoted(name).encode() + b"=" + value
    return body


def send(client: FlaskClient, method: str, path: str, pairs, raw=None):
    """Submit `pairs` (and a raw value) as a browser form would: a query string or a POST body."""
    data = encode(pairs, raw)
    if method == "get":
        # The WSGI query string is bytes as latin-1 text, as a server hands it over.
        return client.get(path, environ_overrides={"QUERY_STRING": data.decode("latin-1")})
    return client.post(path, data=data, content_type="application/x-www-form-urlencoded")


def small_columns(table):
    """Columns cheap to compare: not long text or JSON (their rows' timestamps change with them)."""
    chosen = []
    for column in table.columns:
        kind = column.type
        if isinstance(kind, Text) or (isinstance(kind, String) and (kind.length or 10**6) > 400):
            continue
        if kind.__class__.__name__ in ("JSON", "JSONB", "LargeBinary"):
            continue
        chosen.append(column.name)
    return chosen or [column.name for column in table.primary_key.columns]


class State:
    """The short columns of every row of every table, read with plain SQL (it runs per request)."""

    def __init__(self, app: Flask):
        self.app = app
        with app.app_context():
            self.queries = {
                table.name: "SELECT {} FROM {} ORDER BY {}".format(  # noqa: S608 - our names
                    ", ".join(f'"{name}"' for name in small_columns(table)),
                    f'"{table.name}"',
                    ", ".join(f'"{column.name}"' for column in table.primary_key.columns) or "1",
                )
                for table in db.metadata.sorted_tables
            }

    def read(self) -> dict[str, list[tuple]]:
        with self.app.app_context(), db.engine.connect() as connection:
            return {
                name: list(map(tuple, connection.exec_driver_sql(query)))
                for name, query in self.queries.items()
            }


@dataclass
class Judge:
    """Sends requests, checks every response, and keeps the failures and what was accepted."""

    app: Flask
    failures: list[str] = field(default_factory=list)
    accepted: list[tuple[Payload, str]] = field(default_factory=list)  # (payload, where)
    requests: int = 0
    statuses: dict[int, int] = field(default_factory=dict)
    _state: dict | None = None
    _reader: State | None = None

    def read_state(self) -> dict:
        if self._reader is None:
            self._reader = State(self.app)
        return self._reader.read()

    def forget_state(self) -> None:
        """Something other than a judged request wrote (a new account): read the state again."""
        self._state = None

    def fail(self, where: str, payload: Payload, problem: str) -> None:
        self.failures.append(f"{where} <- {payload}: {problem}")

    def request(self, payload: Payload, where: str, send_it, baseline: str = ""):
        """Send (`send_it()`), judge the response; returns it and whether it was accepted."""
        if self._state is None:
            self._state = self.read_state()
        response = send_it()
        self.requests += 1
        status = response.status_code
        self.statuses[status] = self.statuses.get(status, 0) + 1
        if status >= 500:
            self.fail(where, payload, f"{status} ({last_exception(self.app)})")
        for problem in header_problems(response):
            self.fail(where, payload, problem)
        if response.mimetype == "text/html":
            for problem in Page(response.get_data(as_text=True), baseline).problems(payload):
                self.fail(where, payload, problem)
        if 400 <= status < 500:
            before, self._state = self._state, self.read_state()
            changed = sorted(name for name in before if before[name] != self._state.get(name))
            if changed:
                sample = {
                    name: [row for row in self._state[name] if row not in before[name]][:2]
                    or [row for row in before[name] if row not in self._state[name]][:2]
                    for name in changed
                }
                self.fail(where, payload, f"refused with {status} but wrote: {sample}")
            return response, False
        self._state = None  # an accepted request may write: read the state again before the next
        accepted = status < 400
        if accepted:
            self.accepted.append((payload, where))
        return response, accepted
