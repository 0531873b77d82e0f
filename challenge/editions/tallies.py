"""Each edition's people in the participation tallies, so its leaderboards read a few tally rows.

Metrics `edition_participants` (anyone with a check-in, on the day of their first) and
`edition_completions` (anyone who finished, on the day they did), in the scopes "edition:<id>",
"edition:<id>:country:XX" and, for the participant's organisation, "org:<n>:edition:<id>".
A participant's share is a pure function of their check-ins (`share`), so a check-in, a merge or
an organisation change bumps the difference between their share before and after, and the
recount (`flask stats verify|rebuild`, the nightly reconciliation) sums the same shares.
"""

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass

from sqlalchemy import select

from challenge.content.queries import source_locale
from challenge.editions import queries, rules
from challenge.editions.models import EditionCheckIn
from challenge.extensions import db
from challenge.participation import tallies
from challenge.participation.models import Participant
from challenge.participation.registry import contribution, recount

PARTICIPANTS = "edition_participants"
COMPLETIONS = "edition_completions"


def edition_scope(item_id: int) -> str:
    return f"edition:{item_id}"


def country_scope(item_id: int, country: str) -> str:
    return f"{edition_scope(item_id)}:country:{country}"


def organisation_scope(item_id: int, organisation_id: int) -> str:
    return f"{tallies.organisation_scope(organisation_id)}:{edition_scope(item_id)}"


@dataclass(frozen=True)
class Row:
    """One check-in, as much of it as the tallies need."""

    day_index: int
    created_at: dt.datetime
    country: str | None


Share = list[tuple[dict[tuple[str, str], int], dt.date]]


def _scopes(item_id: int, country: str | None, organisation_id: int | None) -> list[str]:
    scopes = [edition_scope(item_id)]
    if country:
        scopes.append(country_scope(item_id, country))
    if organisation_id is not None:
        scopes.append(organisation_scope(item_id, organisation_id))
    return scopes


def share(plan: rules.Plan, item_id: int, rows: list[Row], organisation_id: int | None) -> Share:
    """What one participant's check-ins in one edition add to the tallies: [(changes, day)]."""
    if not rows:
        return []
    first = min(rows, key=lambda row: row.created_at)
    # The country of their first check-in, so later changes of country never move them.
    scopes = _scopes(item_id, first.country, organisation_id)
    found: Share = [({(PARTICIPANTS, scope): 1 for scope in scopes}, first.created_at.date())]
    finished = rules.completion_moment(plan, [(row.day_index, row.created_at) for row in rows])
    if finished is not None:
        found.append(({(COMPLETIONS, scope): 1 for scope in scopes}, finished.date()))
    return found


def rows_of(participant_id: int, item_id: int) -> list[Row]:
    return [
        Row(index, at, country)
        for index, at, country in db.session.execute(
            select(
                EditionCheckIn.day_index, EditionCheckIn.created_at, EditionCheckIn.country
            ).where(
                EditionCheckIn.participant_id == participant_id, EditionCheckIn.item_id == item_id
            )
        )
    ]


def bump_difference(before: Share, after: Share) -> None:
    """Apply `after` minus `before`, day by day; nothing when they are the same."""
    net: Counter = Counter()
    for sign, parts in ((-1, before), (1, after)):
        for changes, day in parts:
            for key, delta in changes.items():
                net[(key, day)] += sign * delta
    per_day: dict[dt.date, dict] = defaultdict(dict)
    for (key, day), delta in net.items():
        if delta:
            per_day[day][key] = delta
    for day, changes in sorted(per_day.items()):
        tallies.bump(changes, day)


def _published() -> dict[int, queries.Edition]:
    return {entry.item_id: entry for entry in queries.editions(source_locale())}


@recount
def recount_editions(counted) -> Share:
    """Every counted participant's share, from their check-ins."""
    entries = _published()
    rows = db.session.execute(
        select(
            EditionCheckIn.participant_id,
            EditionCheckIn.item_id,
            EditionCheckIn.day_index,
            EditionCheckIn.created_at,
            EditionCheckIn.country,
            Participant.organisation_id,
        )
        .join(Participant, Participant.id == EditionCheckIn.participant_id)
        .where(counted, EditionCheckIn.item_id.in_(list(entries)))
        .order_by(EditionCheckIn.participant_id, EditionCheckIn.item_id)
    )
    grouped: dict[tuple[int, int], list[Row]] = defaultdict(list)
    organisations: dict[int, int | None] = {}
    for participant_id, item_id, index, at, country, organisation_id in rows:
        grouped[(participant_id, item_id)].append(Row(index, at, country))
        organisations[participant_id] = organisation_id
    found: Share = []
    for (participant_id, item_id), own in grouped.items():
        found += share(entries[item_id].plan, item_id, own, organisations[participant_id])
    return found


@contribution
def edition_contributions(participant: Participant, organisation_id: int) -> Share:
    """A member's editions, counted in the organisation they join (or leave, negated)."""
    item_ids = set(
        db.session.scalars(
            select(EditionCheckIn.item_id)
            .where(EditionCheckIn.participant_id == participant.id)
            .distinct()
        )
    )
    if not item_ids:
        return []
    entries = _published()
    found: Share = []
    for item_id in sorted(item_ids & set(entries)):
        rows = rows_of(participant.id, item_id)
        found += share(entries[item_id].plan, item_id, rows, organisation_id)
    return found
