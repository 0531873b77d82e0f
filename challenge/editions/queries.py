"""Reads of editions: their plan and texts in the reader's language, and a participant's progress."""

import datetime as dt
from dataclasses import dataclass, field

from flask import current_app
from sqlalchemy import select

from challenge.clock import utcnow
from challenge.content.queries import Shown, published_item, published_items, source_locale
from challenge.editions import rules
from challenge.editions.models import EditionCheckIn
from challenge.extensions import db

KIND = "edition"


@dataclass(frozen=True)
class Action:
    id: str
    kind: str  # task, lesson, quiz or pledge
    day_index: int
    title: str | None  # a task's; lesson, quiz and pledge actions show their item's title
    how: str | None
    why: str | None
    ref: str | None
    min_score: int | None
    lang: str  # the language the texts are in

    @property
    def is_task(self) -> bool:
        return self.kind == "task"


@dataclass(frozen=True)
class Day:
    index: int
    title: str
    actions: tuple[Action, ...]
    lang: str

    @property
    def number(self) -> int:
        return self.index + 1


@dataclass(frozen=True)
class Edition:
    shown: Shown  # in the reader's language, or the source's
    plan: rules.Plan
    days: tuple[Day, ...]

    @property
    def item_id(self) -> int:
        return self.shown.item.id

    @property
    def slug(self) -> str:
        return self.shown.slug

    @property
    def title(self) -> str:
        return self.shown.title

    @property
    def theme(self) -> str:
        return self.shown.data.get("theme", "")

    def action(self, action_id: str) -> Action | None:
        return next(
            (action for day in self.days for action in day.actions if action.id == action_id), None
        )


def _window(data: dict) -> rules.Window:
    return rules.Window(
        dt.date.fromisoformat(data["starts"]),
        dt.date.fromisoformat(data["ends"]),
        data["time_zone"],
    )


def _demo_shift(window: rules.Window, now: dt.datetime) -> rules.Window:
    """The window moved to start yesterday in its own zone: a demo edition is always running."""
    yesterday = rules.local_date(window, now) - dt.timedelta(days=1)
    return window.shifted((yesterday - window.starts).days)


def plan_of(
    item_data: dict, slug: str, day_count: int, now: dt.datetime | None = None
) -> rules.Plan:
    default = _window(item_data)
    windows = {country: _window(window) for country, window in item_data.get("windows", {}).items()}
    if slug == current_app.config.get("DEMO_RUNNING_EDITION"):
        now = now or utcnow()
        default = _demo_shift(default, now)
        windows = {country: _demo_shift(window, now) for country, window in windows.items()}
    return rules.Plan(
        default=default,
        windows=windows,
        actions_per_day=(),
        complete_after=item_data.get("complete_after") or day_count,
    )


def build(source: Shown, shown: Shown, now: dt.datetime | None = None) -> Edition:
    """An edition from its source (the schedule and kinds) and its reader's translation (texts)."""
    source_days = source.translation.data["days"]
    translated = shown.translation.data.get("days", source_days)
    if [[a["id"] for a in d["actions"]] for d in translated] != [
        [a["id"] for a in d["actions"]] for d in source_days
    ]:
        translated = source_days  # a translation out of step is never mixed in
    lang = shown.locale if translated is not source_days else source.locale
    days = []
    for index, (day, words) in enumerate(zip(source_days, translated, strict=False)):
        actions = tuple(
            Action(
                id=action["id"],
                kind=action["kind"],
                day_index=index,
                title=text.get("title"),
                how=text.get("how"),
                why=text.get("why"),
                ref=action.get("ref"),
                min_score=action.get("min_score"),
                lang=lang,
            )
            for action, text in zip(day["actions"], words["actions"], strict=False)
        )
        days.append(Day(index, words["title"], actions, lang))
    plan = plan_of(source.item.data, source.slug, len(days), now)
    plan = rules.Plan(
        plan.default,
        plan.windows,
        tuple(len(day.actions) for day in days),
        plan.complete_after,
    )
    return Edition(shown, plan, tuple(days))


def edition(slug: str, locale: str, now: dt.datetime | None = None) -> Edition | None:
    shown = published_item(KIND, slug, locale)
    if shown is None:
        return None
    source = (
        shown if shown.locale == source_locale() else published_item(KIND, slug, source_locale())
    )
    return build(source, shown, now) if source else None


def editions(locale: str, now: dt.datetime | None = None) -> list[Edition]:
    """Every published edition, in order, without bodies."""
    shown = {entry.slug: entry for entry in published_items(KIND, locale)}
    sources = {entry.slug: entry for entry in published_items(KIND, source_locale())}
    return [build(sources[slug], entry, now) for slug, entry in shown.items() if slug in sources]


def participant_country(participant) -> str | None:
    return participant.country if participant is not None else None


@dataclass
class Listing:
    current: list[tuple[Edition, rules.Window]] = field(default_factory=list)
    upcoming: list[tuple[Edition, rules.Window]] = field(default_factory=list)
    past: list[tuple[Edition, rules.Window]] = field(default_factory=list)


def listing(locale: str, country: str | None, now: dt.datetime | None = None) -> Listing:
    """Editions by where they stand in the visitor's window; upcoming soonest first, past latest first."""
    now = now or utcnow()
    found = Listing()
    for entry in editions(locale, now):
        window = rules.window_for(entry.plan, country)
        phase = rules.phase(window, rules.local_date(window, now))
        {rules.RUNNING: found.current, rules.UPCOMING: found.upcoming, rules.ENDED: found.past}[
            phase
        ].append((entry, window))
    found.upcoming.sort(key=lambda pair: pair[1].starts)
    found.past.sort(key=lambda pair: pair[1].starts, reverse=True)
    return found


@dataclass(frozen=True)
class CheckIn:
    action_id: str
    day_index: int
    created_at: dt.datetime


@dataclass(frozen=True)
class Completion:
    """A participant's finishing of an edition: what a certificate states."""

    participant_id: int
    edition_item_id: int
    edition_slug: str
    completed_at: dt.datetime  # naive UTC: the check-in that finished it

    def local_date(self, window: rules.Window) -> dt.date:
        return rules.local_date(window, self.completed_at)


def check_ins(participant, item_id: int) -> dict[str, CheckIn]:
    if participant is None or participant.id is None:
        return {}
    rows = db.session.execute(
        select(EditionCheckIn.action_id, EditionCheckIn.day_index, EditionCheckIn.created_at).where(
            EditionCheckIn.participant_id == participant.id, EditionCheckIn.item_id == item_id
        )
    )
    return {action_id: CheckIn(action_id, index, at) for action_id, index, at in rows}


def completion_of(
    plan: rules.Plan, done: dict[str, CheckIn], participant_id: int, item_id: int, slug: str
) -> Completion | None:
    moment = rules.completion_moment(plan, [(c.day_index, c.created_at) for c in done.values()])
    return Completion(participant_id, item_id, slug, moment) if moment else None


def completion(participant, entry: Edition) -> Completion | None:
    """When (and whether) the participant finished the edition."""
    if participant is None:
        return None
    done = check_ins(participant, entry.item_id)
    return completion_of(entry.plan, done, participant.id, entry.item_id, entry.slug)


@dataclass(frozen=True)
class Progress:
    edition: Edition
    window: rules.Window
    today: dt.date  # the participant's local date in their window
    phase: str
    today_index: int  # rules.day_index: may lie before or after the days
    open_days: range
    done: dict[str, CheckIn]
    completed_days: set[int]
    streak: int
    points: int
    completion: Completion | None

    @property
    def actions_done(self) -> int:
        return len(self.done)

    @property
    def actions_total(self) -> int:
        return sum(self.edition.plan.actions_per_day)

    @property
    def percent(self) -> int:
        return round(100 * self.actions_done / self.actions_total) if self.actions_total else 0

    @property
    def days_left_to_finish(self) -> int:
        return max(0, self.edition.plan.complete_after - len(self.completed_days))

    @property
    def is_running(self) -> bool:
        return self.phase == rules.RUNNING

    def date_of(self, index: int) -> dt.date:
        return self.window.starts + dt.timedelta(days=index)

    def is_done(self, action: Action) -> bool:
        return action.id in self.done

    def is_open(self, index: int) -> bool:
        return index in self.open_days

    def next_action(self) -> Action | None:
        """The first open action not done yet: today's first, then any missed day's."""
        ordered = sorted(self.open_days, key=lambda index: (index != self.today_index, index))
        for index in ordered:
            for action in self.edition.days[index].actions:
                if action.id not in self.done:
                    return action
        return None


def progress(
    participant, entry: Edition, now: dt.datetime | None = None, *, country: str | None = None
) -> Progress:
    """Where the participant (None for a visitor yet to act) stands in the edition; `country`
    stands in for theirs until they have given one (the country on the form being sent)."""
    now = now or utcnow()
    window = rules.window_for(entry.plan, participant_country(participant) or country)
    today = rules.local_date(window, now)
    done = check_ins(participant, entry.item_id)
    per_day: dict[int, int] = {}
    for check_in in done.values():
        per_day[check_in.day_index] = per_day.get(check_in.day_index, 0) + 1
    completed = rules.completed_days(entry.plan, per_day)
    return Progress(
        edition=entry,
        window=window,
        today=today,
        phase=rules.phase(window, today),
        today_index=rules.day_index(window, today),
        open_days=rules.open_days(window, today),
        done=done,
        completed_days=completed,
        streak=rules.streak(entry.plan, window, today, completed),
        points=rules.points(entry.plan, per_day),
        completion=(
            completion_of(entry.plan, done, participant.id, entry.item_id, entry.slug)
            if participant is not None
            else None
        ),
    )


def participant_editions(
    participant, locale: str, now: dt.datetime | None = None
) -> list[Progress]:
    """The participant's progress in every running edition and every other one they took part in."""
    if participant is None:
        return []
    taken = set(
        db.session.scalars(
            select(EditionCheckIn.item_id)
            .where(EditionCheckIn.participant_id == participant.id)
            .distinct()
        )
    )
    found = []
    for entry in editions(locale, now):
        standing = progress(participant, entry, now)
        if standing.is_running or entry.item_id in taken:
            found.append(standing)
    return found
