"""Finding and discounting bursts of fake participants: a script creating participants to inflate a
country's counts leaves many new participants from one network in a few minutes.

`flask stats bursts` lists the minutes in which at least `threshold` participants started from one
network (the daily origin hash) in one country. Staff judge them: a school class following its
teacher looks like a burst too. `flask stats discount` marks a burst's participants as discounted:
their rows stay, every count they added is taken away in the same transaction, with an audit entry,
and recounts (`stats verify|rebuild`) leave them out. `flask stats restore` undoes a batch.
Participants with an account are never discounted: they are listed for a person to review.
"""

import datetime as dt
import secrets
from collections import Counter, defaultdict
from dataclasses import dataclass

from huey import crontab
from sqlalchemy import and_, distinct, func, select, update

from challenge import audit, jobs
from challenge.clock import utcnow
from challenge.extensions import db
from challenge.participation import reconcile, tallies
from challenge.participation.models import Participant
from challenge.participation.registry import COUNTED_ROWS, OWN_TALLIES

NO_ORIGIN = "-"  # participants from before origins were kept, or created outside a request
ORIGIN_DAYS = 30  # how long an origin hash is kept (docs/privacy.md)


@dataclass(frozen=True)
class Burst:
    minute: dt.datetime
    country: str | None
    origin: str
    participants: int
    pledges: int
    with_accounts: int


@dataclass(frozen=True)
class Criteria:
    """Which participants a discount takes: started in [since, until) from `origin`, in `country`."""

    origin: str
    since: dt.datetime
    until: dt.datetime
    country: str | None = None

    def where(self):
        origin = (
            Participant.origin.is_(None)
            if self.origin == NO_ORIGIN
            else Participant.origin == self.origin
        )
        conditions = [
            origin,
            Participant.created_at >= self.since,
            Participant.created_at < self.until,
            Participant.discount_batch.is_(None),
        ]
        if self.country:
            conditions.append(Participant.country == self.country)
        return and_(*conditions)

    def describe(self) -> dict:
        return {
            "origin": self.origin,
            "country": self.country,
            "since": self.since.isoformat(),
            "until": self.until.isoformat(),
        }


def _minute(column):
    """The timestamp cut to its minute, in the database (text on SQLite, a timestamp on PostgreSQL)."""
    if db.session.get_bind().dialect.name == "postgresql":
        return func.date_trunc("minute", column)
    return func.strftime("%Y-%m-%d %H:%M", column)


def _as_datetime(value) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    return dt.datetime.fromisoformat(str(value))


def _pledges():
    """The pledge rows' model, registered by the pledges feature (registry.counted_rows)."""
    return COUNTED_ROWS["pledges"]


def find(
    since: dt.datetime,
    until: dt.datetime | None = None,
    *,
    country: str | None = None,
    threshold: int = 20,
) -> list[Burst]:
    """Minutes with at least `threshold` new participants from one origin in one country."""
    minute = _minute(Participant.created_at).label("minute")
    conditions = [Participant.created_at >= since, Participant.discount_batch.is_(None)]
    if until is not None:
        conditions.append(Participant.created_at < until)
    if country:
        conditions.append(Participant.country == country)
    origin = func.coalesce(Participant.origin, NO_ORIGIN)
    pledge_rows = _pledges()
    groups = (
        select(
            minute,
            Participant.country,
            origin,
            func.count(distinct(Participant.id)),
            func.count(pledge_rows.id),
            func.count(distinct(Participant.account_id)),
        )
        .outerjoin(pledge_rows, pledge_rows.participant_id == Participant.id)
        .where(*conditions)
        .group_by(minute, Participant.country, origin)
        .having(func.count(distinct(Participant.id)) >= threshold)
    )
    bursts = [
        Burst(_as_datetime(at), code, hashed, people, pledges, accounts)
        for at, code, hashed, people, pledges, accounts in db.session.execute(groups)
    ]
    return sorted(bursts, key=lambda burst: (-burst.participants, burst.minute))


def _bump_all(daily: Counter, sign: int) -> None:
    by_day: dict[dt.date, dict] = defaultdict(dict)
    for (metric, scope, day), value in daily.items():
        by_day[day][(metric, scope)] = sign * value
    for day, changes in sorted(by_day.items()):
        tallies.bump(changes, day)


@dataclass(frozen=True)
class Outcome:
    batch: str | None
    participants: int
    pledges: int
    skipped_accounts: int


def matching(criteria: Criteria) -> tuple[int, int, int]:
    """(participants without an account, their pledges, participants with one) for `criteria`."""
    pledge_rows = _pledges()
    people = db.session.execute(
        select(
            func.count(distinct(Participant.id)).filter(Participant.account_id.is_(None)),
            func.count(pledge_rows.id).filter(Participant.account_id.is_(None)),
            func.count(distinct(Participant.account_id)),
        )
        .outerjoin(pledge_rows, pledge_rows.participant_id == Participant.id)
        .where(criteria.where())
    ).one()
    return int(people[0]), int(people[1]), int(people[2])


def discount(criteria: Criteria, *, reason: str) -> Outcome:
    """Discount the participants matching `criteria` (none with an account); commits."""
    participants, pledges, skipped = matching(criteria)
    if not participants:
        return Outcome(None, 0, 0, skipped)
    batch = f"{utcnow():%Y%m%d%H%M}-{secrets.token_hex(4)}"
    db.session.execute(
        update(Participant)
        .where(criteria.where(), Participant.account_id.is_(None))
        .values(discount_batch=batch)
        .execution_options(synchronize_session=False)
    )
    _bump_all(reconcile.recount_daily(batch), -1)
    for own in OWN_TALLIES:
        own.bump(Counter({key: -value for key, value in own.recount(batch).items()}))
    audit.record(
        "participation.discount",
        batch,
        after={
            **criteria.describe(),
            "reason": reason,
            "participants": participants,
            "pledges": pledges,
        },
    )
    db.session.commit()
    return Outcome(batch, participants, pledges, skipped)


def restore(batch: str, *, reason: str) -> int:
    """Count a discounted batch again; commits. Returns how many participants it held."""
    participants = db.session.scalar(
        select(func.count()).select_from(Participant).where(Participant.discount_batch == batch)
    )
    if not participants:
        return 0
    _bump_all(reconcile.recount_daily(batch), 1)
    for own in OWN_TALLIES:
        own.bump(own.recount(batch))
    db.session.execute(
        update(Participant)
        .where(Participant.discount_batch == batch)
        .values(discount_batch=None)
        .execution_options(synchronize_session=False)
    )
    audit.record(
        "participation.restore", batch, after={"reason": reason, "participants": participants}
    )
    db.session.commit()
    return participants


def forget_origins(older_than: dt.datetime, actor=None) -> int:
    """Erase the origin of participants who started before `older_than`; commits. A run that
    erases any is in the audit log, proof that the retention period is kept."""
    erased = db.session.execute(
        update(Participant)
        .where(Participant.created_at < older_than, Participant.origin.is_not(None))
        .values(origin=None)
        .execution_options(synchronize_session=False)
    ).rowcount
    if erased:
        audit.record(
            "participation.forget_origins",
            "participant.origin",
            after={
                "started_before": older_than.isoformat(timespec="seconds"),
                "participants": erased,
            },
            actor=actor,
        )
    db.session.commit()
    return erased


@jobs.periodic("forget-old-origins", crontab(minute="29", hour="3"))
def forget_old_origins() -> str:
    """The worker's daily retention purge of origins older than ORIGIN_DAYS; safe to run twice."""
    erased = forget_origins(utcnow() - dt.timedelta(days=ORIGIN_DAYS), actor=audit.SCHEDULER)
    return f"{erased} erased"
