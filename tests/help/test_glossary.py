"""The glossary: one word per idea in each locale, enforced on every other text in that locale
(content and the UI catalogs), and shown on a public page."""

from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from challenge.content.frontmatter import parse
from challenge.help.glossary import avoided_in, avoided_terms, terms
from tests.support.content_trees import check_messages, copy_tree, replace_once

FIXTURE = Path(__file__).parents[1] / "fixtures" / "glossary-content"
REPOSITORY = Path(__file__).parents[2]
LOCALES = ("en", "hi", "ja")


@pytest.fixture
def tree_copy(tmp_path) -> Path:
    return copy_tree(FIXTURE, tmp_path)


def test_an_avoided_variant_fails_the_check_naming_file_variant_and_preferred_term():
    assert check_messages(FIXTURE) == [
        "glossary-content/lessons/a-lesson/hi.md:10: 'अकाउंट' is a variant the glossary "
        "(glossary-content/glossary/terms/hi.md) avoids: write 'खाता'"
    ]


def test_the_fixed_text_passes_and_each_locale_has_its_own_variants(tree_copy):
    lesson = tree_copy / "lessons" / "a-lesson"
    replace_once(lesson / "hi.md", "अकाउंट्स", "खातों")
    assert check_messages(tree_copy) == []
    # 流出 is avoided in Japanese only: the Hindi glossary does not know it
    replace_once(lesson / "ja.md", "情報漏えい", "情報流出")
    replace_once(lesson / "hi.md", "खातों", "खातों (流出)")
    assert check_messages(tree_copy) == [
        "content/lessons/a-lesson/ja.md:8: '流出' is a variant the glossary "
        "(content/glossary/terms/ja.md) avoids: write '漏えい'"
    ]


def test_a_glossary_that_avoids_its_own_preferred_word_is_an_error(tree_copy):
    replace_once(tree_copy / "glossary" / "terms" / "ja.md", "avoid: [流出]", "avoid: [漏え]")
    assert any(
        "avoids '漏え', which is part of the preferred term '漏えい'" in line
        for line in check_messages(tree_copy)
    )


def test_a_translation_lists_the_sources_terms(tree_copy):
    replace_once(
        tree_copy / "glossary" / "terms" / "ja.md", "  - id: account\n", "  - id: accounts\n"
    )
    assert any(
        "the terms differ from the source's: it lacks account" in line
        for line in check_messages(tree_copy)
    )


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("अकाउंट", True),
        ("अपने अकाउंट्स", True),  # inflected forms are caught
        ("(अकाउंट)", True),
        ("नेशनल एंटी-अकाउंट सेंटर", False),  # part of a hyphenated name
        ("किसीअकाउंट", False),  # inside another word
    ],
)
def test_variants_in_spaced_scripts_start_a_word(text, found):
    assert bool(avoided_in(text, [("अकाउंट", "खाता")])) is found


def test_ids_link_targets_and_code_are_not_prose():
    avoided = [("backup", "copia de seguridad"), ("wifi", "Wi-Fi")]
    text = "## Hábitos {#wifi-habits}\nLee [copias](/lessons/backups) y `backup.sh`.\nUn backup."
    assert avoided_in(text, avoided) == [(3, "backup", "copia de seguridad")]


def test_an_all_capitals_variant_is_matched_as_written():
    avoided = [("APP", "应用")]
    assert avoided_in("打开 App Store 或 Apple 的设置", avoided) == []
    assert avoided_in("下载这个APP", avoided) == [(1, "APP", "应用")]


def test_variants_in_japanese_are_found_inside_words():
    assert avoided_in("一行目\n個人情報の流出です", [("流出", "漏えい")]) == [(2, "流出", "漏えい")]


@pytest.mark.parametrize("locale", ["hi", "ja"])
def test_the_ui_catalogs_use_the_glossarys_words(locale):
    document = parse((REPOSITORY / "content" / "glossary" / "terms" / f"{locale}.md").read_text())
    avoided = avoided_terms({"terms": terms(document.meta["terms"])})
    with open(REPOSITORY / "translations" / locale / "LC_MESSAGES" / "messages.po", "rb") as po:
        catalog = read_po(po)
    found = []
    for message in catalog:
        strings = message.string if isinstance(message.string, tuple | list) else [message.string]
        for string in strings:
            found += [(message.id, variant) for _, variant, _ in avoided_in(string or "", avoided)]
    assert found == []


def test_the_real_glossary_covers_the_core_terms(real_content_tree):
    glossary = real_content_tree.items[("glossary", "terms")]
    for locale in LOCALES:
        ids = {entry["id"] for entry in glossary.files[locale].meta["terms"]}
        assert len(ids) >= 15
        assert {
            "phishing",
            "mfa",
            "passphrase",
            "password-manager",
            "update",
            "backup",
            "scam",
        } <= ids
        assert {"account", "two-step-verification", "report", "data-breach"} <= ids


@pytest.fixture
def site(synced):
    return synced.test_client()


@pytest.mark.parametrize(
    ("locale", "word", "definition"),
    [
        ("en", "password manager", "An app that creates, remembers"),
        ("hi", "मल्टी-फ़ैक्टर ऑथेंटिकेशन (MFA)", "पासवर्ड के साथ कुछ और"),
        ("ja", "パスワード管理アプリ", "アカウントごとに別の強いパスワード"),
    ],
)
def test_the_glossary_page_lists_the_terms_in_each_locale(site, locale, word, definition):
    response = site.get(f"/{locale}/glossary/")
    assert response.status_code == 200
    html = response.text
    assert f'lang="{locale}"' in html and html.count("<h1") == 1
    assert f"<dt>{word}" in html and definition in html
    assert "public" in response.headers["Cache-Control"]


@pytest.mark.parametrize("locale", LOCALES)
def test_the_footer_and_the_help_page_link_to_the_glossary(site, locale):
    assert f'href="/{locale}/glossary/"' in site.get(f"/{locale}/").text
    assert f'href="/{locale}/glossary/"' in site.get(f"/{locale}/help/").text


def test_no_glossary_is_a_404(app):
    assert app.test_client().get("/en/glossary/").status_code == 404
