"""The figures of one organisation, read from its tallies: for the dashboard, the CSV and the public page.

Everything is read by key (all-time tallies and at most 90 daily rows), never by counting rows,
except the names of members who agreed to show them to the admins and the number of quiz takers.

Small groups: what members have done is shown only once at least PRIVACY_MIN_GROUP people have
joined, and quiz results only once that many members have taken a quiz, so that an admin cannot read
one person's actions or score from a group of one (docs/privacy.md).
"""

import datetime as dt
from dataclasses import dataclass, field

from flask import current_app
from sqlalchemy import func, select

from challenge.clock import utcnow
from challenge.content.queries import Shown, published_items
from challenge.extensions import db
from challenge.moderation.names import display_name_not_hidden
from challenge.participation import tallies
from challenge.participation.models import DailyTally, Participant
from challenge.participation.organisations import Organisation
from challenge.participation.registry import people_behind

CHART_DAYS = 90
DAILY_METRICS = ("participants", "pledges", "lessons", "quiz_attempts")
NAMES_SHOWN = 200


@dataclass(frozen=True)
class ItemCount:
    shown: Shown
    count: int


@dataclass(frozen=True)
class Day:
    day: dt.date
    members: int  # joined that day (and still members)
    pledges: int
    lessons: int
    quiz_attempts: int

    @property
    def actions(self) -> int:
        return self.pledges + self.lessons + self.quiz_attempts


@dataclass
class Figures:
    members: int
    headcount: int
    pledges: int
    lessons: int
    quiz_attempts: int
    quiz_attempts_passed: int
    quiz_score_sum: int
    quiz_passes: int
    goal_percent: int | None = None
    pledge_counts: list[ItemCount] = field(default_factory=list)
    lesson_counts: list[ItemCount] = field(default_factory=list)
    days: list[Day] = field(default_factory=list)
    names: list[tuple[str, dt.datetime]] = field(default_factory=list)
    names_total: int = 0
    activity_shown: bool = True  # False: too few members for their actions to be shown
    quiz_results_shown: bool = True  # False: too few quiz takers for a pass rate or average

    @property
    def rate(self) -> float:
        """Members as a share of the declared headcount (may pass 1 if the headcount is low)."""
        return self.members / self.headcount if self.headcount else 0.0

    @property
    def pass_rate(self) -> float | None:
        if not (self.quiz_results_shown and self.quiz_attempts):
            return None
        return self.quiz_attempts_passed / self.quiz_attempts

    @property
    def average_score(self) -> float | None:
        """The mean quiz score as a fraction (0-1)."""
        if not (self.quiz_results_shown and self.quiz_attempts):
            return None
        return self.quiz_score_sum / self.quiz_attempts / 100

    @property
    def goal_progress(self) -> float | None:
        """How far the participation rate is towards the goal, capped at 1."""
        if not self.goal_percent:
            return None
        return min(1.0, self.rate / (self.goal_percent / 100))


def totals(organisation: Organisation) -> Figures:
    """The all-time figures, read from the tallies: one query per metric."""
    scope = tallies.organisation_scope(organisation.id)
    read = {
        metric: tallies.read_one(metric, scope)
        for metric in (
            "participants",
            "pledges",
            "lessons",
            "quiz_attempts",
            "quiz_attempts_passed",
            "quiz_score_percent",
            "quiz_passes",
        )
    }
    return Figures(
        members=read["participants"],
        headcount=organisation.headcount,
        pledges=read["pledges"],
        lessons=read["lessons"],
        quiz_attempts=read["quiz_attempts"],
        quiz_attempts_passed=read["quiz_attempts_passed"],
        quiz_score_sum=read["quiz_score_percent"],
        quiz_passes=read["quiz_passes"],
        goal_percent=organisation.goal_percent,
    )


def item_counts(organisation: Organisation, kind: str, metric: str, locale: str):
    scope = tallies.organisation_scope(organisation.id)
    items = published_items(kind, locale)
    scopes = {
        shown.item.id: f"{scope}:{tallies.item_scope(kind, shown.item.id)}" for shown in items
    }
    counts = tallies.read(metric, list(scopes.values()))
    return [ItemCount(shown, counts[scopes[shown.item.id]]) for shown in items]


def daily(organisation: Organisation, today: dt.date | None = None) -> list[Day]:
    """Every day from the organisation's start (or its members' first activity), at most 90."""
    scope = tallies.organisation_scope(organisation.id)
    today = today or utcnow().date()
    first = db.session.scalar(
        select(func.min(DailyTally.day)).where(
            DailyTally.metric.in_(DAILY_METRICS), DailyTally.scope == scope
        )
    )
    start = min(filter(None, (organisation.created_at.date(), first)))
    start = max(start, today - dt.timedelta(days=CHART_DAYS - 1))
    values: dict[tuple[dt.date, str], int] = {}
    for metric, day, value in db.session.execute(
        select(DailyTally.metric, DailyTally.day, DailyTally.value).where(
            DailyTally.metric.in_(DAILY_METRICS),
            DailyTally.scope == scope,
            DailyTally.day >= start,
            DailyTally.day <= today,
        )
    ):
        values[(day, metric)] = value
    days = [start + dt.timedelta(days=n) for n in range((today - start).days + 1)]
    return [Day(day, *(values.get((day, metric), 0) for metric in DAILY_METRICS)) for day in days]


def shared_names(organisation: Organisation, limit: int | None = NAMES_SHOWN):
    """Members who agreed to show their display name to the admins: (names, how many agreed)."""

    agreed = (
        Participant.organisation_id == organisation.id,
        Participant.share_name_with_org.is_(True),
        Participant.display_name.is_not(None),
        display_name_not_hidden(),  # a name moderators hid is shown to no one else
    )
    total = db.session.scalar(select(func.count()).select_from(Participant).where(*agreed))
    query = select(Participant.display_name, Participant.joined_at).where(*agreed)
    rows = db.session.execute(query.order_by(Participant.display_name, Participant.id).limit(limit))
    return [(name, joined) for name, joined in rows], total


def dashboard(
    organisation: Organisation,
    locale: str,
    *,
    with_names: bool,
    names_limit: int | None = NAMES_SHOWN,
) -> Figures:
    figures = totals(organisation)
    smallest = current_app.config["PRIVACY_MIN_GROUP"]
    figures.activity_shown = figures.members >= smallest
    figures.quiz_results_shown = (
        figures.activity_shown and people_behind("quiz", organisation.id) >= smallest
    )
    if figures.activity_shown:
        figures.pledge_counts = item_counts(organisation, "pledge", "pledges", locale)
        figures.lesson_counts = item_counts(organisation, "lesson", "lessons", locale)
        figures.days = daily(organisation)
    else:
        # Zeroed as well as flagged, so a page or file that forgot the flag still shows nothing.
        figures.pledges = figures.lessons = figures.quiz_attempts = figures.quiz_passes = 0
    if not figures.quiz_results_shown:
        figures.quiz_attempts_passed = figures.quiz_score_sum = 0
    if with_names:
        figures.names, figures.names_total = shared_names(organisation, names_limit)
    return figures


def public_figures(organisation: Organisation) -> Figures | None:
    """The totals, only once enough people have joined that no one stands out."""
    figures = totals(organisation)
    if figures.members < current_app.config["PRIVACY_MIN_GROUP"]:
        return None
    return figures
