"""Front-matter fields: where each may appear, and how its value is checked."""

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
TAG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
STATUSES = ("draft", "published")

SOURCE = "source"
TRANSLATION = "translation"
BOTH = "both"


class Invalid(ValueError):
    """A field's value is not acceptable; the message says what is expected."""


Check = Callable[[Any], Any]


@dataclass(frozen=True)
class Field:
    name: str
    check: Check
    where: str = BOTH
    required: bool = True
    default: Any = None


def text(max_length: int) -> Check:
    def check(value):
        if not isinstance(value, str) or not value.strip():
            raise Invalid("must be text")
        value = " ".join(value.split())
        if len(value) > max_length:
            raise Invalid(f"must be at most {max_length} characters (it has {len(value)})")
        return value

    return check


def whole_number(low: int, high: int) -> Check:
    def check(value):
        if isinstance(value, bool) or not isinstance(value, int):
            raise Invalid(f"must be a whole number from {low} to {high}")
        if not low <= value <= high:
            raise Invalid(f"must be from {low} to {high}")
        return value

    return check


def choice(*options: str) -> Check:
    def check(value):
        if value not in options:
            raise Invalid("must be one of: " + ", ".join(options))
        return value

    return check


def boolean(value):
    if not isinstance(value, bool):
        raise Invalid("must be true or false")
    return value


def slug(value):
    if not isinstance(value, str) or not SLUG.match(value):
        raise Invalid("must be a slug: lower-case letters, digits and single hyphens")
    return value


def tags(value):
    if not isinstance(value, list) or not all(
        isinstance(tag, str) and TAG.match(tag) for tag in value
    ):
        raise Invalid("must be a list of lower-case words, like [phishing, scams]")
    return list(dict.fromkeys(value))


def lines(max_items: int, max_length: int) -> Check:
    line = text(max_length)

    def check(value):
        if not isinstance(value, list) or not value:
            raise Invalid("must be a list of lines, each starting with '- '")
        if len(value) > max_items:
            raise Invalid(f"must have at most {max_items} lines")
        return [line(item) for item in value]

    return check


def moment(value):
    """A date (midnight UTC) or a date-time with a timezone; stored as naive UTC."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            raise Invalid("a date-time needs a timezone, like 2026-04-10T09:00:00+05:30")
        return value.astimezone(dt.UTC).replace(tzinfo=None)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    raise Invalid("must be a date (2026-04-10) or a date-time with a timezone")


COMMON_FIELDS = (
    Field("title", text(120)),
    Field("summary", text(300)),
    Field("status", choice(*STATUSES)),
    Field("version", whole_number(1, 1_000_000), where=SOURCE),
    Field("source_version", whole_number(1, 1_000_000), where=TRANSLATION),
    Field("tags", tags, where=SOURCE, required=False, default=[]),
    Field("publish_date", moment, where=SOURCE, required=False),
)
ORDER = Field("order", whole_number(0, 100_000), where=SOURCE)
MINUTES = Field("minutes", whole_number(1, 120), where=SOURCE)


def validate(
    meta: dict, fields: tuple[Field, ...], is_source: bool, source_name: str
) -> tuple[dict, list[tuple[str, str]]]:
    """Clean values and (field name, message) problems for one file's front matter."""
    by_name = {field.name: field for field in fields}
    role = SOURCE if is_source else TRANSLATION
    cleaned: dict[str, Any] = {}
    problems: list[tuple[str, str]] = []
    for name, value in meta.items():
        field = by_name.get(name)
        if field is None:
            known = ", ".join(f.name for f in fields if f.where in (BOTH, role))
            problems.append((name, f"unknown field '{name}'; the fields are: {known}"))
        elif field.where not in (BOTH, role):
            where = (
                f"the source file ({source_name}) only"
                if is_source is False
                else "translations only"
            )
            problems.append((name, f"'{name}' belongs in {where}"))
        else:
            try:
                cleaned[name] = field.check(value)
            except Invalid as error:
                problems.append((name, f"'{name}' {error}"))
    for field in fields:
        if field.where not in (BOTH, role) or field.name in cleaned:
            continue
        if field.required and field.name not in meta:
            problems.append(("", f"'{field.name}' is missing"))
        elif not field.required:
            cleaned[field.name] = field.default
    return cleaned, problems
