"""Generate realistic fake participation fast: rows go in by bulk insert (COPY on PostgreSQL), then
every tally is rebuilt from them in one pass (participation.reconcile)."""

import base64
import bisect
import datetime as dt
import itertools
import os
import random
from contextlib import contextmanager

from sqlalchemy import func, select, text

from challenge import audit
from challenge.content.models import ContentItem
from challenge.extensions import db
from challenge.participation import reconcile
from challenge.participation.models import Participant

# Rough shares of participants: the Quad first, then Indo-Pacific partners and a long tail.
COUNTRY_WEIGHTS = {
    "IN": 38,
    "US": 14,
    "JP": 12,
    "AU": 8,
    "ID": 3,
    "PH": 3,
    "VN": 2,
    "BD": 2,
    "LK": 1.5,
    "NP": 1.2,
    "MY": 1.2,
    "TH": 1.2,
    "SG": 1,
    "NZ": 1,
    "KR": 1,
    "FJ": 0.4,
    "PG": 0.4,
    "MV": 0.3,
    "GB": 1.5,
    "CA": 1.5,
    "DE": 0.8,
    "FR": 0.6,
    "BR": 0.6,
    None: 2,
}
LOCALES_BY_COUNTRY = {"IN": (("en", 0.45), ("hi", 0.55)), "JP": (("ja", 0.9), ("en", 0.1))}
BATCH = 20_000  # participants per bulk write
BULK_CACHE_KIB = 256 * 1024  # SQLite's page cache while loading
MAX_COMBINATIONS = 5000  # beyond this, sets of items are drawn one by one


def picker(items: list[int], counts: tuple[int, ...]):
    """pick(random) -> a random set of `items`, its size drawn from `counts`, in a few operations:
    every combination is listed up front when there are not too many."""
    by_size = {}
    for size in set(counts):
        size = min(size, len(items))
        combos = list(itertools.islice(itertools.combinations(items, size), MAX_COMBINATIONS + 1))
        by_size[size] = combos if len(combos) <= MAX_COMBINATIONS else None
    sizes = [min(size, len(items)) for size in counts]

    def pick(rng: random.Random) -> tuple[int, ...]:
        size = sizes[int(rng.random() * len(sizes))]
        combos = by_size[size]
        if combos is None:
            return tuple(rng.sample(items, size))
        return combos[int(rng.random() * len(combos))]

    return pick


class Clock:
    """Moments as whole seconds since `start`, turned into timestamps by two table lookups (an hour,
    then the minutes and seconds within it): much cheaper than datetime arithmetic per row."""

    def __init__(self, end: dt.datetime, days: int, as_text: bool):
        self.span = days * 86400
        start = (end - dt.timedelta(seconds=self.span)).replace(minute=0, second=0, microsecond=0)
        self.offset = int((end - dt.timedelta(seconds=self.span) - start).total_seconds())
        hours = [start + dt.timedelta(hours=n) for n in range(days * 24 + 2)]
        within = [dt.timedelta(seconds=n) for n in range(3600)]
        if as_text:  # SQLite: the text SQLAlchemy stores, since sqlite3's adapters are deprecated
            hours = [hour.strftime("%Y-%m-%d %H") for hour in hours]
            within = [f":{n // 60:02d}:{n % 60:02d}" for n in range(3600)]
        self.hours, self.within = hours, within


class Seeder:
    def __init__(self, participants: int, days: int, rng: random.Random):
        self.count, self.days, self.rng = participants, days, rng
        items = db.session.execute(select(ContentItem.id, ContentItem.kind)).all()
        pledges = [i for i, kind in items if kind == "pledge"]
        lessons = [i for i, kind in items if kind == "lesson"]
        quizzes = [i for i, kind in items if kind == "quiz"]
        if not (pledges and lessons and quizzes):
            raise RuntimeError("no content: run `flask content sync` first")
        self.pick_pledges = picker(pledges, (0, 1, 1, 1, 2, 3))
        self.pick_lessons = picker(lessons, (0, 0, 1, 2, 3, 5))
        self.pick_quizzes = picker(quizzes, (0, 0, 1, 1, 2))
        self.countries = list(COUNTRY_WEIGHTS)
        self.cumulative = list(itertools.accumulate(COUNTRY_WEIGHTS.values()))
        # Quiz scores out of 7, drawn once from a normal curve and reused: cheaper than gauss().
        self.scores = [min(7, max(0, round(rng.gauss(5.3, 1.5)))) for _ in range(4096)]
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        sqlite = db.session.get_bind().dialect.name == "sqlite"
        self.clock = Clock(now, days, as_text=sqlite)
        self.next_ids = {
            table: (db.session.scalar(text(f"SELECT max(id) FROM {table}")) or 0) + 1  # noqa: S608
            for table in ORDER
        }

    def locale(self, country) -> str:
        options = LOCALES_BY_COUNTRY.get(country)
        if not options:
            return "en"
        draw = self.rng.random()
        for locale, share in options:
            draw -= share
            if draw < 0:
                return locale
        return options[-1][0]

    def batch(self, size: int) -> dict[str, list[tuple]]:
        """The rows of the next `size` participants, per table, in insertion order."""
        rows: dict[str, list[tuple]] = {table: [] for table in ORDER}
        participants, pledges, lessons, attempts = (rows[table] for table in ORDER)
        ids, rng, random_ = self.next_ids, self.rng, self.rng.random
        clock = self.clock
        hours, within, span, offset = clock.hours, clock.within, clock.span, clock.offset
        countries, cumulative, top = self.countries, self.cumulative, self.cumulative[-1]
        scores, total = self.scores, 7
        # Browser tokens are random (18 bytes, like secrets.token_urlsafe(18)), made in one go.
        tokens = base64.urlsafe_b64encode(os.urandom(18 * size)).decode()
        for n in range(size):
            country = countries[bisect.bisect(cumulative, random_() * top)]
            locale = self.locale(country)
            arrived = offset + int(random_() * span)  # seconds since the clock's start
            age = span + offset - arrived
            pid = ids["participant"]
            ids["participant"] += 1
            created = hours[arrived // 3600] + within[arrived % 3600]
            token = tokens[24 * n : 24 * n + 24]
            participants.append(
                (pid, token, country, locale, None, False, None, created, None, None, False)
            )
            # Each action happens in the first half of the time since the participant arrived.
            for item in self.pick_pledges(rng):
                moment = arrived + int(random_() * age * 0.5)
                when = hours[moment // 3600] + within[moment % 3600]
                pledges.append((ids["pledge_taken"], pid, item, country, locale, when))
                ids["pledge_taken"] += 1
            for item in self.pick_lessons(rng):
                moment = arrived + int(random_() * age * 0.5)
                when = hours[moment // 3600] + within[moment % 3600]
                lessons.append((ids["lesson_completion"], pid, item, country, locale, when))
                ids["lesson_completion"] += 1
            for item in self.pick_quizzes(rng):
                passed_once = False
                for _attempt in range(1 if random_() < 0.67 else 2):
                    score = scores[int(random_() * 4096)]
                    passed = score * 100 >= 70 * total
                    moment = arrived + int(random_() * age * 0.5)
                    attempt_id = ids["quiz_attempt"]
                    ids["quiz_attempt"] += 1
                    attempts.append(
                        (
                            attempt_id,
                            pid,
                            item,
                            f"seed{attempt_id:028x}",  # unique; real attempts use random hex
                            country,
                            locale,
                            "{}",
                            score,
                            total,
                            round(100 * score / total),
                            passed,
                            passed and not passed_once,
                            hours[moment // 3600] + within[moment % 3600],
                        )
                    )
                    passed_once = passed_once or passed
        return rows


COLUMNS = {
    "participant": (
        "id",
        "token",
        "country",
        "locale",
        "display_name",
        "show_name",
        "account_id",
        "created_at",
        "organisation_id",
        "joined_at",
        "share_name_with_org",
    ),
    "pledge_taken": ("id", "participant_id", "item_id", "country", "locale", "created_at"),
    "lesson_completion": ("id", "participant_id", "item_id", "country", "locale", "created_at"),
    "quiz_attempt": (
        "id",
        "participant_id",
        "item_id",
        "nonce",
        "country",
        "locale",
        "answers",
        "score",
        "max_score",
        "percent",
        "passed",
        "first_pass",
        "created_at",
    ),
}
ORDER = ("participant", "pledge_taken", "lesson_completion", "quiz_attempt")


def write(batches: dict[str, list[tuple]]) -> None:
    connection = db.session.connection()
    raw = connection.connection.driver_connection
    dialect = connection.dialect.name
    for table in ORDER:
        rows = batches[table]
        if not rows:
            continue
        columns = COLUMNS[table]
        if dialect == "postgresql":
            with (
                raw.cursor() as cursor,
                cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy,
            ):
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join("?" for _ in columns)
            raw.executemany(
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",  # noqa: S608
                rows,
            )
        rows.clear()


@contextmanager
def bulk_load(connection):
    """Connection settings for one big load; the schema stays as it is."""
    if connection.dialect.name != "postgresql":
        previous = connection.exec_driver_sql("PRAGMA cache_size").scalar()
        connection.exec_driver_sql(
            f"PRAGMA cache_size = {-BULK_CACHE_KIB}"
        )  # indexes stay in memory
        try:
            yield
        finally:
            connection.exec_driver_sql(f"PRAGMA cache_size = {int(previous)}")
        return
    # The rows reference only participants inserted in this transaction and existing content, so
    # where the role may (a superuser), skip the per-row foreign-key triggers. Until the commit.
    if connection.exec_driver_sql("SELECT current_setting('is_superuser')").scalar() == "on":
        connection.exec_driver_sql("SET LOCAL session_replication_role = replica")
    connection.exec_driver_sql("SET LOCAL synchronous_commit = off")
    yield


def seed(participants: int, *, days: int = 60, random_seed: int = 2023) -> dict[str, int]:
    """Add `participants` fake participants with their actions; returns rows written per table."""
    seeder = Seeder(participants, days, random.Random(random_seed))  # noqa: S311 - fake data
    written = dict.fromkeys(ORDER, 0)
    remaining = participants
    with bulk_load(db.session.connection()):
        while remaining:
            size = min(BATCH, remaining)
            rows = seeder.batch(size)
            for table in ORDER:
                written[table] += len(rows[table])
            write(rows)
            remaining -= size
    if db.session.get_bind().dialect.name == "postgresql":
        for table in ORDER:
            db.session.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"  # noqa: S608 - fixed names
                )
            )
    # Fake rows in the counts: the audit log says so, committed with them.
    audit.record(
        "demo.seed",
        "participants",
        after={"participants": participants, "days": days, "seed": random_seed, "rows": written},
    )
    db.session.commit()
    reconcile.rebuild()
    return written


def participant_count() -> int:
    return db.session.scalar(select(func.count()).select_from(Participant))
