"""Generate realistic fake participation fast: rows go in by bulk insert (COPY on PostgreSQL), then
every tally is rebuilt from them in one pass (participation.reconcile)."""

import datetime as dt
import random
import secrets
from collections.abc import Iterator

from sqlalchemy import func, select, text

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
BATCH = 20_000


class Seeder:
    def __init__(self, participants: int, days: int, rng: random.Random):
        self.count, self.days, self.rng = participants, days, rng
        self.now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        items = db.session.execute(select(ContentItem.id, ContentItem.kind, ContentItem.data)).all()
        self.pledges = [i for i, kind, _ in items if kind == "pledge"]
        self.lessons = [i for i, kind, _ in items if kind == "lesson"]
        self.quizzes = [i for i, kind, _ in items if kind == "quiz"]
        if not (self.pledges and self.lessons and self.quizzes):
            raise RuntimeError("no content: run `flask content sync` first")
        self.countries = list(COUNTRY_WEIGHTS)
        self.weights = list(COUNTRY_WEIGHTS.values())
        self.next_ids = {
            table: (db.session.scalar(text(f"SELECT max(id) FROM {table}")) or 0) + 1  # noqa: S608
            for table in ("participant", "pledge_taken", "lesson_completion", "quiz_attempt")
        }

    def when(self, after: dt.datetime) -> dt.datetime:
        span = max(1.0, (self.now - after).total_seconds())
        return after + dt.timedelta(seconds=self.rng.random() * span * 0.5)

    def locale(self, country) -> str:
        options = LOCALES_BY_COUNTRY.get(country)
        if not options:
            return "en"
        return self.rng.choices([o[0] for o in options], [o[1] for o in options])[0]

    def rows(self) -> Iterator[tuple[str, tuple]]:
        rng = self.rng
        ids = dict(self.next_ids)
        for _ in range(self.count):
            country = rng.choices(self.countries, self.weights)[0]
            locale = self.locale(country)
            created = self.now - dt.timedelta(seconds=rng.random() * self.days * 86400)
            pid = ids["participant"]
            ids["participant"] += 1
            yield (
                "participant",
                (
                    pid,
                    secrets.token_urlsafe(18),
                    country,
                    locale,
                    None,
                    False,
                    None,
                    created,
                    None,
                    None,
                    False,
                ),
            )
            for item in rng.sample(self.pledges, rng.choice((0, 1, 1, 1, 2, 3))):
                yield (
                    "pledge_taken",
                    (ids["pledge_taken"], pid, item, country, locale, self.when(created)),
                )
                ids["pledge_taken"] += 1
            for item in rng.sample(self.lessons, rng.choice((0, 0, 1, 2, 3, 5))):
                yield (
                    "lesson_completion",
                    (ids["lesson_completion"], pid, item, country, locale, self.when(created)),
                )
                ids["lesson_completion"] += 1
            for item in rng.sample(self.quizzes, rng.choice((0, 0, 1, 1, 2))):
                passed_once = False
                for _attempt in range(rng.choice((1, 1, 2))):
                    total = 7
                    score = min(total, max(0, round(rng.gauss(5.3, 1.5))))
                    percent = round(100 * score / total)
                    passed = score * 100 >= 70 * total
                    first = passed and not passed_once
                    passed_once = passed_once or passed
                    yield (
                        "quiz_attempt",
                        (
                            ids["quiz_attempt"],
                            pid,
                            item,
                            secrets.token_hex(16),
                            country,
                            locale,
                            "{}",
                            score,
                            total,
                            percent,
                            passed,
                            first,
                            self.when(created),
                        ),
                    )
                    ids["quiz_attempt"] += 1


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


def seed(participants: int, *, days: int = 60, random_seed: int = 2023) -> dict[str, int]:
    """Add `participants` fake participants with their actions; returns rows written per table."""
    seeder = Seeder(participants, days, random.Random(random_seed))  # noqa: S311 - fake data
    batches: dict[str, list[tuple]] = {table: [] for table in ORDER}
    written = dict.fromkeys(ORDER, 0)
    pending = 0
    for table, row in seeder.rows():
        batches[table].append(row)
        written[table] += 1
        pending += 1
        if pending >= BATCH and table == "participant":
            write(batches)
            pending = 0
    write(batches)
    if db.session.get_bind().dialect.name == "postgresql":
        for table in ORDER:
            db.session.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"  # noqa: S608 - fixed names
                )
            )
    db.session.commit()
    reconcile.rebuild()
    return written


def participant_count() -> int:
    return db.session.scalar(select(func.count()).select_from(Participant))
