"""Folding the tally changes written behind (tally_pending) into the tallies.

Every pledge adds one to a handful of shared tally rows ("pledges"/"all", the pledge's, its
country's...). Updated in the request, each row is locked until the request commits, so at a
launch moment every pledge waits for the one before it. Instead the pledge's transaction inserts
its changes into tally_pending (tallies.batched(write_behind=True)), a table nobody updates, and
commits at once. The job worker folds them in every JOBS_FREQUENT_SECONDS: one transaction deletes
a batch of pending rows and adds their sums to tally and daily_tally, a few statements however many
pledges came in. The deletion and the addition commit together or not at all, so every change is
counted exactly once, and a crashed fold is simply done again by the next one.

Public counts lag the pledges by at most the interval plus one fold (a few seconds under load);
`flask stats verify` adds what is still pending, and `flask stats rebuild` clears it with the rest.
"""

from collections import Counter

from sqlalchemy import delete, func, select, text

from challenge import jobs
from challenge.extensions import db
from challenge.participation import tallies
from challenge.participation.models import PendingTally

BATCH = 50_000  # pending rows a fold moves in one transaction (about 5,000 pledges)
FOLD_LOCK = 0x71636366  # PostgreSQL advisory lock: one fold at a time, whichever worker runs it
_PENDING = PendingTally.__table__


def _take_turn(connection) -> bool:
    """Whether this transaction may fold now (another worker's fold may be under way)."""
    if connection.dialect.name != "postgresql":
        return True  # SQLite lets one writer at a time in anyway
    lock = text("SELECT pg_try_advisory_xact_lock(:key)")
    return bool(connection.execute(lock, {"key": FOLD_LOCK}).scalar())


def fold_once(limit: int = BATCH) -> int:
    """Move up to `limit` of the oldest pending changes into the tallies; commits. How many moved
    (0 when there were none, or another fold holds the turn)."""
    connection = db.session.connection()
    if not _take_turn(connection):
        db.session.rollback()
        return 0
    oldest = select(_PENDING.c.id).order_by(_PENDING.c.id).limit(limit)
    moved = connection.execute(
        delete(_PENDING)
        .where(_PENDING.c.id.in_(oldest.scalar_subquery()))
        .returning(_PENDING.c.metric, _PENDING.c.scope, _PENDING.c.day, _PENDING.c.delta)
    ).all()
    if not moved:
        db.session.rollback()
        return 0
    all_time: Counter = Counter()
    daily: Counter = Counter()
    for metric, scope, day, delta in moved:
        all_time[(metric, scope)] += delta
        daily[(metric, scope, day)] += delta
    tallies.add(all_time, daily)  # in sorted order, as every writer of the tallies
    db.session.commit()
    return len(moved)


def fold(limit: int = BATCH) -> int:
    """Fold until nothing is pending (or another fold has the turn); how many changes moved."""
    total = 0
    while (moved := fold_once(limit)) == limit:
        total += moved
    return total + moved


def pending() -> int:
    """How many changes wait to be folded."""
    return db.session.scalar(select(func.count()).select_from(_PENDING)) or 0


@jobs.frequent("fold-tallies")
def fold_tallies() -> int:
    """The worker's fold, every JOBS_FREQUENT_SECONDS."""
    return fold()


def clear_pending() -> None:
    """Drop every pending change: for a rebuild, which recounts them from the rows, under
    reconcile.lock_tallies."""
    db.session.execute(delete(PendingTally))
