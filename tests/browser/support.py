"""What the browser tests and `make screenshots` share: the tools, a live server, and page helpers.

The live server is the real app (TestConfig) on a temporary SQLite database, migrated by the
migrations and synced with the real content/ tree, served by werkzeug in a background thread.
"""

import datetime as dt
import logging
import os
import re
import shutil
import socket
import threading
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import flask_migrate
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import got_request_exception
from werkzeug.serving import make_server

from challenge import create_app
from challenge.config import PROJECT_ROOT, TestConfig, translation_locales
from challenge.content.loader import load_tree
from challenge.content.operations import sync_tree
from challenge.extensions import db

NODE_MODULES = PROJECT_ROOT / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PASSWORD = "correct horse battery staple"  # 15+ characters, as the sign-up form asks

# The countries seeded into the leaderboard: (code, participants, pledges each, lessons each).
LEADERBOARD_SEED = (
    ("IN", 48, 2, 3),
    ("JP", 35, 1, 4),
    ("US", 30, 2, 1),
    ("AU", 22, 1, 2),
    ("NZ", 9, 1, 1),
    ("GB", 7, 2, 0),
    ("FJ", 3, 1, 1),
)


def missing_tools(*, checkers: bool = True) -> list[str]:
    """What the browser tests need and this machine lacks (with how to get it).

    `checkers`: also axe-core, the Nu Html Checker and Java (screenshots need only the browser).
    """
    missing = []
    if not CHROMIUM.exists():
        missing.append(f"Chromium at {CHROMIUM} (apt-get install chromium)")
    for path in (AXE_JS, VNU_JAR) if checkers else ():
        if not path.exists():
            missing.append(f"{path.relative_to(PROJECT_ROOT)} (npm ci --ignore-scripts)")
    if checkers and shutil.which("java") is None:
        missing.append("java, for the Nu Html Checker (apt-get install default-jre-headless)")
    try:
        import playwright  # noqa: F401
    except ImportError:
        missing.append("the playwright Python package (pip install -e '.[test]')")
    return missing


def launch(playwright):
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
    )


@dataclass
class Site:
    """The app behind a live server, and what tests need to drive it."""

    app: object
    base_url: str
    locales: tuple[str, ...]
    errors: list[str] = field(default_factory=list)  # tracebacks of requests that failed
    shared: dict = field(default_factory=dict)  # setups made once per live server (see memo)
    _accounts: int = field(default=0, repr=False)

    def url(self, path: str) -> str:
        return self.base_url + path

    def new_email(self, name: str = "reader") -> str:
        self._accounts += 1
        return f"{name}{self._accounts}@example.org"

    def mail_link(self, to: str, containing: str = "") -> str:
        """The path of the link in the last message sent to `to` whose link contains `containing`."""
        from challenge.mail import outbox, text_of

        with self.app.app_context():
            links = [
                re.search(r"https?://\S+", text_of(message)).group(0)
                for message in outbox()
                if message["To"] == to
            ]
        links = [link for link in links if containing in link]
        assert links, f"no mail to {to} with a link containing {containing!r}"
        return path_of(links[-1])

    def cli(self, *args: str, input: str | None = None) -> str:
        """Run `flask <args>` against the live server's database; its output (it must succeed)."""
        result = self.app.test_cli_runner().invoke(args=list(args), input=input)
        assert result.exit_code == 0, (
            f"flask {' '.join(args)}: {result.output or result.exception!r}"
        )
        return result.output

    def fold_tallies(self) -> None:
        """What the job worker does every second: fold the counts pledges wrote behind into the
        tallies the public figures read (participation/fold.py)."""
        from challenge.participation import fold

        with self.app.app_context():
            fold.fold()

    def memo(self, key: str, make: Callable):
        """`make()`, run once per live server: for setups that page types can share safely."""
        if key not in self.shared:
            self.shared[key] = make()
        return self.shared[key]

    def content_titles(self, locale: str) -> list[str]:
        """The titles of everything published, as shown in `locale`: the translators' words."""
        from challenge.content.queries import published_items

        with self.app.app_context():
            return [
                shown.title
                for kind in ("lesson", "quiz", "pledge", "page")
                for shown in published_items(kind, locale)
            ]

    def quiz_questions(self, slug: str, locale: str) -> list[dict]:
        """Each question's field name, right and wrong option indexes and feedback, from the database."""
        from challenge.quizzes.queries import quiz_page
        from challenge.quizzes.scoring import questions_of

        with self.app.app_context():
            quiz = quiz_page(slug, locale)
            return [
                {
                    "field": question.field_name,
                    "multiple": question.multiple,
                    "right": sorted(question.correct),
                    "wrong": [option.index for option in question.options if not option.correct],
                    "feedback": {option.index: str(option.feedback) for option in question.options},
                }
                for question in questions_of(quiz.data, locale)
            ]

    def first_slugs(self) -> dict[str, str]:
        """The slug of the first published lesson, quiz and pledge."""
        from challenge.lessons.queries import lesson_list
        from challenge.pledges.queries import pledge_list
        from challenge.quizzes.queries import quiz_list

        with self.app.app_context():
            return {
                "lesson": lesson_list("en")[0].slug,
                "quiz": quiz_list("en")[0].slug,
                "pledge": pledge_list("en")[0].pledge.slug,
            }


def seed_leaderboard() -> None:
    from challenge.participation import tallies

    today = dt.datetime.now(dt.UTC).date()
    for country, people, pledges, lessons in LEADERBOARD_SEED:
        for person in range(people):
            day = today - dt.timedelta(days=person % 45)
            tallies.count_participant(country, day)
            for n in range(pledges):
                tallies.count_action("pledge", country, f"pledge:seed-{n}", day)
            for n in range(lessons):
                tallies.count_action("lesson", country, f"lesson:seed-{n}", day)
    db.session.commit()


def compile_catalogs(folder: Path) -> Path:
    """The translations/ catalogs compiled into `folder` (as `flask translate compile` does), so
    pages are in their language even where no one has compiled the catalogs in translations/."""
    source = Path(TestConfig.BABEL_TRANSLATION_DIRECTORIES)
    for po_file in source.glob("*/LC_MESSAGES/messages.po"):
        with po_file.open("rb") as stream:
            catalog = read_po(stream, locale=po_file.parent.parent.name)
        target = folder / po_file.relative_to(source).with_suffix(".mo")
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("wb") as stream:
            write_mo(stream, catalog, use_fuzzy=True)
    return folder


def closed_at_once(app):
    """The app with every answer read whole and its iterable closed at once. Werkzeug's server
    skips close() when the browser drops a connection first (a cancelled favicon, say), and the
    static file left open would fail a later test with a ResourceWarning."""

    def buffered(environ, start_response):
        answer = app(environ, start_response)
        try:
            return [b"".join(answer)]
        finally:
            if hasattr(answer, "close"):
                answer.close()

    return buffered


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def live_site(folder: Path, **overrides) -> Iterator[Site]:
    """Serve the app on a free port with a fresh database in `folder`, until the block ends."""
    folder.mkdir(parents=True, exist_ok=True)
    config = {key: getattr(TestConfig, key) for key in dir(TestConfig) if key.isupper()}
    port = free_port()
    config.update(
        PUBLIC_URL=f"http://127.0.0.1:{port}",  # the only host the site answers, as in production
        DATABASE_URL=f"sqlite:///{folder / 'browser.db'}",
        BABEL_TRANSLATION_DIRECTORIES=str(compile_catalogs(folder / "translations")),
        PRIVACY_MIN_GROUP=1,  # so the leaderboards show the seeded countries
        PAGE_CACHE_SECONDS=1,  # as in production: first visits come from the page cache
        **overrides,
    )
    app = create_app(config)
    with app.app_context():
        flask_migrate.upgrade()
        tree = load_tree(PROJECT_ROOT / "content", translation_locales(app.config), "en")
        assert not tree.errors, "\n".join(map(str, tree.errors))
        sync_tree(tree, "en")
        seed_leaderboard()
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # errors only, not every request
    server = make_server("127.0.0.1", port, closed_at_once(app), threaded=True)
    site = Site(app, f"http://127.0.0.1:{server.server_port}", app.config["LOCALES"])

    def record(sender, exception, **extra):
        site.errors.append("".join(traceback.format_exception(exception)))

    got_request_exception.connect(record, app)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield site
    finally:
        got_request_exception.disconnect(record, app)
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


# Page helpers: they find things by id, name and class, never by text, so they work in every locale.


def path_of(url: str) -> str:
    """The path (and query and fragment) of an absolute URL."""
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def create_account(page, site: Site, locale: str, email: str | None = None) -> str:
    """Create an account and confirm it by the mailed link, which logs the browser in; its address."""
    email = email or site.new_email()
    page.goto(site.url(f"/{locale}/account/signup"))
    page.check("#age_band-3")  # 18 or over
    page.select_option("#country", "IN")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    submit(page)
    confirm_email(page, site, email)
    return email


def confirm_email(page, site: Site, email: str) -> None:
    """Open the confirmation link the sign-up e-mailed."""
    page.goto(site.url(site.mail_link(email, "/account/verify/")))


def log_in(page, site: Site, locale: str, email: str) -> None:
    page.goto(site.url(f"/{locale}/account/login"))
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    submit(page)


def staff_login(page, site: Site, role: str, locale: str = "en") -> str:
    """Log `page` in as new campaign staff with `role` (made by `flask staff create`); the address."""
    email = site.new_email(role)
    site.cli("staff", "create", email, "--role", role, "--password-stdin", input=PASSWORD + "\n")
    log_in(page, site, locale, email)
    return email


# The title and the main content a reader sees or hears (text nodes and the attributes read out),
# where marked as in the page's language. `flask translate check` finds strings the catalogs lack;
# this finds English that never went through them, on the pages a journey reaches. The header and
# footer, the same on every page, are left out, so a journey fails for its own pages only.
MARKED_TEXT = """() => {
  const pageLang = document.documentElement.lang;
  const langOf = el => (el.closest('[lang]') || document.documentElement).getAttribute('lang');
  const main = document.querySelector('main');
  const texts = [document.title];
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (el && !el.closest('script, style, template') && langOf(el) === pageLang) {
      texts.push(node.textContent);
    }
  }
  const read = ['aria-label', 'alt', 'title', 'placeholder'];
  for (const el of main.querySelectorAll(read.map(a => `[${a}]`).join(', '))) {
    if (langOf(el) !== pageLang) continue;
    for (const name of read) if (el.hasAttribute(name)) texts.push(el.getAttribute(name));
  }
  return texts.join('\\n');
}"""
# Latin words the Hindi and Japanese catalogs keep: names of file formats.
LATIN_ALLOWED = frozenset({"CSV", "PNG", "JSON"})


def foreign_words(page, *proper_nouns: str) -> list[str]:
    """Latin-script words in the text marked as the page's language, minus the names given, e-mail
    addresses, links and domain names: on a Hindi or Japanese page, English left untranslated."""
    text = page.evaluate(MARKED_TEXT)
    for noun in sorted(filter(None, proper_nouns), key=len, reverse=True):
        text = text.replace(noun, " ")
    text = re.sub(r"\S+@\S+|https?://\S+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\b", " ", text)
    return [word for word in re.findall(r"[A-Za-z]{2,}", text) if word not in LATIN_ALLOWED]


def choose_country(page, code: str = "IN") -> None:
    """Pick the country when the form asks for it (it does until the participant has one)."""
    select = page.locator("select[name=country]")
    if select.count():
        select.select_option(code)


def submit(page, form: str = "main form[method=post]") -> None:
    """Press the form's submit button and wait for the page it leads to."""
    with page.expect_navigation():
        page.locator(form).last.locator("button[type=submit]").click()


def answer_quiz(page, questions: list[dict], *, right: bool) -> None:
    for question in questions:
        indexes = question["right"] if right else question["wrong"][:1]
        for index in indexes:
            page.locator(f"#{question['field']}-{index}").check()


FOCUS_STYLE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow && style.boxShadow !== 'none';
  return {tag: el.tagName.toLowerCase(), id: el.id, name: el.getAttribute('name'),
          href: el.getAttribute('href'), visible: outline || shadow,
          outline: style.outlineStyle + ' ' + style.outlineWidth, shadow: style.boxShadow};
}"""


def focused(page) -> dict | None:
    return page.evaluate(FOCUS_STYLE)


def tab_to(page, selector: str, *, limit: int = 80) -> list[dict]:
    """Press Tab until the element matching `selector` has focus; each stop's focus must show."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        state = focused(page)
        assert state is not None, "Tab left the page"
        assert state["visible"], f"no visible focus indicator on {state}"
        stops.append(state)
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return stops
    raise AssertionError(f"{selector} not reached in {limit} Tab presses: {stops}")
