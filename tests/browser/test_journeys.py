"""What people do on the site, in a real browser, in every language; with JavaScript off too.

Elements are found by id, name, class and href, never by text, so each journey runs unchanged in
every locale; where text matters, it is compared with what the server holds for that locale.
"""

import pytest

from challenge.config import Config
from tests.browser.support import answer_quiz, choose_country, submit

pytestmark = pytest.mark.browser

LOCALES = Config.LOCALES
javascript = pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])


def html_lang(page) -> str:
    return page.locator("html").get_attribute("lang")


@pytest.mark.parametrize("locale", LOCALES)
def test_language_from_accept_language_then_the_switcher(new_page, site, slugs, locale):
    page = new_page(locale)
    page.goto("/")
    assert page.url == site.url(f"/{locale}/")
    assert html_lang(page) == locale
    current = page.locator("nav.languages a[aria-current]")
    assert current.get_attribute("hreflang") == locale
    other = next(code for code in LOCALES if code != locale)
    # The switcher keeps the reader on the same page: here, a lesson.
    page.goto(f"/{locale}/lessons/{slugs['lesson']}")
    with page.expect_navigation():
        page.locator(f"nav.languages a[hreflang={other}]").click()
    assert page.url == site.url(f"/{other}/lessons/{slugs['lesson']}")
    assert html_lang(page) == other
    assert page.locator("nav.languages a[aria-current]").get_attribute("hreflang") == other
    assert page.locator(f"nav.languages a[hreflang={locale}]").get_attribute("lang") == locale


@pytest.mark.parametrize("locale", LOCALES)
def test_read_a_lesson_and_mark_it_done(new_page, site, locale):
    page = new_page(locale)
    page.goto(f"/{locale}/")
    with page.expect_navigation():
        page.locator(
            f"main a[href^='/{locale}/lessons/']"
        ).first.click()  # "Start the first lesson"
    lesson_path = page.url.removeprefix(site.base_url)
    assert lesson_path.startswith(f"/{locale}/lessons/")
    assert page.locator("article.prose h1").is_visible()
    choose_country(page, "JP")
    submit(page, "#lesson-done form")
    assert page.locator("#lesson-done .notice.success").is_visible()
    assert page.locator("#lesson-done form").count() == 0
    page.goto(f"/{locale}/me")
    assert page.locator(f"main a[href='{lesson_path}']").count() == 1


@pytest.mark.parametrize("locale", LOCALES)
@javascript
def test_take_a_quiz_fail_read_the_explanations_retake_and_pass(
    new_page, site, slugs, locale, javascript
):
    page = new_page(locale, javascript=javascript)
    slug = slugs["quiz"]
    questions = site.quiz_questions(slug, locale)
    page.goto(f"/{locale}/quizzes/")
    with page.expect_navigation():
        page.locator(f".card-title a[href='/{locale}/quizzes/{slug}']").click()

    answer_quiz(page, questions, right=False)
    choose_country(page, "AU")
    submit(page, "form.quiz")
    assert "/attempts/" in page.url
    assert page.locator(".result.failed").is_visible()
    answers = page.locator("ol.answers > li")
    assert answers.count() == len(questions)
    for number, question in enumerate(questions):
        answer = answers.nth(number)
        assert "wrong" in answer.get_attribute("class")
        assert answer.locator(".explanation").inner_text().strip()
        feedback = question["feedback"][question["wrong"][0]]
        if feedback:  # the chosen option's own explanation, in this locale
            shown = answer.locator(".feedback").inner_html().strip()
            assert shown == feedback.strip()

    with page.expect_navigation():
        page.locator(".next-steps a.button").click()  # "Take the quiz again"
    assert page.url == site.url(f"/{locale}/quizzes/{slug}")
    assert page.locator("select[name=country]").count() == 0  # the country is known now
    answer_quiz(page, questions, right=True)
    submit(page, "form.quiz")
    assert page.locator(".result.passed").is_visible()
    assert page.locator("ol.answers > li.wrong").count() == 0

    page.goto(f"/{locale}/me")
    assert page.locator("main table .done").count() == 1  # passed, after two attempts


@pytest.mark.parametrize("locale", LOCALES)
@javascript
def test_take_a_pledge_and_see_the_badge(new_page, site, slugs, locale, javascript):
    page = new_page(locale, javascript=javascript)
    slug = slugs["pledge"]
    page.goto(f"/{locale}/pledges/")
    with page.expect_navigation():
        page.locator(f".card-title a[href='/{locale}/pledges/{slug}']").click()

    page.select_option("#country", "")  # hi and ja pages suggest a country: take it back
    submit(page)  # nothing chosen: the form comes back with its errors
    summary = page.locator(".error-summary")
    assert summary.is_visible()
    assert page.locator("#country").get_attribute("aria-invalid") == "true"
    summary.locator("a[href='#country']").click()
    assert page.evaluate("document.activeElement.id") == "country"

    choose_country(page, "IN")
    name = {"en": "Asha", "hi": "आशा", "ja": "あさ", "es": "Lucía"}.get(locale, "Asha")
    page.check("#age_band-3")  # 18 or over: asked before a name is kept
    page.fill("#display_name", name)
    page.check("#show_name")
    submit(page)
    assert page.url == site.url(f"/{locale}/pledges/{slug}/thanks")
    badge = page.locator("figure.badge img")
    assert badge.is_visible()
    response = page.context.request.get(site.url(badge.get_attribute("src")))
    assert response.ok and response.headers["content-type"].startswith("image/svg+xml")
    if javascript:
        assert badge.evaluate("img => img.complete && img.naturalWidth > 0")
    png = page.locator("figure.badge a[href$='badge.png']").get_attribute("href")
    assert page.context.request.get(site.url(png)).headers["content-type"] == "image/png"

    page.goto(f"/{locale}/pledges/{slug}")
    assert page.locator("main .notice.success a[href$='/thanks']").count() == 1
    assert name in page.locator("ul.wall").inner_text()
