"""The staff console in a real browser, in every language: an editor changes a lesson, previews it,
saves a draft, schedules it in a named time zone and runs `content publish-due` once it is due; a translator, with
JavaScript off, previews and drafts a translation beside its source, and an editor reviews the
change and publishes it. Each time a visitor then reads the change on the public page, in that
language.

The console speaks its user's language: the account's, which each journey chooses on the account's
settings page (a new staff account starts in the default one). Elements are found by id, name,
class and href, never by text; on Hindi and Japanese pages, any English word in the console's own
words (the content being edited, titles and names aside) fails the test, as on the public pages.
"""

import datetime as dt
import time
from zoneinfo import ZoneInfo

import pytest

from challenge.config import Config
from tests.browser.staff import (
    console,
    editor_path,
    in_console_language,
    lesson_slugs,
    new_staff,
)
from tests.browser.support import choose_country, log_in, path_of, submit

pytestmark = pytest.mark.browser

LOCALES = Config.LOCALES
SOURCE = Config.DEFAULT_LOCALE
TRANSLATIONS = [locale for locale in LOCALES if locale != SOURCE]
# Where each journey's editor works: a time zone of the language's country.
ZONES = {
    "en": "Australia/Sydney",
    "hi": "Asia/Kolkata",
    "ja": "Asia/Tokyo",
    "es": "America/Los_Angeles",
}
EDITED = {
    "en": "Reviewed by the campaign team: the advice here is current.",
    "hi": "अभियान की टीम ने इसकी समीक्षा की है: यहाँ दी गई सलाह आज भी सही है।",
    "ja": "キャンペーンチームが見直しました。ここにある助言は最新です。",
    "es": "Revisado por el equipo de la campaña: los consejos de esta página están al día.",
}
TRANSLATED = {
    "hi": "अनुवादक का जोड़ा गया वाक्य: किसी भी संदिग्ध संदेश की जाँच ज़रूर करें।",
    "ja": "翻訳者が加えた一文です。怪しいメッセージは必ず確かめましょう。",
    "es": "Una frase añadida por quien traduce: revisa siempre cualquier mensaje sospechoso.",
}
SCHEDULE_AHEAD = dt.timedelta(seconds=3)  # time enough to see it waiting, then to see it go live


def choose_console_language(page, locale: str) -> None:
    """On the account's settings page (the console has no locale in its addresses)."""
    page.goto(f"/{locale}/account/")
    page.locator("select[name=language]").select_option(locale)
    choose_country(page, {"hi": "IN", "ja": "JP", "es": "US"}.get(locale, "AU"))
    submit(page, "main form:has(select[name=language])")
    assert page.locator("html").get_attribute("lang") == locale


def follow(page, selector: str) -> None:
    with page.expect_navigation():
        page.locator(selector).first.click()


def press(page, action: str) -> None:
    """One of the editor's buttons: preview, draft, publish or schedule."""
    with page.expect_navigation():
        page.locator(f"main form button[name=action][value={action}]").click()


def flash(page) -> str:
    return page.locator("main .notice.success[role=status]").inner_text()


def shown_publicly(page, path: str, text: str, *, wait: float = 0) -> bool:
    """Whether the public page shows `text`, reloading for up to `wait` seconds (a visitor's first
    visit may come from a cache)."""
    deadline = time.monotonic() + wait
    while True:
        page.goto(path)
        if text in page.locator("main").inner_text():
            return True
        if time.monotonic() >= deadline:
            return False
        page.wait_for_timeout(250)


@pytest.fixture(scope="module")
def titles(site):
    """Every published title, in the source and each language: names, left as they are."""
    return {locale: site.content_titles(SOURCE) + site.content_titles(locale) for locale in LOCALES}


@pytest.mark.parametrize("locale", LOCALES)
def test_an_editor_previews_saves_and_schedules_a_lesson_that_then_goes_live(
    new_page, site, titles, locale
):
    slug = lesson_slugs(site)[-1]
    public, editing = f"/{locale}/lessons/{slug}", editor_path(slug, locale)
    added = EDITED[locale]
    editor = new_page(locale)
    log_in(editor, site, locale, new_staff(site, "editor"))
    choose_console_language(editor, locale)
    editor.goto("/staff/")
    in_console_language(editor, locale)

    # The content list, filtered to lessons; the lesson in this language opens in the editor.
    follow(editor, "nav.staff-nav a[href='/staff/content']")
    editor.locator("#kind-filter").select_option("lessons")
    follow(editor, "form.filters button[type=submit]")
    assert path_of(editor.url) == "/staff/content?kind=lessons"
    in_console_language(editor, locale, *titles[locale])
    follow(editor, f"table.content-list a[href='{editing}']")
    assert path_of(editor.url) == editing
    in_console_language(editor, locale, *titles[locale])
    original = editor.locator("#text").input_value()
    assert original.startswith("---\n") and "title:" in original
    changed = original.rstrip("\n") + "\n\n" + added + "\n"

    # Preview: rendered by the server, saving nothing.
    editor.locator("#text").fill(changed)
    press(editor, "preview")
    preview = editor.locator("#preview .prose")
    assert added in preview.inner_text()
    assert preview.get_attribute("lang") == locale
    assert editor.locator("#text").input_value() == changed
    in_console_language(editor, locale, *titles[locale])
    visitor = new_page(locale)
    assert not shown_publicly(visitor, public, added)

    # A draft: kept, and still not public.
    press(editor, "draft")
    assert path_of(editor.url) == editing
    assert flash(editor)
    assert editor.locator("#text").input_value() == changed
    assert editor.locator("dl.facts .state-note").count() >= 1  # "newer draft saved"
    assert not shown_publicly(visitor, public, added)

    # Scheduled a few seconds ahead, in a named time zone (remembered for next time).
    zone = ZONES[locale]
    editor.locator("#timezone").select_option(zone)
    due = dt.datetime.now(ZoneInfo(zone)).replace(microsecond=0) + SCHEDULE_AHEAD
    editor.fill("#publish_at", due.strftime("%Y-%m-%dT%H:%M:%S"))
    press(editor, "schedule")
    notice = flash(editor)
    assert zone in notice
    assert due.strftime("%M:%S") in notice  # the moment, written in the editor's language
    assert editor.locator("dl.facts .state.state-scheduled").count() == 1
    assert editor.locator("#timezone").input_value() == zone
    assert editor.locator("#publish_at").input_value() == due.strftime("%Y-%m-%dT%H:%M")
    in_console_language(editor, locale, *titles[locale])
    shown = shown_publicly(visitor, public, added)
    assert not shown or dt.datetime.now(ZoneInfo(zone)) >= due, "live before its time"

    # While it waits, the history: the text from content/ (recorded first), the draft, the schedule.
    follow(editor, f"dl.facts a[href='{editing}/history']")
    assert editor.locator("table.history tbody tr").count() == 3
    in_console_language(editor, locale, *titles[locale])

    # A visitor's request never publishes it: the scheduler's command does, once it is due.
    while dt.datetime.now(ZoneInfo(zone)) < due:
        editor.wait_for_timeout(250)
    assert not shown_publicly(visitor, public, added)
    site.cli("content", "publish-due")
    assert shown_publicly(visitor, public, added, wait=5)
    assert visitor.locator("html").get_attribute("lang") == locale
    editor.goto(editing)
    assert editor.locator("dl.facts .state.state-published").count() == 1
    assert editor.locator("#text").input_value() == changed
    in_console_language(editor, locale, *titles[locale])


@pytest.mark.parametrize("locale", TRANSLATIONS)
def test_a_translator_drafts_beside_the_source_and_an_editor_publishes_it(
    new_page, site, titles, locale
):
    slug = lesson_slugs(site)[-2]
    public, editing = f"/{locale}/lessons/{slug}", editor_path(slug, locale)
    added = TRANSLATED[locale]
    translator = new_page(locale, javascript=False)  # the editor needs none: all is on the server
    log_in(translator, site, locale, new_staff(site, "translator", locales=(locale,)))
    choose_console_language(translator, locale)

    # The coverage matrix: each cell in the translator's language opens the editor.
    translator.goto("/staff/")
    follow(translator, "nav.staff-nav a[href='/staff/translations']")
    in_console_language(translator, locale, *titles[locale])
    follow(translator, f"table.coverage a[href='{editing}']")
    assert path_of(translator.url) == editing
    in_console_language(translator, locale, *titles[locale])
    source = translator.locator(".editor.side-by-side .editor-source .prose")
    assert source.get_attribute("lang") == SOURCE  # the source, rendered, beside the form
    assert source.locator("h2").first.inner_text().strip()  # its title
    assert translator.locator("button[name=action][value=publish]").count() == 0
    assert translator.locator("button[name=action][value=schedule]").count() == 0
    changed = translator.locator("#text").input_value().rstrip("\n") + "\n\n" + added + "\n"
    translator.locator("#text").fill(changed)
    press(translator, "preview")
    assert added in translator.locator("#preview .prose").inner_text()
    press(translator, "draft")
    assert flash(translator)
    in_console_language(translator, locale, *titles[locale])
    visitor = new_page(locale)
    assert not shown_publicly(visitor, public, added)

    # An editor, in the same language, finds the draft, reads what changed and publishes it.
    editor = new_page(locale)
    console(editor, site, "editor", locale)
    editor.goto("/staff/translations")
    follow(editor, f"table.coverage a[href='{editing}']")
    assert editor.locator("#text").input_value() == changed
    follow(editor, f"dl.facts a[href='{editing}/history']")
    in_console_language(editor, locale, *titles[locale])
    follow(editor, "main form[action$='/diff'] button[type=submit]")
    assert any(
        added in line for line in editor.locator("table.diff tr.added ins").all_inner_texts()
    )
    in_console_language(editor, locale, *titles[locale])
    editor.goto(editing)
    press(editor, "publish")
    assert flash(editor)
    assert editor.locator("dl.facts .state.state-published").count() == 1
    assert shown_publicly(visitor, public, added, wait=5)
