"""Japanese headings get a <wbr> at each BudouX phrase boundary (and keep-all in site.css), so
they wrap between phrases; other languages are untouched."""

from pathlib import Path

from markupsafe import Markup

from challenge.content.loader import load_tree
from challenge.content.operations import sync_tree
from challenge.i18n.phrases import phrased_headings, phrases

FIXTURE = Path(__file__).parents[1] / "fixtures" / "country-content"
CSS = Path(__file__).parents[2] / "challenge" / "static" / "css" / "site.css"


def test_japanese_text_breaks_between_phrases_only():
    assert phrases("パスワード管理アプリを使って安全に管理しましょう", "ja") == Markup(
        "パスワード管理アプリを<wbr>使って<wbr>安全に<wbr>管理しましょう"
    )


def test_other_languages_and_markup_are_escaped_and_left_alone():
    assert phrases("Tom & <Jerry>", "en") == Markup("Tom &amp; &lt;Jerry&gt;")
    assert phrases("<b>安全に管理しましょう</b>", "ja").startswith("&lt;b&gt;")


def test_body_headings_keep_their_tags_and_entities():
    body = Markup("<h2>安全な<code>A&amp;B</code>支払いの方法</h2>\n<p>本文はそのままにします</p>")
    shown = phrased_headings(body, "ja")
    assert shown.startswith("<h2>安全な<code>") and "支払いの<wbr>方法</h2>" in shown
    assert "<code>A&amp;B</code>" in shown and "<p>本文はそのままにします</p>" in shown
    assert "<wbr>" in shown.split("</h2>")[0]
    assert phrased_headings(body, "hi") == body


def test_a_japanese_lesson_page_has_phrased_headings(app):
    with app.app_context():
        sync_tree(load_tree(FIXTURE, ("en", "hi", "ja"), "en"), "en")
    client = app.test_client()
    ja = client.get("/ja/lessons/paying-safely").text
    assert "<h1>安全な<wbr>支払い</h1>" in ja
    assert "<h2>お住まいの<wbr>国では</h2>" in ja
    assert "<wbr>" not in client.get("/en/lessons/paying-safely").text


def test_the_stylesheet_keeps_phrases_together_without_letter_spacing():
    css = CSS.read_text(encoding="utf-8")
    assert ":lang(ja) :is(h1, h2, h3, h4) { word-break: keep-all;" in css
    assert "@supports (word-break: auto-phrase)" in css and "line-break: strict" in css
    assert "letter-spacing: normal" in css
    assert "letter-spacing:" not in css.replace("letter-spacing: normal", "")
