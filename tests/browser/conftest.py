"""Browser fixtures: Debian's Chromium driven by Playwright, against the app on a live server.

Without Chromium, node_modules (axe-core, vnu-jar), Java or Playwright the tests are skipped, except
in CI (CI=true), where they fail, as PostgreSQL does in tests/conftest.py.
"""

import os

import pytest

from tests.browser.support import missing_tools


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


@pytest.fixture
def new_page(browser, site):
    """Open pages in fresh browser contexts (own cookies); all are closed after the test."""
    from tests.browser.support import PHONE

    contexts = []

    def open_page(locale: str = "en", *, javascript: bool = True, **options):
        options.setdefault("viewport", PHONE)
        context = browser.new_context(
            base_url=site.base_url,
            java_script_enabled=javascript,
            locale=locale,
            extra_http_headers={"Accept-Language": locale},
            **options,
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()
