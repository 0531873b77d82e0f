"""Final results: when an edition's last window has ended, the periodic job `freeze-edition-results`
stores its standings once (suppressed as shown, with the threshold used); from then on the edition
page shows that record, whatever later check-ins, merges or threshold changes do to the tallies."""

import datetime as dt

from flask import current_app
from huey import crontab
from sqlalchemy import select

from challenge import jobs
from challenge.clock import utcnow
from challenge.conflicts import insert_unless_present
from challenge.content.queries import source_locale
from challenge.editions import leaderboard, queries, rules
from challenge.editions.models import EditionResult
from challenge.extensions import db


def has_ended(entry: queries.Edition, now: dt.datetime) -> bool:
    """Every window, the default's and each country's, is over in its own time zone."""
    windows = [entry.plan.default, *entry.plan.windows.values()]
    return all(rules.phase(w, rules.local_date(w, now)) == rules.ENDED for w in windows)


def frozen(item_id: int) -> tuple[leaderboard.Standings, int] | None:
    """The frozen standings and the threshold they were held back with, if frozen."""
    row = db.session.execute(
        select(EditionResult.standings, EditionResult.privacy_threshold).where(
            EditionResult.item_id == item_id
        )
    ).first()
    return (leaderboard.Standings.from_dict(row[0]), row[1]) if row is not None else None


def freeze(entry: queries.Edition) -> bool:
    """Store the edition's standings unless they are stored already; the caller commits."""
    k = int(current_app.config["PRIVACY_MIN_GROUP"])
    inserted = insert_unless_present(
        EditionResult.__table__,
        {
            "item_id": entry.item_id,
            "standings": leaderboard.standings(entry.item_id, k).as_dict(),
            "privacy_threshold": k,
            "frozen_at": utcnow(),
        },
        ["item_id"],
    )
    return inserted is not None


@jobs.periodic("freeze-edition-results", crontab(minute="*/15"))
def freeze_ended_editions() -> str:
    now, done = utcnow(), set(db.session.scalars(select(EditionResult.item_id)))
    count = 0
    for entry in queries.editions(source_locale(), now):
        if entry.item_id not in done and has_ended(entry, now) and freeze(entry):
            count += 1
    db.session.commit()
    return f"{count} frozen"


def shown_standings(entry: queries.Edition) -> tuple[leaderboard.Standings, bool, int]:
    """(standings, final, threshold): the frozen record once there is one, else the live figures."""
    final = frozen(entry.item_id)
    if final is not None:
        return final[0], True, final[1]
    k = int(current_app.config["PRIVACY_MIN_GROUP"])
    return leaderboard.standings(entry.item_id, k), False, k
