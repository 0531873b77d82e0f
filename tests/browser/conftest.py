"""Browser fixtures: Debian's Chromium driven by Playwright, against the app on a live server.

Without Chromium, node_modules (axe-core, vnu-jar), Java or Playwright the tests are skipped, except
in CI (CI=true), where they fail, as PostgreSQL does in tests/conftest.py.
"""

import os

import pytest

from tests.browser.support import PHONE, missing_tools


@pytest.fixture(scope="session")
def browser_tools():
    missing = missing_tools()
    if missing:
        message = "browser tests need: " + "; ".join(missing)
        if os.environ.get("CI", "").lower() == "true":
            pytest.exit(message, returncode=1)
        pytest.skip(message)


@pytest.fixture(scope="session")
def site(browser_tools, tmp_path_factory):
    from tests.browser.support import live_site

    with live_site(tmp_path_factory.mktemp("live-site")) as served:
        yield served


@pytest.fixture(autouse=True)
def no_server_errors(request):
    """Fail the test that made the live server raise, with the server's traceback."""
    if "site" not in request.fixturenames:
        yield
        return
    site = request.getfixturevalue("site")
    del site.errors[:]
    yield
    assert not site.errors, "the live server failed:\n" + "\n".join(site.errors)


@pytest.fixture(scope="session")
def slugs(site):
    return site.first_slugs()


@pytest.fixture(scope="session")
def playwright_instance(browser_tools):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_instance):
    from tests.browser.support import launch

    browser = launch(playwright_instance)
    yield browser
    browser.close()


class Contexts:
    """Browser contexts (each its own cookies), kept for the next test that asks for the same
    language and JavaScript setting. A fresh context cost about 1.1 s of CPU over Chromium's
    processes before its first page was shown, against 0.2 s for a page in one already open; the
    journeys open about sixty. A context handed out again has no cookies, no permissions and
    one tab: the site keeps no other state in the browser, and runs no script that could ask for a
    cookie later. Its tab stays on the last test's page, since leaving for about:blank and coming
    back would start two renderer processes (the site's pages are cross-origin isolated)."""

    def __init__(self, browser, base_url: str):
        self.browser, self.base_url = browser, base_url
        self.free: dict[tuple, list] = {}  # key: contexts not in use
        self.keys: dict[object, tuple] = {}  # context: its key

    def take(self, locale: str, *, javascript: bool, **options):
        options.setdefault("viewport", PHONE)
        key = (locale, javascript, repr(sorted(options.items())))
        if self.free.get(key):
            context = self.free[key].pop()
            return context.pages[0]
        context = self.browser.new_context(
            base_url=self.base_url,
            java_script_enabled=javascript,
            locale=locale,
            extra_http_headers={"Accept-Language": locale},
            **options,
        )
        context.set_default_timeout(15_000)
        self.keys[context] = key
        return context.new_page()

    def give_back(self, page) -> None:
        context = page.context
        try:
            for other in context.pages[1:]:
                other.close()
            if page.is_closed():
                raise RuntimeError("the test closed its page")
            context.clear_cookies()
            context.clear_permissions()
        except Exception:  # a page that crashed, or a test that closed it: not kept
            del self.keys[context]
            context.close()
            return
        self.free.setdefault(self.keys[context], []).append(context)

    def close(self) -> None:
        for contexts in self.free.values():
            for context in contexts:
                context.close()


@pytest.fixture(scope="session")
def contexts(browser, site):
    kept = Contexts(browser, site.base_url)
    yield kept
    kept.close()


@pytest.fixture
def new_page(contexts):
    """Open pages as new visitors would (no cookies), each in a context of its own; the contexts
    go back to the pool after the test."""
    pages = []

    def open_page(locale: str = "en", *, javascript: bool = True, **options):
        page = contexts.take(locale, javascript=javascript, **options)
        pages.append(page)
        return page

    yield open_page
    for page in pages:
        contexts.give_back(page)
