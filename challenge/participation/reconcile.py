"""Recount every tally from the raw rows, in a few grouped queries, to verify or rebuild them:
the participants here, each feature's rows through the recounts it registered, and the features'
own tallies (the quiz answer tallies) through theirs (challenge/participation/registry.py).

The writes keep tallies up to date as they go; this is the independent check (`flask stats verify`)
and the fast path for bulk loads (`flask demo seed` inserts rows, then rebuilds). Participants
discounted as fakes (`flask stats discount`, challenge/participation/bursts.py) count for nothing.
The job worker reconciles every night (`reconcile-tallies`): it checks, and repairs only on drift.
"""

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable

from huey import crontab
from sqlalchemy import delete, false, func, insert, select, text, union_all

from challenge import audit, jobs
from challenge.extensions import db
from challenge.participation import fold, tallies
from challenge.participation.models import DailyTally, Participant, PendingTally, Tally
from challenge.participation.registry import OWN_TALLIES, RECOUNTS

Key = tuple[str, str]
DayKey = tuple[str, str, dt.date]


def _day(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def _spread(counts: Counter, changes: dict[Key, int], day) -> None:
    day = _day(day)
    for (metric, scope), delta in changes.items():
        if delta:
            counts[(metric, scope, day)] += delta


def once_per_item(model, action: str, scope_of: Callable[[int], str]) -> Callable:
    """A recount for rows counted once per participant and item (pledges, lessons read): register
    it with registry.recount."""

    def recount(counted) -> Iterable[tuple[dict, object]]:
        rows = (
            select(
                model.item_id,
                model.country,
                Participant.organisation_id,
                func.date(model.created_at),
                func.count(),
            )
            .join(Participant, Participant.id == model.participant_id)
            .where(counted)
            .group_by(
                model.item_id,
                model.country,
                Participant.organisation_id,
                func.date(model.created_at),
            )
        )
        for item_id, country, organisation_id, day, n in db.session.execute(rows):
            changes = tallies.action_changes(
                action, country, scope_of(item_id), sign=n, organisation_id=organisation_id
            )
            yield changes, day

    return recount


def recount_daily(discount_batch: str | None = None) -> Counter:
    """{(metric, scope, day): value} recomputed from participants, pledges, lessons and attempts.

    Counts the participants not discounted or, given a batch, only the participants it discounted.
    """
    counts: Counter = Counter()
    counted = (
        Participant.discount_batch.is_(None)
        if discount_batch is None
        else Participant.discount_batch == discount_batch
    )
    participants = (
        select(
            Participant.country,
            Participant.organisation_id,
            func.date(Participant.created_at),
            func.date(Participant.joined_at),
            func.count(),
        )
        .where(counted)
        .group_by(
            Participant.country,
            Participant.organisation_id,
            func.date(Participant.created_at),
            func.date(Participant.joined_at),
        )
    )
    for country, organisation_id, created, joined, n in db.session.execute(participants):
        _spread(counts, {("participants", s): n for s in tallies.scopes_for(country)}, created)
        if organisation_id is not None:
            scope = tallies.organisation_scope(organisation_id)
            _spread(counts, {("participants", scope): n}, joined)
    for recount in RECOUNTS:
        for changes, day in recount(counted):
            _spread(counts, changes, day)
    return Counter({key: value for key, value in counts.items() if value})


def all_time(daily: Counter) -> Counter:
    totals: Counter = Counter()
    for (metric, scope, _), value in daily.items():
        totals[(metric, scope)] += value
    return Counter({key: value for key, value in totals.items() if value})


def _with_pending(*stored) -> Counter:
    """The stored values plus the changes still waiting in tally_pending (fold.py), read in one
    statement, so a fold that commits meanwhile is seen either wholly or not at all."""
    counts: Counter = Counter()
    for *key, value in db.session.execute(union_all(*stored)):
        if len(key) == 3:
            key[2] = _day(key[2])
        counts[tuple(key)] += value
    return Counter({key: value for key, value in counts.items() if value})


def stored_daily() -> Counter:
    return _with_pending(
        select(DailyTally.metric, DailyTally.scope, DailyTally.day, DailyTally.value),
        select(PendingTally.metric, PendingTally.scope, PendingTally.day, PendingTally.delta),
    )


def stored_all_time() -> Counter:
    return _with_pending(
        select(Tally.metric, Tally.scope, Tally.value),
        select(PendingTally.metric, PendingTally.scope, PendingTally.delta),
    )


def drift() -> list[tuple[tuple, int, int]]:
    """[(key, stored, recounted)] wherever the tallies (the quiz answer tallies too) disagree
    with the rows."""
    daily = recount_daily()
    pairs = [(all_time(daily), stored_all_time()), (daily, stored_daily())]
    for own in OWN_TALLIES:
        pairs.append(
            tuple(
                Counter({own.printable(key): value for key, value in counts.items()})
                for counts in (own.recount(None), own.stored())
            )
        )
    problems = []
    for expected, stored in pairs:
        for key in sorted(set(expected) | set(stored), key=str):
            if expected.get(key, 0) != stored.get(key, 0):
                problems.append((key, stored.get(key, 0), expected.get(key, 0)))
    return problems


def _insert(model, rows: Iterable[dict], batch: int = 5000) -> None:
    chunk: list[dict] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= batch:
            db.session.execute(insert(model), chunk)
            chunk = []
    if chunk:
        db.session.execute(insert(model), chunk)


def headline() -> dict[str, int]:
    """The campaign's all-time totals (scope "all"), with what is pending: what the audit entry of
    a rebuild shows."""
    rows = _with_pending(
        select(Tally.metric, Tally.value).where(Tally.scope == "all"),
        select(PendingTally.metric, PendingTally.delta).where(PendingTally.scope == "all"),
    )
    return {metric: int(value) for (metric,), value in sorted(rows.items())}


def rebuild(*, audited: bool = False, actor=None) -> int:
    """Replace every tally (the quiz answer tallies too) with a recount from the rows (for bulk
    loads and repairs); commits.

    `audited` (`flask stats rebuild`, the nightly repair): the audit log gets the headline totals
    before and after, in the same transaction, by `actor` (None: the command line)."""
    lock_tallies()  # nothing pending may commit between the recount and the replacement
    before = headline() if audited else None
    daily = recount_daily()
    fold.clear_pending()  # recounted from the rows with the rest
    db.session.execute(delete(DailyTally))
    db.session.execute(delete(Tally))
    _insert(
        DailyTally,
        ({"metric": m, "scope": s, "day": d, "value": v} for (m, s, d), v in daily.items()),
    )
    _insert(Tally, ({"metric": m, "scope": s, "value": v} for (m, s), v in all_time(daily).items()))
    for own in OWN_TALLIES:
        own.replace(own.recount(None))
    if audited:
        audit.record(
            "participation.rebuild",
            "tallies",
            before={"all": before},
            after={"all": headline(), "daily_counts": len(daily)},
            actor=actor,
        )
    db.session.commit()
    return len(daily)


def lock_tallies() -> None:
    """Hold off every write to the tallies until this transaction ends, so that a recount and the
    tallies it replaces see the same rows: each write bumps its tallies (or inserts its pending
    changes) in its own transaction, and would otherwise be lost between the recount and the
    replacement. Readers carry on. Features' own tallies (quiz answers) are written after the
    participation tallies in the same transaction, so holding these keeps them off too. The order
    is the writers' (a fold deletes pending rows, then adds to tally, then daily_tally): no cycle."""
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(
            text("LOCK TABLE tally_pending, tally, daily_tally IN SHARE ROW EXCLUSIVE MODE")
        )
    else:  # SQLite has one writer at a time: a first write statement takes the write lock
        db.session.execute(delete(Tally).where(false()))


@jobs.periodic("reconcile-tallies", crontab(minute="41", hour="3"))
def reconcile_tallies() -> str:
    """Check every tally against the rows; on drift, recount under the lock and replace them
    (audited, by the scheduler). Safe to run twice: a second run finds nothing to repair. The
    check takes no lock, so a write during it can look like drift; the repair's recount, under
    the lock, is exact either way."""
    drifted = len(drift())
    db.session.rollback()
    if not drifted:
        return "0 drifted"
    lock_tallies()
    rebuild(audited=True, actor=audit.SCHEDULER)
    return f"{drifted} drifted, rebuilt"
