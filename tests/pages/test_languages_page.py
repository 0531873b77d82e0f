"""The public Languages page: every language the site is in or is being translated into, named
in itself, with how much of its interface and of its texts is translated."""

import re

from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from challenge.content.loader import load_tree
from challenge.content.operations import sync_tree

LOCALES = ("en", "hi", "es")


def write_catalog(folder, locale: str, translations: dict[str, str]) -> None:
    catalog = Catalog(locale=locale)
    for msgid, msgstr in translations.items():
        catalog.add(msgid, msgstr)
    path = folder / locale / "LC_MESSAGES" / "messages.po"
    path.parent.mkdir(parents=True)
    with path.open("wb") as handle:
        write_po(handle, catalog)


def languages_app(make_app, content, tmp_path):
    catalogs = tmp_path / "translations"
    write_catalog(catalogs, "hi", {"Lessons": "पाठ", "Quizzes": "क्विज़"})
    write_catalog(catalogs, "es", {"Lessons": "Lecciones", "Quizzes": ""})  # half done
    content.lesson("first", title="First")
    content.lesson("first", "hi")
    content.lesson("second", title="Second", order=2, version=2)
    content.lesson("second", "hi", source_version=1)  # outdated: not counted as translated
    content.lesson("second", "es", title="Segunda", source_version=2)
    content.lesson("unpublished", title="Draft", status="draft", order=3)
    app = make_app(
        LOCALES=("en", "hi"),
        UPCOMING_LOCALES=("es",),
        BABEL_TRANSLATION_DIRECTORIES=str(catalogs),
    )
    with app.app_context():
        sync_tree(load_tree(content.root, LOCALES, "en"), "en")
    return app


def entries(html: str) -> list[str]:
    """Each language's line, tags removed and spaces collapsed."""
    items = re.findall(r'<ul class="language-list">(.*?)</ul>', html, re.S)
    lines = [
        re.sub(r"<[^>]+>", "", li)
        for block in items
        for li in re.findall(r"<li>(.*?)</li>", block, re.S)
    ]
    return [" ".join(line.split()) for line in lines]


def test_each_language_is_named_in_itself_with_what_is_translated(make_app, content, tmp_path):
    app = languages_app(make_app, content, tmp_path)
    answer = app.test_client().get("/en/languages")
    assert answer.status_code == 200
    assert entries(answer.text) == [
        "English: complete.",
        "हिन्दी (Hindi): 1 of 2 texts translated; the others are shown in English.",
        "español (Spanish): buttons and messages 50%, texts 1 of 2.",
    ]
    # The open languages link to their home page; an upcoming one has no page to link to.
    assert '<a href="/hi/" hreflang="hi" lang="hi" dir="ltr">हिन्दी</a>' in answer.text
    assert '<span lang="es" dir="ltr">español</span>' in answer.text
    assert 'href="/es/' not in answer.text
    assert "public" in answer.headers["Cache-Control"]


def test_a_language_is_complete_once_every_text_is_current(make_app, content, tmp_path):
    app = languages_app(make_app, content, tmp_path)
    content.lesson("second", "hi", source_version=2)
    with app.app_context():
        sync_tree(load_tree(content.root, LOCALES, "en"), "en")
    assert "हिन्दी (Hindi): complete." in entries(app.test_client().get("/en/languages").text)


def test_the_page_is_in_the_footer_of_every_page(synced):
    for locale in ("en", "hi", "ja"):
        html = synced.test_client().get(f"/{locale}/").text
        assert f'href="/{locale}/languages"' in html
        page = synced.test_client().get(f"/{locale}/languages")
        assert page.status_code == 200 and f'<html lang="{locale}"' in page.text
