"""Hostile input: 628 payloads in 18 categories (tests/security/payloads.py) sent to every form
field and every query parameter, and a selection of them into every URL segment.

Forms are found, not listed: every page of the URL map is loaded as an anonymous visitor, a member,
an organisation admin and (the staff pages) a staff admin, and its <form>s are parsed, so new pages
and forms are covered by themselves. Each form is sent with its real CSRF token and the page's (or
valid) values in every field but one, which gets a payload. Payloads rotate over the fields: the
first field of each name and kind (the first country list, the first e-mail field...) gets payloads
of every category, and all 628 payloads are spread over these fields; a field of a kind already
attacked in another form (the CSRF token and honeypot of every form, the next country list) gets
three payloads of rotating categories. A form with named submit buttons is sent with one of them,
in turn (the staff editor's preview, draft, publish and schedule; its time and time zone always
with schedule), and the buttons' names are fields too. The staff editor's file (`text`) gets the
payload added to what it holds, so the front matter stays valid and the payload reaches the
markdown renderer. Staff pages are found with real values (tests/security/world.py): the editor,
history, revisions and diffs of a lesson's translation.

Query parameters are the names each package reads from `request.args` (found in its source), sent
to the GET pages of that package: each gets a payload of every category, the open-data parameters
get every payload left over (and `page` every number), so every payload also goes to at least one
query parameter, except the 100 KB and 1 MB ones: no server passes a request line that long to the
app (gunicorn stops at 4 KB).

URL segments get a payload of a few categories each; numbers in the path (ids, revision numbers)
get every whole number of the payloads, up to 10^400.

Counts at the time of writing, per database (`pytest -s` prints them): 117 fields (54 of a first
kind) in 36 forms and about 1,370 requests; 26 query parameters and about 750 requests; 517
requests with hostile URL segments; 42 log-ins with a hostile `next`.

Every response is judged by tests/security/hostile.py: below 500, nothing unescaped, no injected
header, no redirect off the site, nothing written by a refused (4xx) request. Accepted values are
stored as text: at the end every page is loaded again and must not show any of them unescaped.
Rate limits are off (RATELIMIT_ENABLED) and password hashing is cheap in this module.
"""

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import partial
from urllib.parse import quote, quote_from_bytes, urlsplit

import pytest
from werkzeug.exceptions import HTTPException

from challenge.config import PROJECT_ROOT
from challenge.mail import outbox
from tests.factories import csrf_token, last_link, submit
from tests.organisations.support import account, join
from tests.security.forms import Form, forms_on
from tests.security.hostile import Judge, Page, could_show_live, send
from tests.security.payloads import CATEGORIES, PAYLOADS, URLS, Payload
from tests.security.world import (
    ANONYMOUS,
    MEMBER,
    ORG_ADMIN,
    PARTICIPANT,
    World,
    real_url,
)
from tests.support.visitors import PASSWORD

# Who loads the pages to find forms: staff pages as a staff admin, the others as each role below.
CRAWLERS = (ANONYMOUS, MEMBER, ORG_ADMIN, "staff admin")
FORM_HITS = 1  # each payload goes to this many fields of the first kind (and a query parameter)
REPEAT_SAMPLE = 3  # payloads for a field already attacked in another form (the CSRF token...)
SHARED_FIELDS = ("csrf_token", "homepage")  # in many forms on one page: never matched by name
RESET_EMAIL = "reset-target@example.org"
NEXT_EMAIL = "next-target@example.org"

# Valid values for fields a page leaves empty, by name.
VALID = {
    "password": PASSWORD,
    "current_password": PASSWORD,
    "new_password": PASSWORD,
    "name": "Example Organisation",
    "headcount": "200",
    "website": "https://example.org",
    "display_name": "Asha",
    "country": "IN",
    "age_band": "18-or-over",  # old enough for a display name to be kept, so names reach moderation
}
# Fields whose payload is added to what the page filled in, not put in its place: the staff
# editor's whole file (front matter, then markdown), so the payload reaches the markdown.
APPENDED = {"text"}
# The button a field's payload is sent with, when the form has several (others take turns): the
# scheduled time and its time zone mean something to "Schedule" only.
BUTTON_FOR = {"publish_at": ("action", "schedule"), "timezone": ("action", "schedule")}
# Forms whose valid submission would end the session or the account under test: one of their
# fields is always wrong, so they are refused whatever the target field holds.
NEVER_ACCEPTED = {
    "accounts.delete": {"password": "not the password at all"},
    "accounts.change_password": {"current_password": "not the password at all"},
}


@pytest.fixture(scope="module")
def hostile_world(world):
    """The shared world, plus accounts for the password-reset form and the `next` log-ins."""
    account(world.app, RESET_EMAIL)
    account(world.app, NEXT_EMAIL)
    return world


def endpoint_of(app, path: str, method: str) -> str:
    try:
        endpoint, _args = app.url_map.bind("localhost").match(path, method=method.upper())
    except HTTPException:
        return ""
    return endpoint


def is_staff_rule(app, rule) -> bool:
    return hasattr(app.view_functions[rule.endpoint], "permission")


def get_rules(world: World):
    """(rule, url with real values) for every GET rule but static files."""
    for rule in sorted(world.app.url_map.iter_rules(), key=lambda rule: rule.rule):
        if "GET" in rule.methods and rule.endpoint != "static":
            yield rule, real_url(world, rule)


def judge_report(judge: Judge, what: str) -> None:
    print(  # shown with pytest -s
        f"\n{what}: {judge.requests} requests, {len(judge.accepted)} accepted, "
        f"statuses {dict(sorted(judge.statuses.items()))}"
    )
    assert not judge.failures, f"{len(judge.failures)} problems:\n" + "\n".join(judge.failures[:60])


def assign(count: int, hits: int) -> dict[int, list[Payload]]:
    """Payloads for `count` targets: each payload to `hits` of them, every category to each."""
    chosen: dict[int, list[Payload]] = defaultdict(list)
    step = max(1, count // hits)
    for round_ in range(hits):
        for index, payload in enumerate(PAYLOADS):
            chosen[(index + round_ * step) % count].append(payload)
    by_category = defaultdict(list)
    for payload in PAYLOADS:
        by_category[payload.category].append(payload)
    for index in range(count):
        have = {payload.category for payload in chosen[index]}
        for category in CATEGORIES:
            if category not in have:
                options = by_category[category]
                chosen[index].append(options[index % len(options)])
    return chosen


def plan(targets: list) -> dict[int, list[Payload]]:
    """Every payload to the first field of each kind, every category to each of them; a rotating
    sample of categories to fields of a kind already attacked in another form."""
    first = [index for index, target in enumerate(targets) if not target.repeat]
    chosen = assign(len(first), FORM_HITS)
    plans = {index: chosen[position] for position, index in enumerate(first)}
    by_category = defaultdict(list)
    for payload in PAYLOADS:
        by_category[payload.category].append(payload)
    repeats = [index for index, target in enumerate(targets) if target.repeat]
    for number, index in enumerate(repeats):
        plans[index] = [
            by_category[category][number % len(by_category[category])]
            for step in range(REPEAT_SAMPLE)
            for category in [CATEGORIES[(number * REPEAT_SAMPLE + step) % len(CATEGORIES)]]
        ]
    return plans


def test_payloads_are_many_distinct_and_in_every_category():
    assert len(PAYLOADS) >= 500
    assert len({(payload.value, payload.raw) for payload in PAYLOADS}) == len(PAYLOADS)
    expected = {
        "xss", "sql", "template", "path", "oversized", "control", "invalid-utf8", "bidi",
        "invisible", "homoglyph", "format", "crlf", "number", "formula", "json", "url", "email",
    }  # fmt: skip
    assert expected <= set(CATEGORIES)
    chosen = assign(50, FORM_HITS)
    assert all(
        {payload.category for payload in chosen[index]} == set(CATEGORIES) for index in chosen
    )
    assert sum(map(len, chosen.values())) >= FORM_HITS * len(PAYLOADS)


# ---------------------------------------------------------------------------------------------
# Forms


@dataclass
class Target:
    """One form field, and the role and page that show its form."""

    role: str
    page: str
    form: Form
    name: str
    endpoint: str
    repeat: bool  # a field of this name and kind was found in an earlier form

    @property
    def label(self) -> str:
        return f"{self.form.method.upper()} {self.form.path} [{self.name}]"


def crawl(world: World) -> tuple[list[Target], dict[tuple[str, str], str]]:
    """Every field of every form (once per action and name), and each page's HTML, per role."""
    targets, seen, kinds, pages = [], set(), set(), {}
    for role in CRAWLERS:
        client = world.client(role)
        for rule, url in get_rules(world):
            if rule.endpoint.split(".")[0] in ("api", "content") or "." in url.rsplit("/", 1)[1]:
                continue  # data, images and files: no forms
            if is_staff_rule(world.app, rule) != role.startswith("staff "):
                continue
            response = client.get(url)
            if response.status_code != 200 or response.mimetype != "text/html":
                continue
            html = response.get_data(as_text=True)
            pages[(role, url)] = html
            for form in forms_on(url, html):
                endpoint = endpoint_of(world.app, form.path, form.method)
                fields = [(name, form_field.kind) for name, form_field in form.fields.items()]
                fields += [(name, "button") for name in dict(form.buttons)]
                for name, field_kind in fields:
                    key = (endpoint or form.path, form.method, name)
                    if key in seen:
                        continue
                    seen.add(key)
                    kind = (name, field_kind)
                    targets.append(Target(role, url, form, name, endpoint, kind in kinds))
                    kinds.add(kind)
    return targets, pages


def reset_page(world: World) -> str:
    submit(world.app.test_client(), "/en/account/reset", {"email": RESET_EMAIL})
    with world.app.app_context():
        return last_link(outbox())


class FormSender:
    """Keeps a current copy of each form (CSRF token, hidden values) and fills its valid values.

    Anonymous visitors and members get a new identity when a form stops showing the target field
    (a display name, once given, is no longer asked); the other roles keep theirs.
    """

    def __init__(self, world: World, judge: Judge):
        self.world, self.judge = world, judge
        self.clients = {}
        self.counter = 0

    def client(self, target: Target, *, fresh: bool = False):
        key = (target.role, target.form.path)
        if fresh or key not in self.clients:
            self.clients[key] = self.new_identity(target.role)
        return self.clients[key]

    def new_identity(self, role: str):
        self.counter += 1
        self.judge.forget_state()
        if role == ANONYMOUS:
            return self.world.app.test_client()
        if role == MEMBER:
            client = account(self.world.app, f"member-{self.counter}@example.gov.in")
            join(self.world.app, client, self.world.org)
            return client
        return self.world.client(role)

    def find(self, target: Target, url: str, html: str) -> Form | None:
        """The target's form on a page: same action, else the one form holding the field."""
        forms = [
            form
            for form in forms_on(url, html)
            if form.method == target.form.method and target.name in names(form)
        ]
        for form in forms:
            if form.path == target.form.path or (
                target.endpoint
                and endpoint_of(self.world.app, form.path, form.method) == target.endpoint
            ):
                return form
        if len(forms) == 1 and target.name not in SHARED_FIELDS:
            return forms[0]  # a toggle, such as verify after unverify
        return None

    def current_form(self, target: Target, page: tuple[str, str] | None = None):
        """The form as its page shows it now ((url, html) of the page if just loaded)."""
        for fresh in (False, True):
            if page is None:
                if target.endpoint == "accounts.reset":
                    target.page = reset_page(self.world)  # the link works once
                response = self.client(target, fresh=fresh).get(target.page)
                page = (target.page, response.get_data(as_text=True))
            form = self.find(target, *page)
            if form is not None:
                return form, page[1]
            if target.role not in (ANONYMOUS, MEMBER):
                break
            page = None
        return None, ""

    def valid_value(self, name: str, current: str) -> str:
        if current:
            return current
        if "email" in name:
            self.counter += 1
            return f"hostile-{self.counter}@example.org"
        return VALID.get(name, "")

    def pairs(self, target: Target, form: Form, turn: int) -> list[tuple[str, str]]:
        """The form's other fields, valid, and the button clicked (unless it is the target)."""
        overrides = NEVER_ACCEPTED.get(target.endpoint, {})
        pairs = [
            (name, overrides.get(name, self.valid_value(name, value)))
            for name, value in form.default_pairs()
            if name != target.name
        ]
        answered = {name for name, _value in pairs}
        for form_field in form.fields.values():  # unanswered radio groups: VALID, or the first
            if form_field.kind == "radio" and form_field.name not in answered | {target.name}:
                chosen = VALID.get(form_field.name) or next(iter(form_field.options), None)
                pairs += [(form_field.name, chosen)] if chosen else []
        if form.buttons and target.name not in dict(form.buttons):
            wanted = BUTTON_FOR.get(target.name)
            pairs.append(
                wanted if wanted in form.buttons else form.buttons[turn % len(form.buttons)]
            )
        return pairs

    def value(self, target: Target, payload: Payload) -> str:
        """The payload, or for APPENDED fields the text the page first held plus the payload (not
        the text as saved since: payloads would pile up)."""
        if target.name in APPENDED and isinstance(payload.value, str):
            return f"{target.form.fields[target.name].value}\n\n{payload.value}"
        return payload.value

    def run(self, target: Target, payloads: list[Payload]) -> list[Payload]:
        """Send payloads to the target field; those it could not send (its form went away)."""
        form, html = self.current_form(target)
        for position, payload in enumerate(payloads):
            if form is None:
                return payloads[position:]
            pairs = self.pairs(target, form, position)
            raw = (target.name, payload.value) if payload.raw else None
            if not payload.raw:
                pairs.append((target.name, self.value(target, payload)))
            client, path = self.client(target), urlsplit(form.action).path
            response, accepted = self.judge.request(
                payload,
                target.label,
                lambda client=client, form=form, pairs=pairs, raw=raw, path=path: send(
                    client, form.method, path, pairs, raw
                ),
                baseline=html,
            )
            if accepted:
                page = self.follow(response, payload, target)
                if page is not None or needs_fresh_copy(form):
                    form, html = self.current_form(target, page)
        return []

    def follow(self, response, payload: Payload, target: Target):
        """Load the page an accepted form redirects to; (url, html) if it is the form's page."""
        location = response.headers.get("Location", "")
        if response.status_code not in (301, 302, 303) or not location.startswith("/"):
            return None
        client = self.client(target)
        followed, _accepted = self.judge.request(
            payload, f"{target.label}, then GET {location}", lambda: client.get(location)
        )
        if location.split("#")[0] == target.page and followed.status_code == 200:
            return target.page, followed.get_data(as_text=True)
        return None


def names(form: Form) -> set[str]:
    """What a form sends: its fields and its buttons."""
    return set(form.fields) | {name for name, _value in form.buttons}


def needs_fresh_copy(form: Form) -> bool:
    """Forms with one-time hidden values (a quiz attempt, the organisation being left)."""
    return any(
        field.kind == "hidden" and field.name not in SHARED_FIELDS for field in form.fields.values()
    )


def test_every_form_field_survives_every_kind_of_payload(hostile_world):
    world = hostile_world
    judge = Judge(world.app)
    targets, pages = crawl(world)
    assert len({target.form.path for target in targets}) >= 15, "the crawler found few forms"
    order = {role: position for position, role in enumerate(CRAWLERS)}
    targets.sort(key=lambda target: order[target.role])  # staff forms (verify...) last
    chosen = plan(targets)
    sender = FormSender(world, judge)
    unreached, partly = [], {}
    for index, target in enumerate(targets):
        unsent = sender.run(target, chosen[index])
        if len(unsent) == len(chosen[index]):
            unreached.append(target.label)
        elif unsent:
            partly[target.label] = len(unsent)
    # Accepted values are stored as text: no page may now show one of them unescaped.
    stored = [
        (payload, where)
        for payload, where in dict(reversed(judge.accepted)).items()
        if could_show_live(payload.text)
    ]
    for (role, url), baseline in pages.items():
        response = world.client(role).get(url)
        if response.mimetype == "text/html":
            page = Page(response.get_data(as_text=True), baseline)
            for payload, where in stored:
                for problem in page.problems(payload):
                    judge.fail(f"GET {url} as {role}, after {where}", payload, problem)
    forms = len({target.form.path for target in targets})
    first = sum(not target.repeat for target in targets)
    print(
        f"\nforms: {len(targets)} fields ({first} of a first kind) in {forms} forms; "
        f"stopped early: {partly}"
    )
    assert not unreached, f"fields whose form could not be loaded: {unreached}"
    judge_report(judge, "forms")


# ---------------------------------------------------------------------------------------------
# Query parameters

ARGS_READ = re.compile(r"""\bargs(?:\.get(?:list)?\(|\[)\s*["']([A-Za-z_][\w-]*)["']""")
FUNCTION = re.compile(r"^def (\w+)", re.MULTILINE)


def parameters_by_package() -> dict[str, set[str]]:
    """The query parameters each package reads, from its source (and the helpers it calls)."""
    root = PROJECT_ROOT / "challenge"
    helpers = []
    for path in root.glob("*.py"):
        text = path.read_text()
        if ARGS_READ.search(text):
            helpers.append((set(FUNCTION.findall(text)), set(ARGS_READ.findall(text))))
    packages = {}
    for package in root.iterdir():
        if not (package / "__init__.py").exists():
            continue
        text = "\n".join(path.read_text() for path in package.rglob("*.py"))
        names = set(ARGS_READ.findall(text))
        for functions, parameters in helpers:
            if any(re.search(rf"\b{function}\(", text) for function in functions):
                names |= parameters
        if names:
            packages[package.name] = names
    return packages


def query_string(name: str, payload: Payload) -> str:
    """`name=payload`, percent-encoded, or with raw bytes: as latin-1 text, a WSGI query string."""
    value = payload.value if isinstance(payload.value, bytes) else payload.value.encode()
    encoded = value if payload.raw else quote_from_bytes(value, safe="").encode()
    return (quote(name).encode() + b"=" + encoded).decode("latin-1")


# Servers refuse longer request lines (gunicorn at 4 KB), so longer payloads never reach a view in
# a query string: the 100 KB and 1 MB ones go to form fields only.
QUERY_LIMIT = 16 * 1024


def fits_a_query(payload: Payload) -> bool:
    value = payload.value if isinstance(payload.value, bytes) else payload.value.encode()
    return len(value) <= QUERY_LIMIT


def spread(targets: list[tuple[str, str]], cheap: str) -> dict[int, list[Payload]]:
    """One payload of every category to each parameter; the payloads left over go to the
    parameters of the `cheap` package (open data answers in JSON, without a page to render)."""
    by_category = defaultdict(list)
    for payload in filter(fits_a_query, PAYLOADS):
        by_category[payload.category].append(payload)
    chosen, used = defaultdict(list), set()
    for index in range(len(targets)):
        for category in CATEGORIES:
            payload = by_category[category][index % len(by_category[category])]
            chosen[index].append(payload)
            used.add(payload)
    for index, (package, name) in enumerate(targets):
        if package == cheap and name == "page":  # paging: every out-of-range and odd number
            chosen[index] += [p for p in by_category["number"] if p not in chosen[index]]
    cheap_targets = [index for index, (package, _name) in enumerate(targets) if package == cheap]
    left = [payload for payload in PAYLOADS if payload not in used and fits_a_query(payload)]
    for number, payload in enumerate(left):
        chosen[cheap_targets[number % len(cheap_targets)]].append(payload)
    return chosen


def test_every_query_parameter_survives_every_kind_of_payload(hostile_world):
    world = hostile_world
    app = world.app
    judge = Judge(app)
    by_package = parameters_by_package()
    assert {"window", "sort", "page", "next"} <= set().union(*by_package.values())
    endpoints = defaultdict(list)  # package -> [(client, url, baseline)]
    for rule, url in get_rules(world):
        package = app.view_functions[rule.endpoint].__module__.split(".")[1]
        if package not in by_package:
            continue
        role = "staff admin" if is_staff_rule(app, rule) else ANONYMOUS
        client = world.client(role)
        baseline = client.get(url)
        if baseline.status_code == 200 and not baseline.mimetype.startswith("image/"):
            endpoints[package].append((client, url, baseline.get_data(as_text=True)))
    targets = [
        (package, name) for package in sorted(endpoints) for name in sorted(by_package[package])
    ]
    chosen = spread(targets, cheap="api")
    for index, (package, name) in enumerate(targets):
        pages = endpoints[package]
        for position, payload in enumerate(chosen[index]):
            client, url, baseline = pages[(index + position) % len(pages)]
            environ = {"QUERY_STRING": query_string(name, payload)}
            judge.request(
                payload,
                f"GET {url}?{name}=",
                lambda client=client, url=url, environ=environ: client.get(
                    url, environ_overrides=environ
                ),
                baseline=baseline,
            )
    print(f"\nquery parameters: {len(targets)}: {targets}")
    judge_report(judge, "query parameters")


def test_next_never_leads_off_the_site(hostile_world):
    """Logging in follows `next` only to a path on this site, whatever it holds."""
    world = hostile_world
    judge = Judge(world.app)
    chosen = [payload for payload in PAYLOADS if payload.category == "url"]
    chosen += [
        next(p for p in PAYLOADS if p.category == category and fits_a_query(p))
        for category in CATEGORIES
        if category != "url"
    ]
    credentials = {"email": NEXT_EMAIL, "password": PASSWORD}
    for payload in chosen:
        environ = {"QUERY_STRING": query_string("next", payload)}
        judge.request(
            payload,
            "POST /en/account/login?next=",
            lambda environ=environ: submit(
                world.app.test_client(),
                "/en/account/login",
                credentials,
                environ_overrides=environ,
            ),
        )
    sites = [payload for payload, _where in judge.accepted if payload.category == "url"]
    assert len(sites) == len(URLS), "every log-in with a web address as `next` succeeded"
    judge_report(judge, "next")


# ---------------------------------------------------------------------------------------------
# URL segments

SEGMENT_CATEGORIES = ("path", "control", "invalid-utf8", "sql", "xss", "template", "bidi", "number")


def segment_client(world: World, rule):
    """Staff pages as a staff admin; others as the organisation admin, or the participant when
    only they open the page (their quiz attempt): the view then reads what the segment names."""
    if is_staff_rule(world.app, rule):
        return world.client("staff admin")
    url = real_url(world, rule)
    if "GET" in rule.methods and world.client(ORG_ADMIN).get(url).status_code == 404:
        owner = world.client(PARTICIPANT)
        return owner if owner.get(url).status_code == 200 else world.client(ORG_ADMIN)
    return world.client(ORG_ADMIN)


def is_integer(rule, name: str) -> bool:
    return re.search(rf"<int(\([^)]*\))?:{name}>", rule.rule) is not None


def test_hostile_url_segments(hostile_world):
    """Slugs, codes and tokens in the path: a few payloads of the categories that matter there.
    Numbers in the path (ids, revision numbers) get every whole number of the payloads, the
    largest far past what a database column holds."""
    world = hostile_world
    app = world.app
    judge = Judge(app)
    picks = [
        payload
        for category in SEGMENT_CATEGORIES
        for payload in [p for p in PAYLOADS if p.category == category and not p.raw][:1]
    ]
    whole_numbers = [
        payload
        for payload in PAYLOADS
        if isinstance(payload.value, str) and payload.value.isascii() and payload.value.isdigit()
    ]
    assert "9223372036854775808" in {payload.value for payload in whole_numbers}
    for rule in sorted(app.url_map.iter_rules(), key=lambda rule: rule.rule):
        if rule.endpoint == "static":
            continue
        client = segment_client(world, rule)
        token = None
        for name in sorted(rule.arguments):
            if name == "locale":
                continue
            for payload in whole_numbers if is_integer(rule, name) else picks:
                value = payload.value
                segment = quote_from_bytes(
                    value if isinstance(value, bytes) else value.encode(), safe=""
                )
                url = real_url(world, rule, **{name: segment})
                if "GET" in rule.methods:
                    judge.request(payload, f"GET {rule.rule} <{name}>", partial(client.get, url))
                if "POST" in rule.methods:
                    token = token or csrf_token(client.get("/en/account/login").text)
                    post = partial(client.post, url, data={"csrf_token": token})
                    judge.request(payload, f"POST {rule.rule} <{name}>", post)
    judge_report(judge, "URL segments")
