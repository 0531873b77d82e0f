"""The home page's first screen on a small phone (360x640), in every language, as a new visitor
sees it: the one-sentence pitch, the current edition (the next one when none runs; today's action
when one does) and the one primary button all lie above the fold, under a header of at most 64 px
whose menu opens without script, and every target on that screen is at least 24x24 CSS px."""

import pytest

from challenge.config import Config
from tests.browser.support import live_site

pytestmark = pytest.mark.browser

LOCALES = Config.LOCALES
SMALL_PHONE = {"width": 360, "height": 640}
HEADER_BUDGET = 64
RUNNING = "quad-cyber-challenge-2023"  # kept running by DEMO_RUNNING_EDITION, as `make serve` does
UPCOMING = "quad-cyber-challenge-2027"  # the next edition on the real calendar

# What the first screen must show, in reading order, each wholly inside the viewport.
FIRST_SCREEN = ("main h1", ".hero .lead", ".hero-edition", "#primary-action")

# Every target on the first screen (in the viewport), with its size; inline links in running
# text are exempt from WCAG 2.5.8, and the hero has none.
TARGETS_ON_SCREEN = """() => {
  const small = [];
  for (const el of document.querySelectorAll('a, button, summary, input, select')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    if (box.bottom <= 0 || box.top >= window.innerHeight) continue;
    if (box.width < 23.5 || box.height < 23.5) {
      small.push(`${el.tagName.toLowerCase()}.${el.className} ` +
                 `"${el.textContent.trim().slice(0, 30)}" ${box.width.toFixed(1)}x${box.height.toFixed(1)}`);
    }
  }
  return small;
}"""


@pytest.fixture(scope="module")
def running_site(browser_tools, tmp_path_factory):
    """A second live server on which an edition is running today."""
    with live_site(tmp_path_factory.mktemp("running-site"), DEMO_RUNNING_EDITION=RUNNING) as served:
        yield served
        assert not served.errors, "the live server failed:\n" + "\n".join(served.errors)


@pytest.fixture
def phone(browser):
    """Pages on a fresh 360x640 context for any base URL, without or with script."""
    contexts = []

    def open_page(base_url: str, locale: str, *, javascript: bool = True):
        context = browser.new_context(
            base_url=base_url,
            viewport=SMALL_PHONE,
            java_script_enabled=javascript,
            locale=locale,
            extra_http_headers={"Accept-Language": locale},
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def check_first_screen(page, locale: str) -> dict:
    header = page.locator(".site-header").bounding_box()
    assert header["height"] <= HEADER_BUDGET, header
    shapes = {}
    for selector in FIRST_SCREEN:
        element = page.locator(selector)
        assert element.count() == 1, selector
        assert element.is_visible(), selector
        shape = element.bounding_box()
        assert shape["y"] >= header["y"] + header["height"] - 0.5, (selector, shape)
        assert shape["y"] + shape["height"] <= SMALL_PHONE["height"], (selector, shape)
        shapes[selector] = shape
    tops = [shapes[selector]["y"] for selector in FIRST_SCREEN]
    assert tops == sorted(tops), "the pitch, the edition and the button, in that order"
    assert page.locator(".hero .lead").inner_text().strip()
    assert page.locator("main a.button.primary").count() == 1
    assert page.evaluate(TARGETS_ON_SCREEN) == []
    return shapes


@pytest.mark.parametrize("locale", LOCALES)
def test_the_first_screen_sells_the_next_edition(phone, site, locale):
    page = phone(site.base_url, locale, javascript=False)
    page.goto(f"/{locale}/")
    check_first_screen(page, locale)
    edition = page.locator(f".hero-edition a[href='/{locale}/editions/{UPCOMING}']")
    assert edition.is_visible()
    assert page.locator(".hero-edition .meta").inner_text().strip()  # its start date
    assert page.locator("#primary-action").get_attribute("href") == f"/{locale}/pledges/"


@pytest.mark.parametrize("locale", LOCALES)
def test_the_first_screen_offers_todays_action_while_an_edition_runs(phone, running_site, locale):
    page = phone(running_site.base_url, locale, javascript=False)
    page.goto(f"/{locale}/")
    check_first_screen(page, locale)
    assert page.locator(f".hero-edition a[href='/{locale}/editions/{RUNNING}']").is_visible()
    assert page.locator(".hero-edition strong").inner_text().strip()  # today's action, named
    href = page.locator("#primary-action").get_attribute("href")
    assert href.startswith(f"/{locale}/editions/{RUNNING}#action-"), href
    # the button leads to that action on the edition's page
    with page.expect_navigation():
        page.locator("#primary-action").click()
    anchor = href.split("#", 1)[1]
    assert page.locator(f"[id='{anchor}']").count() == 1


@pytest.mark.parametrize("locale", LOCALES)
def test_the_menu_opens_and_closes_without_script_on_the_first_screen(phone, site, locale):
    page = phone(site.base_url, locale, javascript=False)
    page.goto(f"/{locale}/")
    menu = page.locator(".menu-nav")
    assert not menu.is_visible()
    page.locator(".menu-button").click()
    assert menu.is_visible()
    assert page.locator(".site-header").bounding_box()["height"] <= HEADER_BUDGET
    # the open menu lies over the first screen; its links are large enough to hit
    for index in range(menu.locator("a").count()):
        shape = menu.locator("a").nth(index).bounding_box()
        assert shape["width"] >= 24 and shape["height"] >= 24, shape
    page.locator(".menu-button").click()
    assert not menu.is_visible()
    assert page.locator("#primary-action").bounding_box()["y"] < SMALL_PHONE["height"]


@pytest.mark.parametrize("locale", ["en", "ja"])
def test_a_visitor_without_an_account_erases_their_data_from_their_page(
    new_page, site, slugs, locale
):
    from tests.browser.support import choose_country, submit

    page = new_page(locale, javascript=False)
    page.goto(f"/{locale}/pledges/{slugs['pledge']}")
    choose_country(page)
    submit(page)
    page.goto(f"/{locale}/me")
    with page.expect_navigation():
        page.locator("#erase-data").click()
    assert page.url == site.url(f"/{locale}/me/erase")
    submit(page)  # without the box ticked: asked again, nothing erased
    assert page.locator(".error-summary").is_visible()
    assert "qcc_participant" in {cookie["name"] for cookie in page.context.cookies()}
    page.locator("input[name=confirm]").check()
    submit(page)
    assert page.url == site.url(f"/{locale}/me")
    assert page.locator(".notice.success").is_visible()
    assert page.locator(".empty-state img[alt='']").is_visible()
    assert "qcc_participant" not in {cookie["name"] for cookie in page.context.cookies()}
    answer = page.context.request.get(site.url(f"/{locale}/me/data.json"))
    assert answer.json() == {"participation": None}
