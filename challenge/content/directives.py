"""Directives: a line of its own in a body, `{{name: argument}}`, that a feature fills in when the
page is shown, for that visitor (the help feature's `{{channels: lost-money}}` lists where to
report in the visitor's country). Markdown keeps the line as a paragraph of text, which the
sanitiser leaves alone; `expand` replaces it with the feature's own, escaped, template output."""

import re
from collections.abc import Callable

from markupsafe import Markup

WRITTEN = re.compile(r"\{\{\s*([a-z]+)\s*:\s*([a-z0-9-]+)\s*\}\}")
STORED = re.compile(r"<p>\{\{([a-z]+): ([a-z0-9-]+)\}\}</p>")

# name -> check(argument): None when the argument is acceptable, else what is wrong
CHECKS: dict[str, Callable[[str], str | None]] = {}
# name -> render(argument) -> Markup, called while the page is rendered
RENDERERS: dict[str, Callable[[str], Markup]] = {}


def define(name: str, check: Callable[[str], str | None]) -> None:
    """Make `{{name: ...}}` a directive that content may use; `check` validates its argument."""
    CHECKS[name] = check


def renderer(name: str) -> Callable:
    def register(function: Callable[[str], Markup]) -> Callable[[str], Markup]:
        RENDERERS[name] = function
        return function

    return register


def stored_form(name: str, argument: str) -> str:
    return f"{{{{{name}: {argument}}}}}"


def problem(name: str, argument: str) -> str | None:
    if name not in CHECKS:
        known = ", ".join(sorted(CHECKS)) or "none"
        return f"'{{{{{name}: ...}}}}' is not a directive (the directives are: {known})"
    return CHECKS[name](argument)


def _expanded(match: re.Match) -> str:
    render = RENDERERS.get(match.group(1))
    return str(render(match.group(2))) if render else ""


def expand(html: Markup) -> Markup:
    """The sanitised body with each directive's line replaced by what it shows."""
    if "{{" not in html:
        return html
    return Markup(STORED.sub(_expanded, str(html)))  # noqa: S704 - sanitised HTML, escaped output
