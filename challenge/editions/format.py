"""The edition file format (content/editions/<slug>/<locale>.md): a challenge that runs for a few
days, each day with one to three actions (docs/editions.md).

The source (en.md) holds the schedule (its default window with an IANA time zone and optional
per-country windows), the days and each action's kind; a translation repeats the days with the
same action ids in the same order and translates only their texts. Dates are kept as ISO text, so
they fit the JSON columns content is stored in.
"""

import datetime as dt
import re
import zoneinfo

from challenge.content import fields as f
from challenge.content.fields import SLUG, Invalid
from challenge.content.kinds import Kind
from challenge.content.markdown import render
from challenge.editions.format_checks import (
    TASK_TEXTS,
    compare_editions,
    references,
)

ACTION_KINDS = ("task", "lesson", "quiz", "pledge")
COUNTRY = re.compile(r"^[a-z]{2}$")
MAX_ACTIONS = 3
MAX_DAYS = 31
ACTION_KEYS = ("id", "kind", "ref", "min_score", "title", "how", "why")
TEXT_LIMITS = {"title": 120, "how": 600, "why": 400}
SOURCE_ONLY_KEYS = ("kind", "ref", "min_score")


def date(value) -> str:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise Invalid("must be a date, like 2023-04-10")
    return value.isoformat()


def time_zone(value) -> str:
    if not isinstance(value, str) or "/" not in value:
        raise Invalid("must be an IANA time zone, like Australia/Sydney")
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise Invalid(f"names no known IANA time zone: '{value}'") from None
    return value


def windows(value) -> dict:
    """Per-country windows: {country code: {starts, ends, time_zone}}."""
    if not isinstance(value, dict):
        raise Invalid("must be country codes, each with {starts, ends, time_zone}")
    cleaned = {}
    for country, window in value.items():
        if not isinstance(country, str) or not COUNTRY.match(country):
            raise Invalid(f"'{country}' is not a two-letter country code in lower case, like au")
        if not isinstance(window, dict) or set(window) != {"starts", "ends", "time_zone"}:
            raise Invalid(f"'{country}' must have exactly starts, ends and time_zone")
        try:
            cleaned[country] = {
                "starts": date(window["starts"]),
                "ends": date(window["ends"]),
                "time_zone": time_zone(window["time_zone"]),
            }
        except Invalid as error:
            raise Invalid(
                f"'{country}': {error.args[0].replace('must', 'each value must', 1)}"
            ) from None
        if cleaned[country]["ends"] < cleaned[country]["starts"]:
            raise Invalid(f"'{country}' ends before it starts")
    return cleaned


def _text(where: str, entry: dict, key: str, limit: int) -> None:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise Invalid(f"{where}: '{key}' must be text")
    value = " ".join(value.split())
    if len(value) > limit:
        raise Invalid(f"{where}: '{key}' must be at most {limit} characters (it has {len(value)})")
    entry[key] = value


def _action(raw, day_number: int, position: int) -> dict:
    where = f"day {day_number}, action {position}"
    if not isinstance(raw, dict):
        raise Invalid(f"{where} must be a set of 'key: value' lines")
    action = dict(raw)
    unknown = sorted(set(map(str, action)) - set(ACTION_KEYS))
    if unknown:
        raise Invalid(
            f"{where}: unknown key '{unknown[0]}'; the keys are: {', '.join(ACTION_KEYS)}"
        )
    if not isinstance(action.get("id"), str) or not SLUG.match(action["id"]):
        raise Invalid(f"{where}: 'id' must be a slug: lower-case letters, digits and hyphens")
    where = f"day {day_number}, action '{action['id']}'"
    for key in TASK_TEXTS:
        if key in action:
            _text(where, action, key, TEXT_LIMITS[key])
    return action


def days(value) -> list[dict]:
    """The days, each {title, actions}; which keys an action needs depends on the file's role
    and its kind, and is checked by check_meta."""
    if not isinstance(value, list) or not value:
        raise Invalid("must be a list of days, each with a title and its actions")
    if len(value) > MAX_DAYS:
        raise Invalid(f"must have at most {MAX_DAYS} days")
    cleaned = []
    for number, raw in enumerate(value, start=1):
        if not isinstance(raw, dict) or set(raw) - {"title", "actions"}:
            raise Invalid(f"day {number} must have a 'title' and 'actions', nothing else")
        day = dict(raw)
        _text(f"day {number}", day, "title", 120)
        actions = day.get("actions")
        if not isinstance(actions, list) or not 1 <= len(actions) <= MAX_ACTIONS:
            raise Invalid(f"day {number} must have 1 to {MAX_ACTIONS} actions")
        day["actions"] = [
            _action(action, number, position) for position, action in enumerate(actions, start=1)
        ]
        cleaned.append(day)
    return cleaned


def window_length(starts: str, ends: str) -> int:
    return (dt.date.fromisoformat(ends) - dt.date.fromisoformat(starts)).days + 1


def _source_action_problems(action: dict, where: str) -> list[str]:
    kind = action.get("kind")
    if kind not in ACTION_KINDS:
        return [f"{where}: 'kind' must be one of: {', '.join(ACTION_KINDS)}"]
    problems = []
    if kind == "task":
        problems += [f"{where}: a task needs '{key}'" for key in TASK_TEXTS if key not in action]
        problems += [
            f"{where}: a task has no '{key}'" for key in ("ref", "min_score") if key in action
        ]
    else:
        if not isinstance(action.get("ref"), str) or not SLUG.match(action["ref"]):
            problems.append(f"{where}: a {kind} action needs 'ref', the slug of the {kind}")
        problems += [
            f"{where}: a {kind} action takes the {kind}'s own title; leave out '{key}'"
            for key in TASK_TEXTS
            if key in action
        ]
        score = action.get("min_score")
        if score is not None and kind != "quiz":
            problems.append(f"{where}: only a quiz action has 'min_score'")
        elif score is not None and (
            isinstance(score, bool) or not isinstance(score, int) or not 1 <= score <= 100
        ):
            problems.append(f"{where}: 'min_score' must be a whole number from 1 to 100")
    return problems


def check_meta(meta: dict, is_source: bool) -> list[tuple[str, str]]:
    """The checks that need several fields, or the file's role (source or translation)."""
    problems: list[tuple[str, str]] = []
    seen: set[str] = set()
    for number, day in enumerate(meta["days"], start=1):
        for action in day["actions"]:
            where = f"day {number}, action '{action['id']}'"
            if action["id"] in seen:
                problems.append(("days", f"{where}: the id is used twice in this edition"))
            seen.add(action["id"])
            if is_source:
                problems += [
                    ("days", message) for message in _source_action_problems(action, where)
                ]
            else:
                problems += [
                    ("days", f"{where}: '{key}' belongs in the source file only")
                    for key in SOURCE_ONLY_KEYS
                    if key in action
                ]
    if not is_source:
        return problems
    if meta["ends"] < meta["starts"]:
        return [*problems, ("ends", "'ends' is before 'starts'")]
    length = window_length(meta["starts"], meta["ends"])
    if len(meta["days"]) != length:
        problems.append(
            (
                "days",
                f"{len(meta['days'])} days, but the window from {meta['starts']} to {meta['ends']} has {length}",
            )
        )
    for country, window in meta["windows"].items():
        if window_length(window["starts"], window["ends"]) != length:
            problems.append(
                (
                    "windows",
                    f"the window of '{country}' is not {length} days long like the default window",
                )
            )
    complete_after = meta.get("complete_after")
    if complete_after is not None and complete_after > len(meta["days"]):
        problems.append(
            ("complete_after", f"'complete_after' is more than the {len(meta['days'])} days")
        )
    return problems


def read_edition(document, media_prefix: str):
    """The introduction (the body) rendered; the days stay in the front matter."""
    rendered = render(document.body, base_line=document.body_line, media_prefix=media_prefix)
    return rendered, {}


EDITION = Kind(
    name="edition",
    folder="editions",
    fields=(
        *f.COMMON_FIELDS,
        f.ORDER,
        f.Field("theme", f.text(120)),
        f.Field("starts", date, where=f.SOURCE),
        f.Field("ends", date, where=f.SOURCE),
        f.Field("time_zone", time_zone, where=f.SOURCE),
        f.Field("windows", windows, where=f.SOURCE, required=False, default={}),
        f.Field("complete_after", f.whole_number(1, MAX_DAYS), where=f.SOURCE, required=False),
        f.Field("days", days),
    ),
    read_body=read_edition,
    compare=compare_editions,
    check_meta=check_meta,
    nested_references=references,
    position=35,
)
