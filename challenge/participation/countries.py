"""Countries: ISO 3166-1 alpha-2 codes, named and sorted from CLDR in the reader's language."""

from functools import cache

import pyuca
from babel import Locale

# CLDR territories that are not ISO 3166-1 assigned codes (groupings, reserved and private-use codes).
NOT_ISO_3166 = frozenset(
    {"AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "XA", "XB", "XK", "ZZ"}
)
QUAD = ("AU", "IN", "JP", "US")
# Indo-Pacific partners listed after the Quad members, so the campaign's audience finds them first.
INDO_PACIFIC = (
    "BD",
    "BN",
    "FJ",
    "ID",
    "KH",
    "KR",
    "LA",
    "LK",
    "MM",
    "MV",
    "MY",
    "NP",
    "NZ",
    "PG",
    "PH",
    "SG",
    "TH",
    "TL",
    "VN",
)

_collator = pyuca.Collator()


@cache
def country_codes() -> frozenset[str]:
    territories = Locale.parse("en").territories
    return frozenset(
        code
        for code in territories
        if len(code) == 2 and code.isalpha() and code not in NOT_ISO_3166
    )


def is_country(code: str | None) -> bool:
    return bool(code) and code in country_codes()


@cache
def country_name(code: str, locale: str) -> str:
    return Locale.parse(locale).territories.get(code, code)


@cache
def name_sort_key(code: str, locale: str):
    """Sort countries by their name in the page's language (Unicode collation)."""
    return _collator.sort_key(country_name(code, locale))


@cache  # collating ~250 names took a fifth of a form page's time (docs/performance.md)
def country_choices(locale: str) -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    """Grouped (label, [(code, name)]) choices: the Quad, Indo-Pacific partners, then every country."""
    names = Locale.parse(locale).territories

    def group(codes):
        return tuple(
            sorted(
                ((code, names[code]) for code in codes),
                key=lambda pair: _collator.sort_key(pair[1]),
            )
        )

    return (
        ("quad", group(QUAD)),
        ("indo-pacific", group(INDO_PACIFIC)),
        ("all", group(country_codes())),
    )
