"""The organisation leaderboard: verified organisations, ranked fairly within size brackets.
An organisation whose name moderators have not approved keeps its rank, without name or slug.

Members and points come from the organisation tallies (scope "org:<id>"), joined by key, so the
ranking is one indexed query however many people take part.
"""

from dataclasses import dataclass

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import Float, String, and_, cast, func, literal, select

from challenge.extensions import db
from challenge.leaderboards.windows import Window
from challenge.moderation.names import public_organisation_columns
from challenge.participation.models import DailyTally, Tally
from challenge.participation.organisations import Organisation

# Declared headcount brackets: organisations compete with others of their size.
BRACKETS = {
    "1-49": (1, 49),
    "50-249": (50, 249),
    "250-999": (250, 999),
    "1000+": (1000, None),
}
BRACKET_LABELS = {
    "1-49": _l("1–49 people"),
    "50-249": _l("50–249 people"),
    "250-999": _l("250–999 people"),
    "1000+": _l("1,000 people or more"),
}
RANKINGS = {
    "rate": _l("Participation rate"),
    "points": _l("Average points per member"),
}
PAGE_SIZE = 25


@dataclass(frozen=True)
class OrganisationRow:
    rank: int
    slug: str | None  # None, like the name, while moderators have not approved the name
    name: str | None
    country: str
    sector: str
    headcount: int
    members: int
    points: int

    @property
    def rate(self) -> float:
        return self.members / self.headcount

    @property
    def points_per_member(self) -> float:
        return self.points / self.members if self.members else 0.0


@dataclass(frozen=True)
class OrganisationBoard:
    window: Window
    bracket: str
    ranking: str
    rows: list[OrganisationRow]
    page: int
    pages: int
    total: int
    k: int


def _metric(metric: str, window: Window):
    """A correlated value of one organisation tally, all time or summed over the window."""
    scope = literal("org:") + cast(Organisation.id, String)
    if window.start is None:
        return (
            select(Tally.value)
            .where(Tally.metric == metric, Tally.scope == scope)
            .scalar_subquery()
        )
    return (
        select(func.coalesce(func.sum(DailyTally.value), 0))
        .where(
            DailyTally.metric == metric,
            DailyTally.scope == scope,
            DailyTally.day.between(window.start, window.end),
        )
        .scalar_subquery()
    )


def organisation_board(
    window: Window,
    *,
    bracket: str = "1-49",
    ranking: str = "rate",
    country: str | None = None,
    sector: str | None = None,
    page: int = 1,
) -> OrganisationBoard:
    k = current_app.config["PRIVACY_MIN_GROUP"]
    low, high = BRACKETS[bracket]
    # Members are counted all time for the threshold: a small organisation never shows up.
    all_members = func.coalesce(_metric("participants", Window("all", None, window.end)), 0)
    members = func.coalesce(_metric("participants", window), 0)
    points = func.coalesce(_metric("points", window), 0)
    conditions = [Organisation.verified_at.is_not(None), Organisation.headcount >= low]
    if high is not None:
        conditions.append(Organisation.headcount <= high)
    if country:
        conditions.append(Organisation.country == country)
    if sector:
        conditions.append(Organisation.sector == sector)
    if ranking == "points":
        score = cast(points, Float) / func.nullif(cast(all_members, Float), 0)
    else:
        score = cast(members, Float) / cast(Organisation.headcount, Float)
    public_name, public_slug = public_organisation_columns()
    inner = (
        select(
            Organisation.id,
            public_slug.label("slug"),
            public_name.label("name"),
            Organisation.country,
            Organisation.sector,
            Organisation.headcount,
            members.label("members"),
            points.label("points"),
            all_members.label("all_members"),
            score.label("score"),
        )
        .where(and_(*conditions))
        .subquery()
    )
    eligible = select(inner).where(inner.c.all_members >= k).subquery()
    ordered = select(
        eligible,
        func.rank().over(order_by=func.coalesce(eligible.c.score, 0).desc()).label("rank"),
    ).subquery()
    total = db.session.scalar(select(func.count()).select_from(ordered)) or 0
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(page, 1), pages)
    rows = db.session.execute(
        select(ordered)
        .order_by(ordered.c.rank, ordered.c.name.is_(None), ordered.c.name, ordered.c.id)
        .limit(PAGE_SIZE)
        .offset((page - 1) * PAGE_SIZE)
    ).mappings()
    return OrganisationBoard(
        window=window,
        bracket=bracket,
        ranking=ranking,
        rows=[
            OrganisationRow(
                rank=int(row["rank"]),
                slug=row["slug"],
                name=row["name"],
                country=row["country"],
                sector=row["sector"],
                headcount=row["headcount"],
                members=int(row["members"]),
                points=int(row["points"]),
            )
            for row in rows
        ],
        page=page,
        pages=pages,
        total=total,
        k=k,
    )
