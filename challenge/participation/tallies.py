"""Counts read in constant time: every write bumps its tallies in the same transaction.

A tally is (metric, scope): metric is what is counted (participants, pledges, lessons, points...),
scope is where: "all", "country:IN", "pledge:12", "pledge:12:country:IN".
"""

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite

from challenge.extensions import db
from challenge.participation.models import DailyTally, Tally

POINTS = {"pledge": 10, "lesson": 5, "quiz_pass": 20}  # the one points scheme (README documents it)


def scopes_for(country: str | None, *extra: str) -> list[str]:
    scopes = ["all", *extra]
    if country:
        scopes.append(f"country:{country}")
        scopes += [f"{scope}:country:{country}" for scope in extra]
    return scopes


def _upsert(model, keys: dict, delta: int) -> None:
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(model).values(**keys, value=delta)
    statement = statement.on_conflict_do_update(
        index_elements=list(keys), set_={"value": model.value + delta}
    )
    db.session.execute(statement)


def bump(changes: dict[tuple[str, str], int], day: dt.date) -> None:
    """Add each delta to its (metric, scope), all time and on `day`; the caller commits.

    Keys are bumped in sorted order so concurrent transactions lock rows in the same order.
    """
    for (metric, scope), delta in sorted(changes.items()):
        if delta:
            _upsert(Tally, {"metric": metric, "scope": scope}, delta)
            _upsert(DailyTally, {"metric": metric, "scope": scope, "day": day}, delta)


ACTION_METRICS = {"pledge": "pledges", "lesson": "lessons", "quiz_pass": "quiz_passes"}


def action_changes(
    action: str, country: str | None, item_scope: str, sign: int = 1
) -> dict[tuple[str, str], int]:
    """The tally deltas of one action: a pledge, a lesson completed, a quiz passed."""
    changes = {(ACTION_METRICS[action], scope): sign for scope in scopes_for(country, item_scope)}
    changes.update({("points", scope): sign * POINTS[action] for scope in scopes_for(country)})
    return changes


def count_action(
    action: str, country: str | None, item_scope: str, day: dt.date, sign: int = 1
) -> None:
    """Count (or, with sign=-1, uncount) one action."""
    bump(action_changes(action, country, item_scope, sign), day)


def count_participant(country: str | None, day: dt.date, sign: int = 1) -> None:
    bump({("participants", scope): sign for scope in scopes_for(country)}, day)


def read(metric: str, scopes: Iterable[str]) -> dict[str, int]:
    """Current all-time values for the given scopes (missing ones are 0): one indexed query."""
    scopes = list(scopes)
    rows = db.session.execute(
        select(Tally.scope, Tally.value).where(Tally.metric == metric, Tally.scope.in_(scopes))
    )
    found = dict(rows.all())
    return {scope: found.get(scope, 0) for scope in scopes}


def read_one(metric: str, scope: str = "all") -> int:
    return read(metric, [scope])[scope]
