"""Reads of editions: their plan and texts in the reader's language, and the lists of them
(a participant's standing in one: standing.py)."""

import datetime as dt
from dataclasses import dataclass, field

from flask import current_app

from challenge.clock import utcnow
from challenge.content.queries import Shown, published_item, published_items, source_locale
from challenge.editions import rules

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
