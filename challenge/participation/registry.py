"""Per-feature hooks for whole-participant changes, so participation never imports every feature.

Mergers run when two participants become one (see operations.merge); forgetters when an account
is deleted (see operations.forget_account). Contributions say what a
participant's rows add to an organisation's tallies when they join it (see operations.set_organisation).
People counters say how many of an organisation's members stand behind one feature's figures, so
a dashboard can hold back figures that a small group would give away (see people_behind).
Activity listeners hear that a participant finished something (read a lesson, passed a quiz, took
a pledge), so another feature (editions) can react without the two importing each other; activity
checks answer whether a participant has done such a thing already.
"""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

MERGERS: list[Callable] = []
FORGETTERS: list[Callable[[int], None]] = []
CONTRIBUTIONS: list[Callable] = []
PEOPLE_COUNTERS: dict[str, Callable[[int], int]] = {}
ACTIVITY_LISTENERS: list[Callable] = []
ACTIVITY_CHECKS: dict[str, Callable] = {}


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


# Recounts say what a feature's rows add to the tallies, recomputed from the rows themselves
# (see reconcile.recount_daily); own tallies are a feature's tallies beside the participation ones
# (the quiz answer tallies), checked, rebuilt and discounted with them; counted rows name the model
# whose rows a report of new participants counts beside them (bursts: their pledges).
RECOUNTS: list[Callable] = []
OWN_TALLIES: list["OwnTallies"] = []
COUNTED_ROWS: dict[str, type] = {}
# Each kind of taking part and the model of its rows (with a participant_id), so a group's totals
# (a school class) are counted without importing the features.
ACTIVITY_ROWS: dict[str, type] = {}


def recount(function: Callable) -> Callable:
    """Register `function(counted)` -> [(tally changes, day)] for the rows of participants that
    match the SQL condition `counted`."""
    RECOUNTS.append(function)
    return function


@dataclass(frozen=True)
class OwnTallies:
    """One feature's own tallies, as {key: value} Counters."""

    recount: Callable[[str | None], Counter]  # from the rows; given a batch, only its participants
    stored: Callable[[], Counter]
    replace: Callable[[Counter], None]
    bump: Callable[[Counter], None]  # add these deltas
    printable: Callable[[tuple], tuple]  # a key as `flask stats verify` prints it


def own_tallies(tallies: OwnTallies) -> OwnTallies:
    OWN_TALLIES.append(tallies)
    return tallies


def counted_rows(name: str, model: type) -> None:
    """Register `model` (rows with a participant_id) as what reports count as `name`."""
    COUNTED_ROWS[name] = model


def activity_rows(name: str, model: type) -> None:
    """Register `model` as the rows of `name` (lessons read, quizzes taken, pledges taken)."""
    ACTIVITY_ROWS[name] = model


def activity_listener(function: Callable) -> Callable:
    """Register `function(kind, slug, participant, score)`, called by activity_done."""
    ACTIVITY_LISTENERS.append(function)
    return function


def activity_done(kind: str, slug: str, participant, score: int | None = None) -> None:
    """Tell the listeners that `participant` did `kind`/`slug` (a quiz with its percent score),
    inside the caller's transaction, which commits their writes with its own."""
    for listener in ACTIVITY_LISTENERS:
        listener(kind, slug, participant, score)


def activity_check(kind: str) -> Callable:
    """Register `function(participant, slug, min_score)` -> whether they did `kind`/`slug`
    (for a quiz: passed it with at least min_score, or the quiz's pass mark when None)."""

    def register(function: Callable) -> Callable:
        ACTIVITY_CHECKS[kind] = function
        return function

    return register


def has_done(kind: str, slug: str, participant, min_score: int | None = None) -> bool:
    check = ACTIVITY_CHECKS.get(kind)
    return bool(participant is not None and check and check(participant, slug, min_score))
