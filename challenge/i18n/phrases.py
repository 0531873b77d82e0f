"""Japanese line breaking: BudouX finds the phrase boundaries of Japanese text, and headings get
a `<wbr>` at each, so that with `word-break: keep-all` (site.css) a heading wraps between
phrases, never inside a word. Browsers that know `word-break: auto-phrase` find the phrases
themselves; the `<wbr>`s are the fallback. Other languages are left as they are."""

import html
import re
from functools import cache

import budoux
from markupsafe import Markup, escape

PHRASED_LOCALES = ("ja",)
HEADING = re.compile(r"(<h[1-6][^>]*>)(.*?)(</h[1-6]>)", re.S)
TAG = re.compile(r"(<[^>]+>)")


@cache
def _parser():
    return budoux.load_default_japanese_parser()


def _phrased_text(text: str) -> str:
    """Escaped text with `<wbr>` between its phrases."""
    return "<wbr>".join(str(escape(chunk)) for chunk in _parser().parse(text))


def phrases(text, locale: str | None) -> Markup:
    """A heading's text (escaped unless already Markup) with break opportunities in Japanese."""
    if locale not in PHRASED_LOCALES or not text:
        return escape(text)
    if isinstance(text, Markup):
        return phrased_headings_inner(str(text))
    return Markup(_phrased_text(str(text)))  # noqa: S704 - each chunk escaped


def phrased_headings_inner(fragment: str) -> Markup:
    """Sanitised inline HTML with break opportunities in its text, its tags left alone."""
    parts = TAG.split(fragment)
    return Markup(  # noqa: S704 - tags from sanitised HTML, text re-escaped
        "".join(
            part if index % 2 else _phrased_text(html.unescape(part)) if part else ""
            for index, part in enumerate(parts)
        )
    )


def phrased_headings(body, locale: str | None) -> Markup:
    """A sanitised body (a lesson's) with break opportunities in its headings, in Japanese."""
    if locale not in PHRASED_LOCALES or "<h" not in body:
        return body if isinstance(body, Markup) else escape(body)
    return Markup(  # noqa: S704 - sanitised HTML; heading text re-escaped
        HEADING.sub(
            lambda match: (
                match.group(1) + str(phrased_headings_inner(match.group(2))) + match.group(3)
            ),
            str(body),
        )
    )
