"""Locale prefixes, negotiation, the language switcher and the English fallback."""

import re

import pytest

from challenge.content.loader import load_tree
from challenge.content.operations import sync_tree


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("hi-IN,hi;q=0.9,en;q=0.8", "/hi/"),
        ("ja-JP", "/ja/"),
        ("fr-FR,de;q=0.5", "/en/"),
        ("", "/en/"),
        ("en-AU", "/en/"),
        ("de,ja;q=0.8,hi;q=0.9", "/hi/"),
    ],
)
def test_root_redirects_to_the_best_locale(client, header, expected):
    response = client.get("/", headers={"Accept-Language": header} if header else {})
    assert response.status_code == 302
    assert response.headers["Location"] == expected
    assert "Accept-Language" in response.headers["Vary"]


@pytest.mark.parametrize("path", ["/fr/", "/xx/lessons/", "/EN/", "/en-US/about"])
def test_unknown_locale_prefixes_are_404(client, path):
    assert client.get(path).status_code == 404


def test_404_pages_speak_the_pages_language(synced):
    client = synced.test_client()
    response = client.get("/ja/no-such-page")
    assert response.status_code == 404
    assert '<html lang="ja"' in response.text
    assert "ページが見つかりません" in response.text
    response = client.get("/nowhere", headers={"Accept-Language": "hi"})
    assert response.status_code == 404 and '<html lang="hi"' in response.text


def test_switcher_links_the_same_page_in_each_language(synced):
    html = synced.test_client().get("/hi/lessons/backups").text
    for code, name in (("en", "English"), ("hi", "हिन्दी"), ("ja", "日本語")):
        assert f'<a href="/{code}/lessons/backups" hreflang="{code}" lang="{code}"' in html
        assert f">{name}</a>" in html
        alternate = f"{synced.config['PUBLIC_URL']}/{code}/lessons/backups"
        assert f'<link rel="alternate" hreflang="{code}" href="{alternate}">' in html
    assert re.search(r'hreflang="hi" lang="hi" aria-current="true"', html)
    assert f'<link rel="canonical" href="{synced.config["PUBLIC_URL"]}/hi/lessons/backups">' in html


def test_adding_a_locale_is_configuration(make_app, content):
    content.lesson("a", title="Hello")
    content.lesson("a", "bn", title="হ্যালো")
    app = make_app(LOCALES=("en", "bn"))
    with app.app_context():
        sync_tree(load_tree(content.root, ("en", "bn"), "en"), "en")
    html = app.test_client().get("/bn/lessons/a").text
    assert '<html lang="bn"' in html and "হ্যালো" in html
    assert ">বাংলা</a>" in html
    assert app.test_client().get("/hi/").status_code == 404


def test_untranslated_lessons_fall_back_to_english_marked_as_such(app, content):
    content.lesson("a", title="English only", body="Plain English text.")
    content.lesson("b", title="Draft in Hindi", order=2)
    content.lesson("b", "hi", title="मसौदा", status="draft")
    with app.app_context():
        sync_tree(load_tree(content.root, ("en", "hi", "ja"), "en"), "en")
    client = app.test_client()
    for slug, title in (("a", "English only"), ("b", "Draft in Hindi")):
        html = client.get(f"/hi/lessons/{slug}").text
        assert '<html lang="hi"' in html
        assert "अभी तक आपकी भाषा में अनुवाद नहीं" in html
        assert re.search(r'<article class="prose" lang="en" dir="ltr">\s*<h1>' + title, html)
    listing = client.get("/hi/lessons/").text
    assert '<li class="card" lang="en" dir="ltr">' in listing


def test_outdated_translations_fall_back_to_english_and_say_so(app, content):
    content.lesson("a", title="New English", version=2)
    content.lesson("a", "ja", title="古い翻訳")
    with app.app_context():
        sync_tree(load_tree(content.root, ("en", "hi", "ja"), "en"), "en")
    html = app.test_client().get("/ja/lessons/a").text
    assert "古い翻訳" not in html and "New English" in html
    assert "翻訳が更新されるまで英語で表示しています" in html


def test_typed_names_are_isolated_and_escaped_inside_translated_sentences(app):
    from flask import render_template_string

    with app.test_request_context("/hi/"):
        html = render_template_string(
            '{{ _("Join %(name)s", name=typed|bdi) }} {{ "en"|direction }} {{ "ur"|direction }}',
            typed="Acme <b>& Co</b>",
        )
    assert "<bdi>Acme &lt;b&gt;&amp; Co&lt;/b&gt;</bdi>" in html
    assert html.endswith("ltr rtl")
