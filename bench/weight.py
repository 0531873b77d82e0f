"""Target (d): every public page at most 50 KB over the wire, compressed, images aside, and no
request to another site.

Each page type of tests/browser/pages.py is reached as a fresh visitor would (forms filled in and
sent where the page is the answer to one), in every locale; its HTML and the stylesheets, scripts
and fonts it loads are fetched with `Accept-Encoding: gzip`. The app does not compress (nginx does,
deploy/nginx/): what a server sends uncompressed is counted at its gzip size at level 6, as the
proxy would send it, and the uncompressed size is reported too.
Any absolute URL to another host in a src, srcset, action, <link href> or CSS url() fails the page.

Deterministic, so it runs as a normal test (tests/reliability/test_page_weight.py, on the Flask
test client) and in `python -m bench weight` (on gunicorn).
"""

import gzip
import re
import secrets
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from bench.forms import Form, forms

LIMIT_BYTES = 50 * 1024
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg", ".ico")


@dataclass
class Fetched:
    status: int
    headers: dict[str, str]  # lower-case names
    body: bytes  # decoded
    wire_bytes: int

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    @property
    def compressed_bytes(self) -> int:
        """Bytes over the wire with compression: as sent if the server compressed, else gzip -6."""
        if self.headers.get("content-encoding", "").lower() in ("gzip", "br", "deflate"):
            return self.wire_bytes
        return len(gzip.compress(self.body, compresslevel=6))


class Client(Protocol):
    """A visitor with its own cookies; never follows redirects by itself."""

    host: str

    def get(self, path: str) -> Fetched: ...

    def post(self, path: str, fields: list[tuple[str, str]]) -> Fetched: ...


@dataclass
class Visit:
    """What the page-type walkers share: a client factory, the locale, slugs and the mail reader."""

    new_client: Callable[[], Client]
    locale: str
    slugs: dict[str, str]
    mail_link: Callable[[str], str]
    password: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    accounts: int = 0

    def path(self, template: str) -> str:
        return template.format(locale=self.locale, **self.slugs)


def follow(client: Client, response: Fetched, limit: int = 5) -> Fetched:
    for _ in range(limit):
        if not 300 <= response.status < 400:
            return response
        location = urllib.parse.urlsplit(response.headers["location"])
        response = client.get(location.path + (f"?{location.query}" if location.query else ""))
    return response


def page_form(page: Fetched, action_part: str, page_path: str) -> Form:
    """The page's POST form whose action contains `action_part` (no action: the page itself)."""
    for form in forms(page.text):
        form.action = form.action or page_path
        if action_part in form.action:
            return form
    raise AssertionError(f"{page_path}: no form posting to …{action_part}")


def submit(client: Client, page_path: str, action_part: str, values: dict[str, str]) -> Fetched:
    """Open the page, fill its form with `values` (plus its hidden fields) and send it."""
    form = page_form(client.get(page_path), action_part, page_path)
    fields = [*form.hidden.items(), *values.items()]
    return follow(client, client.post(form.action, fields))


def quiz_answers(form: Form) -> dict[str, str]:
    return {name: values[0] for name, (_kind, values) in form.choices.items()}


def walk_quiz_result(visit: Visit, client: Client) -> Fetched:
    path = visit.path("/{locale}/quizzes/{quiz}")
    form = page_form(client.get(path), path, path)
    fields = [*form.hidden.items(), *quiz_answers(form).items(), ("country", "IN")]
    return follow(client, client.post(form.action, fields))


def sign_up(visit: Visit, client: Client) -> tuple[str, Fetched]:
    visit.accounts += 1
    email = f"weight-{visit.locale}-{visit.accounts}-{secrets.token_hex(3)}@example.org"
    page = submit(
        client,
        visit.path("/{locale}/account/signup"),
        "/signup",
        {"email": email, "password": visit.password, "age_band": "18-or-over", "country": "IN"},
    )
    follow(client, client.get(visit.mail_link(email)))  # the confirmation link logs in
    return email, page


def organisation_dashboard(visit: Visit, client: Client) -> Fetched:
    sign_up(visit, client)
    path = visit.path("/{locale}/orgs/new")
    form = page_form(client.get(path), path, path)
    fields = [
        *form.hidden.items(),
        ("name", f"Weighing organisation {secrets.token_hex(3)}"),
        ("country", "IN"),
        ("sector", next(v for v in form.selects.get("sector", ["education"]) if v)),
        ("headcount", "120"),
    ]
    return follow(client, client.post(form.action, fields))


def organisation_join(visit: Visit, client: Client) -> Fetched:
    dashboard = organisation_dashboard(visit, client)
    link = re.search(r'id="join-url"[^>]*value="([^"]+)"', dashboard.text) or re.search(
        r'value="([^"]+/join/[^"]+)"', dashboard.text
    )
    if link is None:
        raise AssertionError("no join link on the dashboard")
    return client.get(urllib.parse.urlsplit(link.group(1)).path)


def new_password(visit: Visit, client: Client) -> Fetched:
    email, _ = sign_up(visit, client)
    submit(client, visit.path("/{locale}/account/reset"), "/reset", {"email": email})
    return client.get(visit.mail_link(email))


def progress(visit: Visit, client: Client) -> Fetched:
    pledge = visit.path("/{locale}/pledges/{pledge}")
    submit(client, pledge, pledge, {"country": "IN"})
    submit(client, visit.path("/{locale}/lessons/{lesson}"), "/done", {})
    walk_quiz_result(visit, client)
    return client.get(visit.path("/{locale}/me"))


def opened(template: str) -> Callable[[Visit, Client], Fetched]:
    return lambda visit, client: client.get(visit.path(template))


def sent(template: str, action_part: str, values: dict | None = None):
    """The answer to the page's form sent with `values` (nothing: the form with its errors)."""
    return lambda visit, client: submit(
        client, visit.path(template), visit.path(action_part), values or {}
    )


def signed_in(template: str) -> Callable[[Visit, Client], Fetched]:
    def walk(visit: Visit, client: Client) -> Fetched:
        sign_up(visit, client)
        return client.get(visit.path(template))

    return walk


def new_organisation_errors(visit: Visit, client: Client) -> Fetched:
    sign_up(visit, client)
    return submit(client, visit.path("/{locale}/orgs/new"), "/orgs/new", {})


# (page type, how a fresh visitor reaches it, the status it answers with): as tests/browser/pages.py.
PAGE_TYPES: tuple[tuple[str, Callable[[Visit, Client], Fetched], int], ...] = (
    ("home", opened("/{locale}/"), 200),
    ("about", opened("/{locale}/about"), 200),
    ("privacy", opened("/{locale}/privacy"), 200),
    ("lessons", opened("/{locale}/lessons/"), 200),
    ("lesson", opened("/{locale}/lessons/{lesson}"), 200),
    ("lesson-errors", sent("/{locale}/lessons/{lesson}", "/done"), 400),
    ("quizzes", opened("/{locale}/quizzes/"), 200),
    ("quiz", opened("/{locale}/quizzes/{quiz}"), 200),
    ("quiz-errors", sent("/{locale}/quizzes/{quiz}", "/{locale}/quizzes/{quiz}"), 400),
    ("quiz-result", walk_quiz_result, 200),
    ("pledges", opened("/{locale}/pledges/"), 200),
    ("pledge", opened("/{locale}/pledges/{pledge}"), 200),
    ("pledge-errors", sent("/{locale}/pledges/{pledge}", "/{locale}/pledges/{pledge}"), 400),
    (
        "pledge-thanks",
        sent("/{locale}/pledges/{pledge}", "/{locale}/pledges/{pledge}", {"country": "IN"}),
        200,
    ),
    ("progress-empty", opened("/{locale}/me"), 200),
    ("progress", progress, 200),
    ("signup", opened("/{locale}/account/signup"), 200),
    ("signup-errors", sent("/{locale}/account/signup", "/signup"), 400),
    ("check-email", lambda visit, client: sign_up(visit, client)[1], 200),
    ("login", opened("/{locale}/account/login"), 200),
    ("reset", opened("/{locale}/account/reset"), 200),
    ("new-password", new_password, 200),
    ("settings", signed_in("/{locale}/account/"), 200),
    ("leaderboard", opened("/{locale}/leaderboards/countries"), 200),
    ("leaderboard-per-capita", opened("/{locale}/leaderboards/countries?view=per-capita"), 200),
    ("embed-quad", opened("/embed/{locale}/quad"), 200),
    ("embed-countries", opened("/embed/{locale}/countries"), 200),
    ("leaderboard-organisations", opened("/{locale}/leaderboards/organisations"), 200),
    ("organisations", opened("/{locale}/orgs/"), 200),
    ("organisation-new", signed_in("/{locale}/orgs/new"), 200),
    ("organisation-new-errors", new_organisation_errors, 400),
    ("organisation-dashboard", organisation_dashboard, 200),
    ("organisation-join", organisation_join, 200),
    ("not-found", opened("/{locale}/no-such-page"), 404),
)

# Where a page makes the browser fetch something as it loads: src/srcset/poster/data attributes,
# <link href> (stylesheets, icons, preloads) and CSS url() and @import; forms send to their action.
FETCHING_ATTRIBUTE = re.compile(
    r"""\s(?:src|srcset|poster|data)\s*=\s*["']([^"']+)["']""", re.IGNORECASE
)
FORM_ACTION = re.compile(r"""<form\b[^>]*\saction\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
LINK_TAG = re.compile(r"<link\b[^>]*>", re.IGNORECASE)
HREF = re.compile(r"""\bhref\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
REL = re.compile(r"""\brel\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
CSS_URL = re.compile(r"""url\(\s*["']?([^"')]+)["']?\s*\)|@import\s+["']([^"']+)["']""")
# <link rel> values that make the browser fetch (alternate, canonical... are only metadata).
FETCHING_RELS = {"stylesheet", "icon", "preload", "prefetch", "modulepreload", "manifest"}


def fetched_urls(page: str) -> list[str]:
    """What the browser loads with the page."""
    urls = []
    for value in FETCHING_ATTRIBUTE.findall(page):
        urls += [part.strip().split(" ")[0] for part in value.split(",")]
    for tag in LINK_TAG.findall(page):
        rel, href = REL.search(tag), HREF.search(tag)
        if rel and href and set(rel.group(1).lower().split()) & FETCHING_RELS:
            urls.append(href.group(1))
    return [url for url in urls if url]


def requested_urls(page: str) -> list[str]:
    """Every URL the page makes the browser request: what it loads, and where its forms send."""
    return fetched_urls(page) + FORM_ACTION.findall(page)


def css_urls(stylesheet: str) -> list[str]:
    return [first or second for first, second in CSS_URL.findall(stylesheet)]


def third_party(urls: list[str], host: str) -> list[str]:
    """The URLs that would reach another host (data: URIs and same-site paths are fine)."""
    found = []
    for url in urls:
        if url.startswith(("data:", "#")):
            continue
        parts = urllib.parse.urlsplit(url)
        if parts.scheme in ("http", "https", "") and parts.netloc and parts.hostname != host:
            found.append(url)
    return found


def weigh(client: Client, page: Fetched) -> dict:
    """The page's HTML and every stylesheet, script and font it loads (images aside)."""
    urls = fetched_urls(page.text)
    outside = third_party(requested_urls(page.text), client.host)
    assets, seen = [], set()
    queue = [url for url in urls if url not in outside]
    while queue:
        url = queue.pop(0)
        path = urllib.parse.urlsplit(url).path
        if path in seen or not path.startswith("/") or path.lower().endswith(IMAGE_SUFFIXES):
            continue
        seen.add(path)
        asset = client.get(path)
        assets.append(
            {
                "path": path,
                "status": asset.status,
                "wire": asset.wire_bytes,
                "compressed": asset.compressed_bytes,
                "bytes": len(asset.body),
            }
        )
        if asset.headers.get("content-type", "").startswith("text/css"):
            found = css_urls(asset.text)
            outside += third_party(found, client.host)
            queue += [u for u in found if u not in outside]
    return {
        "html_bytes": len(page.body),
        "html_compressed": page.compressed_bytes,
        "compressed_total": page.compressed_bytes + sum(a["compressed"] for a in assets),
        "uncompressed_total": len(page.body) + sum(a["bytes"] for a in assets),
        "server_compressed": page.wire_bytes < len(page.body),
        "assets": assets,
        "third_party": outside,
    }


def measure(
    new_client: Callable[[], Client],
    locales: tuple[str, ...],
    slugs: dict[str, str],
    mail_link: Callable[[str], str],
) -> list[dict]:
    """One row per page type and locale: its status, weight and any third-party URL."""
    rows = []
    for locale in locales:
        visit = Visit(new_client, locale, slugs, mail_link)
        for name, walk, expected in PAGE_TYPES:
            client = new_client()
            page = walk(visit, client)
            row = {"page": name, "locale": locale, "status": page.status, "expected": expected}
            row.update(weigh(client, page))
            row["ok"] = (
                page.status == expected
                and row["compressed_total"] <= LIMIT_BYTES
                and not row["third_party"]
            )
            rows.append(row)
    return rows


def summary(rows: list[dict]) -> dict:
    heaviest = max(rows, key=lambda row: row["compressed_total"])
    return {
        "pages": len(rows),
        "failing": [f"{r['page']} ({r['locale']})" for r in rows if not r["ok"]],
        "heaviest": f"{heaviest['page']} ({heaviest['locale']})",
        "heaviest_compressed_bytes": heaviest["compressed_total"],
        "heaviest_uncompressed_bytes": max(row["uncompressed_total"] for row in rows),
        "server_compresses": any(row["server_compressed"] for row in rows),
        "third_party_urls": sorted({url for row in rows for url in row["third_party"]}),
        "limit_bytes": LIMIT_BYTES,
        "met": all(row["ok"] for row in rows),
    }


class LiveClient:
    """A visitor of a live server (gunicorn), through requests: its own cookies, no redirects
    followed, answers counted as sent (compressed when the server compressed them)."""

    def __init__(self, port: int, host: str = "127.0.0.1"):
        import requests

        self.host, self.origin = host, f"http://{host}:{port}"
        self.session = requests.Session()
        self.session.headers.update({"Accept-Language": "en", "Accept-Encoding": "gzip"})

    def _fetched(self, response) -> Fetched:
        sent = response.raw.read(decode_content=False)
        headers = {name.lower(): value for name, value in response.headers.items()}
        body = gzip.decompress(sent) if headers.get("content-encoding") == "gzip" else sent
        return Fetched(response.status_code, headers, body, len(sent))

    def get(self, path: str) -> Fetched:
        return self._fetched(
            self.session.get(self.origin + path, allow_redirects=False, stream=True)
        )

    def post(self, path: str, fields: list[tuple[str, str]]) -> Fetched:
        answer = self.session.post(
            self.origin + path,
            data=fields,
            headers={"Origin": self.origin},  # as a browser sends it (challenge/cross_origin.py)
            allow_redirects=False,
            stream=True,
        )
        return self._fetched(answer)


def outbox_link(instance_path) -> Callable[[str], str]:
    """Reads the newest link mailed to an address from the instance's outbox (MAIL_BACKEND=file)."""
    import email
    import email.policy
    from pathlib import Path

    def mail_link(to: str) -> str:
        files = sorted(
            (Path(instance_path) / "outbox").glob("*.log"), key=lambda p: p.stat().st_mtime
        )
        # Flask-Mailman's file backend: each message followed by a line of 79 dashes.
        messages = [
            email.message_from_bytes(raw, policy=email.policy.default)
            for path in files
            for raw in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n")
            if raw.strip()
        ]
        for message in reversed(messages):
            if message["To"] == to:
                text = message.get_body(("plain",)).get_content()
                url = re.search(r"https?://\S+", text).group(0)
                return urllib.parse.urlsplit(url).path
        raise AssertionError(f"no mail to {to}")

    return mail_link
