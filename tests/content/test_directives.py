"""Directives in bodies: `{{name: argument}}` on a line of its own, checked when content is read
and filled in by the feature that defined it when the page is shown."""

import pytest
from markupsafe import Markup

from challenge.content import directives
from challenge.content.markdown import localise, render


def shown(stored: str) -> str:
    """A stored body as a page shows it."""
    return directives.expand(localise(stored, "en"))


@pytest.fixture
def sample(monkeypatch):
    """A directive of the test's own, so that no feature's registration is needed or changed."""
    monkeypatch.setitem(
        directives.CHECKS, "sample", lambda value: None if value == "good" else "not good"
    )
    monkeypatch.setitem(
        directives.RENDERERS,
        "sample",
        lambda value: Markup("<aside>{} &amp; co</aside>").format(value),
    )


def test_a_directive_alone_on_its_line_is_kept_in_one_spelling(sample):
    rendered = render("Before.\n\n{{ sample:good }}\n\nAfter.", base_line=7)
    assert rendered.problems == []
    assert rendered.directives == [("sample", "good", 9)]
    assert "<p>{{sample: good}}</p>" in rendered.html
    assert shown(rendered.html) == "<p>Before.</p>\n<aside>good &amp; co</aside>\n<p>After.</p>\n"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("{{sample: bad}}", "not good"),
        ("{{unknown: good}}", "'{{unknown: ...}}' is not a directive"),
        ("Call {{sample: good}} now.", "must be on a line of its own"),
        ("- {{sample: good}}", "must be on a line of its own"),
        ("> {{sample: good}}", "must be on a line of its own"),
    ],
)
def test_misplaced_or_unknown_directives_are_problems(sample, body, message):
    rendered = render(body, base_line=3)
    assert [line for line, _ in rendered.problems] == [3]
    assert message in rendered.problems[0][1]


def test_code_shows_a_directive_as_written(sample):
    rendered = render("Write `{{sample: good}}`:\n\n    {{sample: good}}\n")
    assert rendered.problems == [] and rendered.directives == []
    assert shown(rendered.html) == rendered.html
    assert "<aside>" not in shown(rendered.html)


def test_expanding_leaves_text_without_directives_alone(sample):
    html = Markup("<p>{{ not one }} and {{sample}}</p>")
    assert directives.expand(html) == html


def test_a_directive_without_a_renderer_shows_nothing(sample, monkeypatch):
    monkeypatch.delitem(directives.RENDERERS, "sample")
    assert shown(render("{{sample: good}}").html).strip() == ""
