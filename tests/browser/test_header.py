"""The header and the home page's first screen on a small phone and a desktop, in every language:
the header stays within its height budget, the menu is a disclosure that works without script,
and the home page's one primary button shows without scrolling."""

import pytest

from challenge.config import Config
from tests.browser.support import AXE_JS, AXE_TAGS

pytestmark = pytest.mark.browser

LOCALES = Config.LOCALES
SMALL_PHONE = {"width": 360, "height": 640}
DESKTOP = {"width": 1280, "height": 800}
VIEWPORTS = pytest.mark.parametrize("viewport", [SMALL_PHONE, DESKTOP], ids=["360x640", "1280x800"])
HEADER_BUDGET = 64  # CSS px at 360x640, the language switcher and Get help included

AXE_RUN = """async (tags) => {
  const results = await axe.run(document, {runOnly: {type: 'tag', values: tags},
                                          resultTypes: ['violations']});
  return results.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '));
}"""


def box(page, selector: str) -> dict:
    return page.locator(selector).bounding_box()


def small_targets(page, selector: str) -> list[str]:
    found = []
    for index in range(page.locator(selector).count()):
        element = page.locator(selector).nth(index)
        if not element.is_visible():
            continue
        shape = element.bounding_box()
        if shape["width"] < 24 or shape["height"] < 24:
            found.append(f"{selector}[{index}] {shape['width']:.0f}x{shape['height']:.0f}")
    return found


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_phone_header_fits_its_budget_and_the_menu_works_without_script(
    new_page, site, locale, javascript
):
    page = new_page(locale, javascript=javascript, viewport=SMALL_PHONE)
    page.goto(f"/{locale}/")
    header = box(page, ".site-header")
    assert header["height"] <= HEADER_BUDGET, header
    for selector in (".get-help", "nav.languages a[hreflang]:not([aria-current])", ".menu-button"):
        assert page.locator(selector).first.is_visible(), selector
        shape = page.locator(selector).first.bounding_box()
        assert shape["y"] + shape["height"] <= header["y"] + header["height"] + 0.5, selector
    assert not page.locator(
        "nav.site-nav"
    ).is_visible()  # the inline navigation is for wide screens
    menu = page.locator(".menu-nav")
    assert not menu.is_visible()
    assert small_targets(page, ".site-header a, .site-header summary") == []

    page.locator(".menu-button").click()
    assert page.locator("details.menu").get_attribute("open") is not None
    assert menu.is_visible()
    assert menu.get_attribute("aria-label")
    links = menu.locator("a")
    assert links.count() >= 8
    assert menu.locator(f"a[href='/{locale}/for-organisations']").is_visible()
    assert small_targets(page, ".menu-nav a") == []
    # the open menu lies over the page instead of pushing the header past its budget
    assert box(page, ".site-header")["height"] <= HEADER_BUDGET

    page.locator(".menu-button").click()
    assert page.locator("details.menu").get_attribute("open") is None
    assert not menu.is_visible()

    # the keyboard: the summary takes focus and Enter toggles it
    page.locator(".menu-button").focus()
    page.keyboard.press("Enter")
    assert menu.is_visible()
    page.keyboard.press("Enter")
    assert not menu.is_visible()

    with page.expect_navigation():
        page.locator(".menu-button").click()
        menu.locator(f"a[href='/{locale}/for-organisations']").click()
    assert page.url == site.url(f"/{locale}/for-organisations")
    assert page.locator(f"a#org-sign-up[href='/{locale}/orgs/new']").is_visible()


@pytest.mark.parametrize("locale", LOCALES)
def test_wide_screens_keep_the_navigation_inline(new_page, locale):
    page = new_page(locale, viewport=DESKTOP)
    page.goto(f"/{locale}/")
    assert page.locator("nav.site-nav").is_visible()
    assert not page.locator("details.menu").is_visible()
    assert page.locator(f"nav.site-nav a[href='/{locale}/for-organisations']").is_visible()
    assert page.locator("nav.languages a[aria-current]").is_visible()
    assert small_targets(page, ".site-header a") == []


@pytest.mark.parametrize("locale", LOCALES)
@VIEWPORTS
def test_the_home_pages_primary_button_is_on_the_first_screen(new_page, locale, viewport):
    page = new_page(locale, viewport=viewport)
    page.goto(f"/{locale}/")
    buttons = page.locator("main a.button.primary")
    assert buttons.count() == 1
    shape = buttons.bounding_box()
    assert shape["y"] >= 0 and shape["y"] + shape["height"] <= viewport["height"], shape
    assert page.locator("main h1").bounding_box()["y"] < shape["y"]
    assert page.locator(f"main a[href='/{locale}/for-organisations']").count() == 1


@pytest.mark.parametrize("locale", LOCALES)
def test_axe_finds_nothing_serious_with_the_menu_open(new_page, locale):
    page = new_page(locale, javascript=True, viewport=SMALL_PHONE, bypass_csp=True)
    page.goto(f"/{locale}/")
    page.locator(".menu-button").click()
    page.add_script_tag(path=str(AXE_JS))
    assert page.evaluate(AXE_RUN, AXE_TAGS) == []
