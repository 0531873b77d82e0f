"""What is published, and when."""

import datetime as dt

from challenge.config import PROJECT_ROOT
from challenge.content.loader import load_tree
from challenge.content.operations import sync_tree


def publish(app, content):
    with app.app_context():
        sync_tree(load_tree(content.root, ("en", "hi", "ja"), "en"), "en")


def test_drafts_are_not_public(app, content):
    content.lesson("public", title="Public lesson")
    content.lesson("secret", title="Draft lesson", status="draft", order=2)
    publish(app, content)
    client = app.test_client()
    assert "Draft lesson" not in client.get("/en/lessons/").text
    assert client.get("/en/lessons/secret").status_code == 404
    assert client.get("/hi/lessons/secret").status_code == 404


def test_lessons_appear_on_their_publish_date(app, content):
    tomorrow = dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
    content.lesson("later", title="Tomorrow's lesson", publish_date=tomorrow)
    content.lesson("earlier", title="Yesterday's lesson", publish_date=dt.date(2020, 1, 1), order=2)
    publish(app, content)
    client = app.test_client()
    assert client.get("/en/lessons/later").status_code == 404
    assert client.get("/en/lessons/earlier").status_code == 200


def test_archived_lessons_disappear(app, content):
    content.lesson("a")
    path = content.lesson("b", order=2)
    publish(app, content)
    path.unlink()
    path.parent.rmdir()
    publish(app, content)
    assert app.test_client().get("/en/lessons/b").status_code == 404


def test_translated_lesson_is_shown_in_its_language(app, content):
    content.lesson("a", title="Backups", body="Back up your files.")
    content.lesson("a", "ja", title="バックアップ", body="ファイルをバックアップしましょう。")
    publish(app, content)
    html = app.test_client().get("/ja/lessons/a").text
    assert "バックアップ" in html and "ファイルをバックアップしましょう。" in html
    assert "Back up your files." not in html
    assert "翻訳されていない" not in html


def test_numbers_and_dates_are_formatted_per_locale(synced):
    client = synced.test_client()
    assert "年" in client.get("/ja/lessons/backups").text  # e.g. 2026年11月26日
    lessons = len(list((PROJECT_ROOT / "content" / "lessons").glob("*/en.md")))
    assert f"Lesson 5 of {lessons}" in client.get("/en/lessons/backups").text


def test_a_stale_translation_falls_back_to_english_with_a_note(app, content):
    content.lesson("a", title="Current English", body="The newest advice.", version=2)
    content.lesson("a", "hi", title="पुराना अनुवाद", body="पुरानी सलाह।", source_version=1)
    content.lesson("b", title="Second lesson", order=2)
    content.lesson("b", "hi", title="नया अनुवाद", body="नई सलाह।")
    publish(app, content)
    client = app.test_client()
    html = client.get("/hi/lessons/a").text
    assert "पुरानी सलाह" not in html and "The newest advice." in html
    assert '<article class="prose" lang="en" dir="ltr">' in html
    assert "इसलिए अनुवाद अपडेट होने तक इसे अंग्रेज़ी में दिखाया जा रहा है" in html  # in Hindi
    assert "अनुवाद नहीं हुआ है" not in html  # not the "never translated" note
    # only that item falls back: the up-to-date translation next to it stays in Hindi
    index = client.get("/hi/lessons/").text
    assert "Current English" in index and "नया अनुवाद" in index and "पुराना अनुवाद" not in index
    assert "नई सलाह" in client.get("/hi/lessons/b").text
