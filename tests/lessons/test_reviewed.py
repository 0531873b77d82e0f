"""A lesson shows the day its advice was last reviewed, set by editors in the source's front
matter (not the time it was imported), formatted for the reader's locale."""

import pytest

from challenge.content.loader import load_tree

LOCALES = ("en", "hi", "ja")


def messages(content) -> list[str]:
    return [str(problem) for problem in load_tree(content.root, LOCALES, "en").problems]


def test_a_lesson_source_needs_a_reviewed_date(content):
    content.lesson("x", reviewed=None)
    assert "content/lessons/x/en.md:1: 'reviewed' is missing" in messages(content)


@pytest.mark.parametrize("value", ["last week", "2026-12-07T10:00:00+00:00", 20261207])
def test_reviewed_must_be_a_date(content, value):
    content.lesson("x", reviewed=value)
    assert any(
        "'reviewed' must be the date an editor last reviewed" in line for line in messages(content)
    )


def test_only_the_source_carries_it(content):
    content.lesson("x")
    content.lesson("x", locale="hi", reviewed="2026-12-07")
    assert any(
        "'reviewed' belongs in the source file (en.md) only" in line for line in messages(content)
    )


@pytest.mark.parametrize(
    ("locale", "shown"),
    [
        ("en", "Advice last reviewed: December 7, 2026"),
        ("hi", "सलाह आख़िरी बार जाँची गई: 7 दिसंबर 2026"),
        ("ja", "内容の最終確認日: 2026年12月7日"),
    ],
)
def test_the_lesson_page_shows_the_review_date(synced, locale, shown):
    html = synced.test_client().get(f"/{locale}/lessons/spotting-phishing").text
    assert shown in html
