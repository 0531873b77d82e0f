"""The locale registry: public locales (LOCALES) and those still being translated
(UPCOMING_LOCALES), URL prefixes and language tags, direction, and the catalogs' completeness."""

import shutil

import pytest
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po, write_po

from challenge.config import PROJECT_ROOT, Config, translation_locales
from challenge.content.loader import load_tree
from challenge.content.operations import sync_tree
from challenge.i18n.catalogs import message_is_translated
from challenge.i18n.locales import language_tag, url_prefix

WAVE_TWO = ("es", "zh_Hans", "ta", "bn", "ur", "vi")


def catalog(code):
    with (PROJECT_ROOT / "translations" / code / "LC_MESSAGES" / "messages.po").open("rb") as f:
        return read_po(f, locale=code)


def test_every_wave_two_locale_is_configured_with_a_catalog():
    for code in WAVE_TWO:
        assert code in translation_locales(vars(Config)), code
        assert len(catalog(code)) > 500, code


@pytest.mark.parametrize("code", [code for code in Config.LOCALES if code != "en"])
def test_every_public_locale_has_a_complete_catalog_with_cldr_plurals(code):
    found = catalog(code)
    expected = get_plural(code)
    assert found.num_plurals == expected.num_plurals
    assert found.plural_expr == expected.plural_expr
    for message in found:
        if not message.id:
            continue
        assert message_is_translated(message), (code, message.id)
        if message.pluralizable:
            assert len(message.string) == expected.num_plurals, (code, message.id)


def test_translate_check_fails_when_a_public_locale_is_incomplete(make_app, tmp_path):
    catalogs = tmp_path / "translations"
    shutil.copytree(PROJECT_ROOT / "translations", catalogs)
    tamil = catalogs / "ta" / "LC_MESSAGES" / "messages.po"
    with tamil.open("rb") as handle:
        catalog = read_po(handle, locale="ta")
    next(message for message in catalog if message.id and not message.pluralizable).string = ""
    with tamil.open("wb") as handle:
        write_po(handle, catalog)
    app = make_app(LOCALES=(*Config.LOCALES, "ta"), BABEL_TRANSLATION_DIRECTORIES=str(catalogs))
    result = app.test_cli_runner().invoke(args=["translate", "check"])
    assert result.exit_code == 1
    assert "/ta/LC_MESSAGES/messages.po" in result.output and "untranslated" in result.output


def test_upcoming_locales_are_not_served_nor_listed(synced):
    client = synced.test_client()
    for code in synced.config["UPCOMING_LOCALES"]:
        assert client.get(f"/{url_prefix(code)}/").status_code == 404
    html = client.get("/en/lessons/").text
    for code in synced.config["UPCOMING_LOCALES"]:
        assert f'hreflang="{language_tag(code)}"' not in html


def test_tags_and_prefixes_follow_bcp_47():
    assert language_tag("zh_Hans") == "zh-Hans" and url_prefix("zh_Hans") == "zh-hans"
    assert language_tag("ur") == url_prefix("ur") == "ur"


@pytest.fixture
def wave_two_site(make_app, content):
    """A site whose public locales include the script-and-direction cases of wave two."""
    content.lesson("a", title="Back up your files", body="See [the quiz](/quizzes/q).")
    content.quiz("q", lesson="a")
    locales = ("en", "ur", "zh_Hans", "ta")
    app = make_app(LOCALES=locales, UPCOMING_LOCALES=())
    with app.app_context():
        sync_tree(load_tree(content.root, locales, "en"), "en")
    return app


def test_urdu_pages_are_right_to_left(wave_two_site):
    html = wave_two_site.test_client().get("/ur/lessons/a").text
    assert '<html lang="ur" dir="rtl">' in html
    ltr = wave_two_site.test_client().get("/ta/lessons/a").text
    assert '<html lang="ta" dir="ltr">' in ltr


def test_simplified_chinese_has_a_bcp_47_tag_and_a_lower_case_prefix(wave_two_site):
    client = wave_two_site.test_client()
    html = client.get("/zh-hans/lessons/a").text
    assert '<html lang="zh-Hans" dir="ltr">' in html
    assert 'href="/zh-hans/quizzes/q"' in html  # links inside content follow the prefix
    assert client.get("/zh_Hans/lessons/a").status_code == 404
    public = wave_two_site.config["PUBLIC_URL"]
    for code, prefix, name in (
        ("ur", "ur", "اردو"),
        ("zh-Hans", "zh-hans", "中文 (简体)"),
        ("ta", "ta", "தமிழ்"),
        ("en", "en", "English"),
    ):
        assert (
            f'<link rel="alternate" hreflang="{code}" href="{public}/{prefix}/lessons/a">' in html
        )
        assert f'<a href="/{prefix}/lessons/a" hreflang="{code}" lang="{code}"' in html
        assert f">{name}</a>" in html


def test_a_missing_item_falls_back_to_english_for_that_item_only(wave_two_site):
    html = wave_two_site.test_client().get("/ur/lessons/a").text
    assert '<article class="prose" lang="en" dir="ltr">' in html
    assert '<html lang="ur"' in html
