import re

import pytest

from challenge.content.markdown import LOCALE_SLOT, localise, render


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[click](javascript:alert(1))",
        '<a href="javascript:alert(1)">x</a>',
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "<iframe src=https://evil.example></iframe>",
        '<svg onload="alert(1)">',
        "![x](javascript:alert(1))",
    ],
)
def test_raw_html_and_script_links_never_survive(hostile):
    html = render(hostile).html
    tags = re.findall(r"<[a-z][^>]*>", html)  # real tags; escaped text is harmless
    assert all(re.match(r"<(p|a|img|strong|em)\b", tag) for tag in tags), tags
    for tag in tags:
        assert not re.search(r"\son[a-z]+=", tag)
        assert not re.search(r'(href|src)="(javascript|data):', tag)


def test_internal_links_point_at_the_readers_locale():
    rendered = render("See [MFA](/lessons/multi-factor-authentication).")
    assert f'href="/{LOCALE_SLOT}/lessons/multi-factor-authentication"' in rendered.html
    assert rendered.links == [("lessons", "multi-factor-authentication", 1)]
    assert 'href="/hi/lessons/multi-factor-authentication"' in localise(rendered.html, "hi")


def test_external_links_must_use_https():
    rendered = render("Intro.\n\n[site](http://example.org)", base_line=7)
    assert rendered.problems == [(9, "link 'http://example.org' must use https://")]


def test_unknown_relative_links_are_problems():
    assert render("[x](../secret)").problems[0][1].startswith("link '../secret' is not")


def test_images_need_alt_text_and_a_local_file():
    rendered = render("![](photo.png)\n\n![ok](../up.png)", media_prefix="/content-media/lessons/a")
    messages = [message for _line, message in rendered.problems]
    assert any("needs alt text" in message for message in messages)
    assert any("in the item's own folder" in message for message in messages)
    assert rendered.images == [("photo.png", 1)]
    assert 'src="/content-media/lessons/a/photo.png"' in rendered.html


def test_level_one_headings_are_reserved_for_the_title():
    assert render("Text\n\n# Big", base_line=5).problems == [
        (7, "use '##' for sections: the title is the page's only '#' heading")
    ]


def test_tables_and_lists_render():
    html = render("| a | b |\n|---|---|\n| 1 | 2 |\n\n1. one\n2. two").html
    assert "<table>" in html and "<ol>" in html
    assert "style=" not in html


@pytest.mark.parametrize(
    ("body", "stray"),
    [
        (
            "**多因素身份验证（MFA）**会再加一道验证。",
            True,
        ),  # closes after punctuation, before a letter
        ("**多因素身份验证**（MFA）会再加一道验证。", False),
        ("- **買う前に、**確かめましょう。", True),
        ("Turn on **multi-factor authentication (MFA)**, today.", False),
        ("A `**kwargs` code span is code.", False),
    ],
)
def test_bold_that_would_show_its_asterisks_is_a_problem(body, stray):
    problems = [message for _line, message in render(body).problems]
    assert any("'**' would show as it is" in message for message in problems) is stray
