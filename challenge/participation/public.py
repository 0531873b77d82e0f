"""Figures shown to the public: a count below the privacy threshold is not shown at all.

The threshold is PRIVACY_MIN_GROUP, the one the leaderboards use for a country or an organisation.
A page never prints "0 people" or "3 people": it prints nothing, or a sentence without the figure.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from flask import current_app

Row = TypeVar("Row")


def threshold() -> int:
    return int(current_app.config["PRIVACY_MIN_GROUP"])


def public_figure(value: int | None) -> int | None:
    """`value`, or None when it is below the threshold (zero included)."""
    if value is None or value < threshold():
        return None
    return value


@dataclass(frozen=True)
class Suppressed:
    shown: list
    hidden: list  # the groups folded into "other"
    other_people: int  # 0, or at least k


def suppress(rows: Sequence[Row], people: Callable[[Row], int], total_people: int, k: int):
    """Small-group suppression, so that no view, alone or compared with another, exposes one person.

    Each group (a country, an organisation) carries the number of people behind its figures.
    Groups with fewer than k are hidden. Hidden groups are reported together as "other" only when
    they add up to k or more; when they add up to fewer (but more than none), the smallest shown
    groups are hidden too ("complementary suppression"), so the grand total minus the shown groups
    never isolates a few people."""
    shown = sorted((row for row in rows if people(row) >= k), key=people)
    hidden = [row for row in rows if people(row) < k]
    remainder = total_people - sum(people(row) for row in shown)
    while 0 < remainder < k and shown:
        smallest = shown.pop(0)
        hidden.append(smallest)
        remainder += people(smallest)
    if 0 < remainder < k:
        remainder = 0  # too few people anywhere: nothing can be shown, not even "other"
    return Suppressed(shown=shown, hidden=hidden, other_people=max(remainder, 0))
