"""Keyboard only: Tab moves, Space ticks, Enter follows and submits; arrow keys only inside a
select or a radio group, as those controls expect. Every Tab stop must show a visible focus
indicator (an outline or a box shadow)."""

import pytest

from challenge.config import Config
from tests.browser.support import focused, tab_to

pytestmark = pytest.mark.browser

LOCALES = Config.LOCALES


def skip_to_main(page) -> None:
    page.keyboard.press("Tab")
    link = page.locator(".skip-link")
    assert page.evaluate("document.activeElement.classList.contains('skip-link')")
    assert focused(page)["visible"]
    box = link.bounding_box()
    assert box["y"] >= 0 and box["height"] >= 24, "the skip link does not show when focused"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def enter(page) -> None:
    with page.expect_navigation():
        page.keyboard.press("Enter")


@pytest.mark.parametrize("locale", LOCALES)
def test_pledge_with_the_keyboard(new_page, site, slugs, locale):
    page = new_page(locale)
    page.goto(f"/{locale}/pledges/{slugs['pledge']}")
    page.select_option("#country", "")  # hi and ja pages suggest a country: take it back
    skip_to_main(page)
    tab_to(page, "main form button[type=submit]")
    enter(page)  # nothing chosen yet

    skip_to_main(page)
    tab_to(page, ".error-summary a[href='#country']")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "country"
    assert focused(page)["visible"]
    page.keyboard.press("ArrowDown")  # the first country after "Choose your country"
    assert page.locator("#country").input_value() != ""
    tab_to(page, "#show_name")
    page.keyboard.press("Space")
    assert page.locator("#show_name").is_checked()
    tab_to(page, "main form button[type=submit]")
    enter(page)
    assert page.url == site.url(f"/{locale}/pledges/{slugs['pledge']}/thanks")


@pytest.mark.parametrize("locale", LOCALES)
def test_quiz_with_the_keyboard(new_page, site, slugs, locale):
    page = new_page(locale)
    page.goto(f"/{locale}/quizzes/{slugs['quiz']}")
    skip_to_main(page)
    tab_to(page, "#country")  # asked first, before the questions
    page.keyboard.press("ArrowDown")
    for question in site.quiz_questions(slugs["quiz"], locale):
        inputs = page.locator(f"[name={question['field']}]")
        shown = [
            int(inputs.nth(n).get_attribute("id").rsplit("-", 1)[1]) for n in range(inputs.count())
        ]
        tab_to(page, f"[name={question['field']}]")  # the first option, in the order shown
        if question["multiple"]:
            for position, index in enumerate(shown):
                if position:
                    page.keyboard.press("Tab")
                    assert focused(page)["visible"]
                if index in question["right"]:
                    page.keyboard.press("Space")
        else:
            page.keyboard.press("Space")
            for _ in range(shown.index(question["right"][0])):
                page.keyboard.press("ArrowDown")  # moves within the group and picks
            assert focused(page)["visible"]
        chosen = [inputs.nth(n).is_checked() for n in range(len(shown))]
        assert chosen == [index in question["right"] for index in shown]
    tab_to(page, "form.quiz button[type=submit]")
    enter(page)
    assert page.locator(".result.passed").is_visible()


@pytest.mark.parametrize("locale", LOCALES)
def test_get_help_with_the_keyboard(new_page, site, slugs, locale):
    """From any page: the header's Get help link is the first stop after the site's name, then
    a situation, a country, and a number to call."""
    page = new_page(locale)
    page.goto(f"/{locale}/lessons/{slugs['lesson']}")
    stops = tab_to(page, ".site-header a.get-help")
    assert len(stops) == 3  # skip link, the site's name, Get help
    enter(page)
    assert page.url == site.url(f"/{locale}/help/")
    tab_to(page, f"main a[href='/{locale}/help/lost-money']")
    enter(page)
    tab_to(page, f"main a[href='/{locale}/help/lost-money?country=jp']")
    enter(page)
    assert page.url == site.url(f"/{locale}/help/lost-money?country=jp")
    tab_to(page, "main a.tel")  # the first number to call: the emergency number
    assert page.evaluate("document.activeElement.getAttribute('href')") == "tel:110"
