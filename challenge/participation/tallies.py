"""Counts read in constant time: every write bumps its tallies in the same transaction, or, for
the busiest write (a pledge, `batched(write_behind=True)`), inserts its changes into
`tally_pending` for the job worker to fold into the tallies within seconds (fold.py).

A tally is (metric, scope): metric is what is counted (participants, pledges, lessons, points...),
scope is where: "all", "country:IN", "pledge:12", "pledge:12:country:IN", and for the participant's
current organisation "org:5" and "org:5:pledge:12". Organisation scopes follow membership: joining
adds everything the participant ever did to them, leaving takes it away (operations.set_organisation).
"""

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from contextlib import contextmanager
from functools import cache

from sqlalchemy import bindparam, insert, select
from sqlalchemy.dialects import postgresql, sqlite

from challenge.extensions import db
from challenge.participation.models import DailyTally, PendingTally, Tally

POINTS = {"pledge": 10, "lesson": 5, "quiz_pass": 20}  # the one points scheme (README documents it)


def item_scope(kind: str, item_id: int) -> str:
    """One content item's scope: "pledge:12" (kind as stored on content items)."""
    return f"{kind}:{item_id}"


def organisation_scope(organisation_id: int) -> str:
    return f"org:{organisation_id}"


def scopes_for(country: str | None, *extra: str, organisation_id: int | None = None) -> list[str]:
    scopes = ["all", *extra]
    if country:
        scopes.append(f"country:{country}")
        scopes += [f"{scope}:country:{country}" for scope in extra]
    if organisation_id is not None:
        org = organisation_scope(organisation_id)
        scopes += [org, *(f"{org}:{scope}" for scope in extra)]
    return scopes


def only_organisation(
    changes: dict[tuple[str, str], int], organisation_id: int
) -> dict[tuple[str, str], int]:
    """The part of `changes` that falls on one organisation's scopes."""
    org = organisation_scope(organisation_id)
    return {
        (metric, scope): delta
        for (metric, scope), delta in changes.items()
        if scope == org or scope.startswith(f"{org}:")
    }


@cache
def _upsert_statement(dialect: str, model):
    """INSERT ... ON CONFLICT DO UPDATE adding the new value: built once, run with many rows."""
    table = model.__table__
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(table)
    return statement.on_conflict_do_update(
        index_elements=[column.name for column in table.primary_key],
        set_={"value": table.c.value + statement.excluded.value},
    )


def _upsert(model, rows: list[dict]) -> None:
    """Add each row's value to its key's, creating missing keys, in the order given."""
    dialect = db.session.get_bind().dialect.name
    db.session.execute(_upsert_statement(dialect, model), rows)


BATCH = "tally_batch"  # in Session.info while a batched() block runs


def _write(all_time: dict[tuple[str, str], int], daily: dict[tuple[str, str, dt.date], int]):
    """Keys in sorted order, so concurrent transactions lock rows in the same order and never
    wait for each other in a cycle."""
    rows = [{"metric": m, "scope": s, "value": d} for (m, s), d in sorted(all_time.items()) if d]
    if rows:
        _upsert(Tally, rows)
    rows = [
        {"metric": m, "scope": s, "day": day, "value": d}
        for (m, s, day), d in sorted(daily.items(), key=lambda pair: (pair[0][2], pair[0][:2]))
        if d
    ]
    if rows:
        _upsert(DailyTally, rows)


_PENDING = PendingTally.__table__


def _write_behind(daily: dict[tuple[str, str, dt.date], int]) -> None:
    """The changes as new rows of tally_pending, in one multi-row INSERT (one statement, where an
    executemany runs one a row): no row another transaction holds, so concurrent writers never
    wait for each other here."""
    rows = [
        {"metric": m, "scope": s, "day": day, "delta": d}
        for (m, s, day), d in sorted(daily.items(), key=lambda pair: (pair[0][2], pair[0][:2]))
        if d
    ]
    if rows:
        db.session.connection().execute(insert(_PENDING).values(rows))


def add(all_time: dict[tuple[str, str], int], daily: dict[tuple[str, str, dt.date], int]) -> None:
    """Add sums to the tallies themselves, all time and per day (the fold of pending changes)."""
    _write(dict(all_time), dict(daily))


def bump(changes: dict[tuple[str, str], int], day: dt.date) -> None:
    """Add each delta to its (metric, scope), all time and on `day`; the caller commits."""
    batch = db.session.info.get(BATCH)
    if batch is not None:
        for (metric, scope), delta in changes.items():
            batch[0][(metric, scope)] += delta
            batch[1][(metric, scope, day)] += delta
        return
    _write(
        dict(changes), {(metric, scope, day): delta for (metric, scope), delta in changes.items()}
    )


@contextmanager
def batched(*, write_behind: bool = False):
    """Bumps made inside the block are summed and written when it ends, in two statements; a
    block that raises writes nothing. Tallies read inside it do not include them yet.

    write_behind: in one insert into tally_pending instead, which the job worker folds into the
    tallies (fold.py): the transaction touches no shared row, and the public counts include it
    within the fold's interval. Nested blocks are written as the outermost one says."""
    if db.session.info.get(BATCH) is not None:  # nested: the outer block writes
        yield
        return
    batch = db.session.info[BATCH] = (Counter(), Counter())
    try:
        yield
    finally:
        db.session.info.pop(BATCH, None)
    if write_behind:
        _write_behind(batch[1])
    else:
        _write(batch[0], batch[1])


ACTION_METRICS = {"pledge": "pledges", "lesson": "lessons", "quiz_pass": "quiz_passes"}


def action_changes(
    action: str,
    country: str | None,
    item_scope: str,
    sign: int = 1,
    organisation_id: int | None = None,
) -> dict[tuple[str, str], int]:
    """The tally deltas of one action: a pledge, a lesson completed, a quiz passed."""
    changes = {
        (ACTION_METRICS[action], scope): sign
        for scope in scopes_for(country, item_scope, organisation_id=organisation_id)
    }
    changes.update(
        {
            ("points", scope): sign * POINTS[action]
            for scope in scopes_for(country, organisation_id=organisation_id)
        }
    )
    return changes


def count_action(
    action: str,
    country: str | None,
    item_scope: str,
    day: dt.date,
    sign: int = 1,
    organisation_id: int | None = None,
) -> None:
    """Count (or, with sign=-1, uncount) one action."""
    bump(action_changes(action, country, item_scope, sign, organisation_id), day)


def count_participant(
    country: str | None, day: dt.date, sign: int = 1, organisation_id: int | None = None
) -> None:
    bump(
        {
            ("participants", scope): sign
            for scope in scopes_for(country, organisation_id=organisation_id)
        },
        day,
    )


# A Core statement on the session's connection: pledge pages and thank-you pages read a count on
# every visit, and the ORM's path for a two-column select costs several times as much.
_TALLIES = Tally.__table__
_READ = select(_TALLIES.c.scope, _TALLIES.c.value).where(
    _TALLIES.c.metric == bindparam("metric"),
    _TALLIES.c.scope.in_(bindparam("scopes", expanding=True)),
)


def read(metric: str, scopes: Iterable[str]) -> dict[str, int]:
    """Current all-time values for the given scopes (missing ones are 0): one indexed query."""
    scopes = list(scopes)
    rows = db.session.connection().execute(_READ, {"metric": metric, "scopes": scopes})
    found = dict(rows.all())
    return {scope: found.get(scope, 0) for scope in scopes}


def read_one(metric: str, scope: str = "all") -> int:
    return read(metric, [scope])[scope]
