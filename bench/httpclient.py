"""A small HTTP/1.1 client on raw asyncio: one connection per request, cookies per virtual browser.

The load generator shares the machine's two cores with the server, so it must cost little: no
library, no keep-alive (gunicorn's sync workers close every connection anyway), `Connection: close`,
a bare protocol rather than streams, and the connection closed as soon as the answer is whole.
"""

import asyncio
import gzip
import html
import re
import time
import urllib.parse
from dataclasses import dataclass, field
from functools import cached_property

MAX_IN_FLIGHT = 4000  # open requests per generator process; those due beyond it are only counted


class HTTPFailure(Exception):
    """No complete response: refused, reset, timed out or cut short."""


@dataclass
class Response:
    status: int
    headers: list[tuple[str, str]]
    sent_body: bytes  # as the server sent it, de-chunked: gzip-compressed when it compressed it
    latency_ms: float
    wire_bytes: int  # body bytes as sent by the server (compressed when it compressed them)

    @cached_property
    def body(self) -> bytes:
        """Decompressed when first read: most answers are only counted, and the generator shares
        the server's cores."""
        if (self.header("content-encoding") or "").lower() == "gzip":
            return gzip.decompress(self.sent_body)
        return self.sent_body

    def header(self, name: str) -> str | None:
        name = name.lower()
        return next((value for key, value in self.headers if key == name), None)

    def all_headers(self, name: str) -> list[str]:
        name = name.lower()
        return [value for key, value in self.headers if key == name]

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    @property
    def location_path(self) -> str:
        """The redirect's target path, without scheme, host or fragment."""
        location = self.header("location") or ""
        parts = urllib.parse.urlsplit(location)
        return parts.path + (f"?{parts.query}" if parts.query else "")


def _dechunk(body: bytes) -> bytes:
    out, rest = bytearray(), body
    while rest:
        size_line, _, rest = rest.partition(b"\r\n")
        size = int(size_line.split(b";")[0], 16)
        if size == 0:
            break
        out += rest[:size]
        rest = rest[size + 2 :]
    return bytes(out)


def parse_response(raw: bytes, latency_ms: float) -> Response:
    head, separator, body = raw.partition(b"\r\n\r\n")
    if not separator:
        raise HTTPFailure("incomplete response" if raw else "empty response")
    lines = head.decode("latin-1").split("\r\n")
    try:
        status = int(lines[0].split(" ", 2)[1])
    except (IndexError, ValueError):
        raise HTTPFailure(f"bad status line {lines[0][:40]!r}") from None
    headers = []
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers.append((name.strip().lower(), value.strip()))
    response = Response(status, headers, body, latency_ms, len(body))
    if (response.header("transfer-encoding") or "").lower() == "chunked":
        body = _dechunk(body)
        response.wire_bytes = len(body)
    length = response.header("content-length")
    if length is not None and len(body) < int(length):
        raise HTTPFailure("response cut short")
    response.sent_body = body
    return response


CONTENT_LENGTH = re.compile(rb"\r\ncontent-length:\s*(\d+)", re.IGNORECASE)


def whole_length(received: bytes | bytearray) -> int | None:
    """The bytes of a whole answer (head and body) once its head is in, if it gives its length."""
    end = received.find(b"\r\n\r\n")
    if end < 0:
        return None
    found = CONTENT_LENGTH.search(bytes(received[:end]))
    return None if found is None else end + 4 + int(found.group(1))


class _OneExchange(asyncio.Protocol):
    """Send one request and gather the answer, with less work per request than asyncio's streams
    (the generator shares the server's two cores). Like a browser, it closes the connection as
    soon as the whole answer is in: gunicorn's sync worker waits for the client to close before
    taking the next request, so a late close would hold a worker."""

    def __init__(self, request: bytes, done: asyncio.Future):
        self.request, self.done = request, done
        self.received = bytearray()
        self.expected: int | None = None  # header and body bytes, once the length is known
        self.transport = None

    def connection_made(self, transport) -> None:
        self.transport = transport
        transport.write(self.request)

    def data_received(self, data: bytes) -> None:
        self.received += data
        if self.expected is None:
            self.expected = whole_length(self.received)
            if self.expected is None:
                return  # no head yet, or no length (chunked, or until the close): read on
        if len(self.received) >= self.expected:
            self._finish(None)
            self.transport.close()

    def connection_lost(self, error) -> None:
        self._finish(error)

    def _finish(self, error) -> None:
        if self.done.done():
            return
        if error is None:
            self.done.set_result(bytes(self.received))
        else:
            self.done.set_exception(error)


async def fetch(
    host: str,
    port: int,
    method: str,
    target: str,
    headers: dict[str, str] | None = None,
    body: bytes = b"",
    timeout: float = 30.0,
) -> Response:
    """Send one request on a new connection and read the whole response."""
    lines = [f"{method} {target} HTTP/1.1", f"Host: {host}:{port}", "Connection: close"]
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    if body or method == "POST":
        lines.append(f"Content-Length: {len(body)}")
    request = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body
    loop = asyncio.get_running_loop()
    done = loop.create_future()
    started = time.perf_counter()
    transport = None
    try:
        async with asyncio.timeout(timeout):
            transport, _protocol = await loop.create_connection(
                lambda: _OneExchange(request, done), host, port
            )
            raw = await done
    except TimeoutError:
        raise HTTPFailure("timeout") from None
    except OSError as error:
        raise HTTPFailure(type(error).__name__) from None
    finally:
        if transport is not None:
            transport.close()
    return parse_response(raw, (time.perf_counter() - started) * 1000)


INPUT_TAG = re.compile(r"<(input|textarea)\b([^>]*)>", re.IGNORECASE)
SELECT_TAG = re.compile(r"<select\b([^>]*)>(.*?)</select>", re.IGNORECASE | re.DOTALL)
OPTION_VALUE = re.compile(r'<option\b[^>]*\bvalue="([^"]*)"', re.IGNORECASE)
ATTRIBUTE = re.compile(r'([\w:-]+)(?:="([^"]*)")?')
FORM_TAG = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.IGNORECASE | re.DOTALL)


def attributes(tag_body: str) -> dict[str, str]:
    return {name.lower(): html.unescape(value or "") for name, value in ATTRIBUTE.findall(tag_body)}


@dataclass
class Form:
    action: str
    hidden: dict[str, str] = field(default_factory=dict)
    selects: dict[str, list[str]] = field(default_factory=dict)  # name: option values
    choices: dict[str, tuple[str, list[str]]] = field(default_factory=dict)  # name: (type, values)
    texts: list[str] = field(default_factory=list)


def forms(page: str) -> list[Form]:
    """The POST forms of a page, with their fields: enough to fill them in like a person would."""
    found = []
    for form_attributes, inner in FORM_TAG.findall(page):
        attrs = attributes(form_attributes)
        if attrs.get("method", "get").lower() != "post":
            continue
        form = Form(action=attrs.get("action", "").split("#")[0])
        for select_attributes, options in SELECT_TAG.findall(inner):
            name = attributes(select_attributes).get("name")
            if name:
                form.selects[name] = [html.unescape(v) for v in OPTION_VALUE.findall(options) if v]
        for _tag, tag_attributes in INPUT_TAG.findall(inner):
            attrs = attributes(tag_attributes)
            name, kind = attrs.get("name"), attrs.get("type", "text").lower()
            if not name:
                continue
            if kind == "hidden":
                form.hidden[name] = attrs.get("value", "")
            elif kind in ("radio", "checkbox"):
                form.choices.setdefault(name, (kind, []))[1].append(attrs.get("value", "y"))
            else:
                form.texts.append(name)
        found.append(form)
    return found


class Browser:
    """One visitor: its own cookies, as a browser keeps them for this one site."""

    def __init__(self, host: str, port: int, *, timeout: float = 30.0):
        self.host, self.port, self.timeout = host, port, timeout
        self.cookies: dict[str, str] = {}

    def _headers(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        # What a browser sends; compressed answers are decompressed (and so cost what they would).
        headers = {"Accept-Language": "en", "Accept-Encoding": "gzip", "User-Agent": "qcc-bench"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        return headers | (extra or {})

    def _keep_cookies(self, response: Response) -> None:
        for value in response.all_headers("set-cookie"):
            pair, *options = value.split(";")
            name, _, cookie = pair.strip().partition("=")
            flags = [option.strip().lower() for option in options]
            if "max-age=0" in flags or any(f.startswith("expires=thu, 01 jan 1970") for f in flags):
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = cookie

    async def get(self, path: str, headers: dict[str, str] | None = None) -> Response:
        response = await fetch(
            self.host, self.port, "GET", path, self._headers(headers), timeout=self.timeout
        )
        self._keep_cookies(response)
        return response

    async def post(self, path: str, fields: list[tuple[str, str]]) -> Response:
        body = urllib.parse.urlencode(fields).encode()
        headers = self._headers({"Content-Type": "application/x-www-form-urlencoded"})
        response = await fetch(
            self.host, self.port, "POST", path, headers, body, timeout=self.timeout
        )
        self._keep_cookies(response)
        return response
