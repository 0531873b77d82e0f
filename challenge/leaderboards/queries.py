"""Leaderboard reads: from the tally tables only, never from participation rows."""

from dataclasses import dataclass, field, replace

from flask import current_app
from sqlalchemy import func, select

from challenge.extensions import db
from challenge.leaderboards.population import per_100k
from challenge.leaderboards.privacy import suppress
from challenge.leaderboards.windows import Window
from challenge.participation.countries import QUAD, country_codes
from challenge.participation.models import DailyTally, Tally

METRICS = ("participants", "pledges", "lessons", "quiz_passes", "points")
COUNTRY_PREFIX = "country:"


@dataclass
class Figures:
    participants: int = 0
    pledges: int = 0
    lessons: int = 0
    quiz_passes: int = 0
    points: int = 0

    def as_dict(self) -> dict[str, int]:
        return {metric: getattr(self, metric) for metric in METRICS}


@dataclass
class CountryRow:
    country: str
    figures: Figures
    people: int = 0  # the people behind the figures, for the privacy threshold
    rank: int = 0

    def per_100k(self, metric: str) -> float | None:
        return per_100k(getattr(self.figures, metric), self.country)


@dataclass
class CountryBoard:
    window: Window
    rows: list[CountryRow]  # ranked
    other: Figures | None  # hidden countries together, when they are at least k people
    total: Figures
    k: int
    hidden_count: int = 0
    quad: list[CountryRow] = field(default_factory=list)


def _scoped_values(window: Window, scope_filter) -> dict[tuple[str, str], int]:
    """{(metric, scope): value} for the window: all-time tallies, or daily tallies summed."""
    if window.start is None:
        query = select(Tally.metric, Tally.scope, Tally.value).where(
            Tally.metric.in_(METRICS), scope_filter(Tally.scope)
        )
    else:
        query = (
            select(DailyTally.metric, DailyTally.scope, func.sum(DailyTally.value))
            .where(
                DailyTally.metric.in_(METRICS),
                scope_filter(DailyTally.scope),
                DailyTally.day.between(window.start, window.end),
            )
            .group_by(DailyTally.metric, DailyTally.scope)
        )
    return {(metric, scope): int(value or 0) for metric, scope, value in db.session.execute(query)}


def totals(window: Window) -> Figures:
    values = _scoped_values(window, lambda scope: scope == "all")
    return Figures(**{metric: values.get((metric, "all"), 0) for metric in METRICS})


def _country_figures(window: Window) -> dict[str, Figures]:
    # Name every country scope, so the lookups use the (metric, scope) primary key.
    scopes = [COUNTRY_PREFIX + code for code in sorted(country_codes())]
    values = _scoped_values(window, lambda scope: scope.in_(scopes))
    countries: dict[str, Figures] = {}
    for (metric, scope), value in values.items():
        code = scope[len(COUNTRY_PREFIX) :]
        if len(code) == 2:
            setattr(countries.setdefault(code, Figures()), metric, value)
    return countries


def rank(rows: list, value) -> None:
    """Standard competition ranking: equal values share a rank (1, 2, 2, 4)."""
    previous, place = None, 0
    for position, row in enumerate(rows, start=1):
        current = value(row)
        if current != previous:
            place, previous = position, current
        row.rank = place


def country_board(
    window: Window, sort: str = "points", *, name_of=lambda code: code
) -> CountryBoard:
    """Countries ranked by `sort`, each shown only when at least k people stand behind it."""
    k = current_app.config["PRIVACY_MIN_GROUP"]
    figures = _country_figures(window)
    total = totals(window)
    if window.start is None:
        people = {code: f.participants for code, f in figures.items()}
        total_people = total.participants
    else:
        # In a window, "participants" are the people who first took part in it. A country is shown
        # only if they are at least k, and so are the people before the window (or there are none),
        # so that comparing this view with the all-time one isolates no one either.
        all_time = _country_figures(Window(key="all", start=None, end=window.end))
        people = {}
        for code, f in figures.items():
            before = all_time.get(code, Figures()).participants - f.participants
            people[code] = f.participants if before == 0 or before >= k else 0
        total_people = total.participants
    rows = [CountryRow(code, f, people[code]) for code, f in figures.items()]
    kept = suppress(rows, lambda row: row.people, total_people, k)
    sort = sort if sort in METRICS else "points"
    shown = sorted(kept.shown, key=lambda row: (-getattr(row.figures, sort), name_of(row.country)))
    rank(shown, lambda row: getattr(row.figures, sort))
    other = None
    if kept.other_people:
        other = Figures(
            **{
                metric: getattr(total, metric) - sum(getattr(r.figures, metric) for r in shown)
                for metric in METRICS
            }
        )
    return CountryBoard(
        window=window,
        rows=shown,
        other=other,
        total=total,
        k=k,
        hidden_count=len(kept.hidden),
        quad=[row for code in QUAD for row in shown if row.country == code],
    )


def per_capita_rows(rows: list[CountryRow], sort: str) -> list[CountryRow]:
    """The shown countries with a population figure, ranked by `sort` per 100,000 people."""
    rows = [replace(row) for row in rows if row.per_100k(sort) is not None]
    rows.sort(key=lambda row: -row.per_100k(sort))
    rank(rows, lambda row: round(row.per_100k(sort), 2))
    return rows


def public_totals(window: Window) -> Figures | None:
    """Campaign totals, or None while too few people stand behind them (the same rule as a country)."""
    k = current_app.config["PRIVACY_MIN_GROUP"]
    total = totals(window)
    if window.start is None:
        return total if total.participants >= k else None
    before = totals(Window(key="all", start=None, end=window.end)).participants - total.participants
    return total if total.participants >= k and (before == 0 or before >= k) else None
