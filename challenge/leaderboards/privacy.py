"""Small-group suppression, so that no view, alone or compared with another, exposes one person.

Each group (a country, an organisation) carries the number of people behind its figures. Groups with
fewer than k are hidden. Hidden groups are reported together as "other" only when they add up to k
or more; when they add up to fewer (but more than none), the smallest shown groups are hidden too
("complementary suppression"), so the grand total minus the shown groups never isolates a few people.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

Row = TypeVar("Row")


@dataclass(frozen=True)
class Suppressed:
    shown: list
    hidden: list  # the groups folded into "other"
    other_people: int  # 0, or at least k


def suppress(rows: Sequence[Row], people: Callable[[Row], int], total_people: int, k: int):
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
