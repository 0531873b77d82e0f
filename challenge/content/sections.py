"""Country sections: advice that applies in one country, written in a lesson between
`::: country AU` and `:::`, kept in every translation, labelled on the page and, when the
visitor's country is known, shown first among the sections next to it.

Markdown stores a section as `<section data-country="AU">`; raw HTML is never allowed in
content, so only this convention makes one. `arrange` labels them when the page is shown."""

import re
from collections import Counter

from flask_babel import gettext as _
from markupsafe import Markup

from challenge.participation.countries import QUAD, country_name

COUNTRIES = QUAD  # the countries a section may be for
MARKER = "country"
SECTION = re.compile(r'<section data-country="([A-Z]{2})">\n?(.*?)</section>\n?', re.S)
# Sections separated by nothing but white space are one group, ordered together.
GROUP = re.compile(r'(?:<section data-country="[A-Z]{2}">.*?</section>\s*)+', re.S)


def code_of(info: str) -> str:
    """The country a `::: country XX` line names, upper-cased ('' when it names none)."""
    words = info.split()
    return words[1].upper() if len(words) == 2 and words[0] == MARKER else ""


def problem(info: str) -> str | None:
    code = code_of(info)
    if code not in COUNTRIES:
        return (
            f"'::: {info.strip()}' must name one country: '::: country XX' with XX one of "
            f"{', '.join(COUNTRIES)}"
        )
    return None


def compare(source: list, translation: list, source_name: str) -> list[tuple[int, str]]:
    """[(line, message)] for a translation whose country sections ([code, line, list items])
    differ from its source's: a missing or extra country, another order, another item count."""
    source_codes = [code for code, _line, _items in source]
    codes = [code for code, _line, _items in translation]
    if source_codes == codes:
        return [
            (
                line,
                f"the {code} section has {items} list items; the source's ({source_name}) "
                f"has {expected}",
            )
            for (code, line, items), (_code, _line, expected) in zip(
                translation, source, strict=True
            )
            if items != expected
        ]
    first_line = translation[0][1] if translation else 1
    missing = Counter(source_codes) - Counter(codes)
    extra = Counter(codes) - Counter(source_codes)
    parts = []
    if missing:
        parts.append(f"it lacks the source's {', '.join(sorted(missing.elements()))}")
    if extra:
        parts.append(f"it has {', '.join(sorted(extra.elements()))}, which the source lacks")
    if not parts:
        parts.append(f"they are in another order ({', '.join(codes)})")
    return [
        (
            first_line,
            f"the country sections differ from the source's ({source_name}: "
            f"{', '.join(source_codes) or 'none'}): {'; '.join(parts)}",
        )
    ]


def _section(code: str, body: str, number: int, locale: str, is_visitors: bool) -> str:
    label_id = f"country-{code.lower()}-{number}"
    yours = Markup(' <strong class="country-yours">{}</strong>').format(_("Your country"))
    return Markup(
        '<section class="country-section{}" aria-labelledby="{}">\n'
        '<p class="country-label" id="{}"><span class="country-code" aria-hidden="true">{}</span> '
        "{}{}</p>\n{}</section>\n"
    ).format(
        " is-visitors" if is_visitors else "",
        label_id,
        label_id,
        code,
        _("In %(country)s", country=country_name(code, locale)),
        yours if is_visitors else "",
        Markup(body),  # noqa: S704 - sanitised when the content was read
    )


def arrange(html: Markup, country: str | None, locale: str) -> Markup:
    """The body with each country section labelled; in each group of adjacent sections, the
    visitor's `country`'s comes first, marked as theirs."""
    if "<section data-country=" not in html:
        return html
    numbers = iter(range(1, 10_000))

    def group(match: re.Match) -> str:
        sections = SECTION.findall(match.group(0))
        sections.sort(key=lambda section: section[0] != country)  # stable: else as written
        return "".join(
            _section(code, body, next(numbers), locale, code == country) for code, body in sections
        )

    return Markup(GROUP.sub(group, str(html)))  # noqa: S704 - sanitised HTML, escaped labels
