"""Per-feature hooks for whole-participant changes, so participation never imports every feature.

Mergers run when two participants become one (see operations.merge). Contributions say what a
participant's rows add to an organisation's tallies when they join it (see operations.set_organisation).
"""

from collections.abc import Callable

MERGERS: list[Callable] = []
CONTRIBUTIONS: list[Callable] = []


def merger(function: Callable) -> Callable:
    """Register `function(anonymous, into)`, which moves or drops one feature's rows."""
    MERGERS.append(function)
    return function


def contribution(function: Callable) -> Callable:
    """Register `function(participant, organisation_id)` -> [(tally changes, day)] for its rows.

    The changes are those of counting each row as done in that organisation (tallies.scopes_for
    with organisation_id); only their organisation scopes are applied.
    """
    CONTRIBUTIONS.append(function)
    return function
