"""Per-feature hooks for whole-participant changes, so participation never imports every feature.

Mergers run when two participants become one (see operations.merge); forgetters when an account
is deleted (see operations.forget_account). Contributions say what a
participant's rows add to an organisation's tallies when they join it (see operations.set_organisation).
People counters say how many of an organisation's members stand behind one feature's figures, so
a dashboard can hold back figures that a small group would give away (see people_behind).
"""

from collections.abc import Callable

MERGERS: list[Callable] = []
FORGETTERS: list[Callable[[int], None]] = []
CONTRIBUTIONS: list[Callable] = []
PEOPLE_COUNTERS: dict[str, Callable[[int], int]] = {}


def merger(function: Callable) -> Callable:
    """Register `function(anonymous, into)`, which moves or drops one feature's rows."""
    MERGERS.append(function)
    return function


def forgetter(function: Callable[[int], None]) -> Callable[[int], None]:
    """Register `function(participant_id)`, which erases whatever in one feature's rows names the
    person, when their account is deleted (see operations.forget_account)."""
    FORGETTERS.append(function)
    return function


def contribution(function: Callable) -> Callable:
    """Register `function(participant, organisation_id)` -> [(tally changes, day)] for its rows.

    The changes are those of counting each row as done in that organisation (tallies.scopes_for
    with organisation_id); only their organisation scopes are applied.
    """
    CONTRIBUTIONS.append(function)
    return function


def people_counter(name: str) -> Callable:
    """Register `function(organisation_id)` -> how many members did `name` (e.g. took a quiz)."""

    def register(function: Callable[[int], int]) -> Callable[[int], int]:
        PEOPLE_COUNTERS[name] = function
        return function

    return register


def people_behind(name: str, organisation_id: int) -> int:
    """How many members stand behind the figures of `name`; 0 when no feature counts them."""
    counter = PEOPLE_COUNTERS.get(name)
    return counter(organisation_id) if counter else 0
