"""The channels file format (content/channels/<country>/<locale>.md): where to report and get help.

The source (en.md) lists every channel with its facts: what it is for, its official address and
phone numbers, whether it is an emergency number, and the day someone last checked it against
the official source. A translation lists the same channels, by id and in the same order, with
only the words translated (name, what it is for, hours): a number or address exists once."""

import datetime as dt
import re

from challenge.content import directives
from challenge.content import fields as f
from challenge.content.entries import compare_ids, entry_list, entry_text, start_entry
from challenge.content.fields import Invalid
from challenge.content.kinds import Kind
from challenge.content.markdown import render
from challenge.help.situations import SITUATION_IDS

GENERAL = "other"  # the folder for visitors outside the countries that have one
COUNTRY_FOLDER = re.compile(r"^[a-z]{2}$")
PHONE = re.compile(r"^\+?[0-9#*][0-9 #*-]{1,19}$")
TRANSLATED = ("id", "name", "for", "hours")
SOURCE_ONLY = ("situations", "url", "phone", "emergency", "last_checked")
KEYS = TRANSLATED + SOURCE_ONLY


def check_channels_directive(situation: str) -> str | None:
    """`{{channels: SITUATION}}` in a lesson: the visitor's country's channels for SITUATION."""
    if situation in SITUATION_IDS:
        return None
    return f"'{{{{channels: {situation}}}}}' names no situation; the situations are: " + ", ".join(
        SITUATION_IDS
    )


directives.define("channels", check_channels_directive)


def _entry(raw, index: int) -> dict:
    entry, where = start_entry(raw, "channel", index, KEYS)
    entry_text(entry, "name", where, 120)
    entry_text(entry, "for", where, 400)
    entry_text(entry, "hours", where, 120, required=False)
    url = entry.get("url")
    if url is not None and (not isinstance(url, str) or not url.startswith("https://")):
        raise Invalid(f"{where}: 'url' must be an https:// address")
    phones = entry.get("phone")
    if phones is not None:
        if isinstance(phones, str | int):
            phones = [phones]
        if not isinstance(phones, list) or not all(
            isinstance(phone, str) and PHONE.match(phone) for phone in phones
        ):
            raise Invalid(
                f"{where}: 'phone' must be a number or a list of numbers in quotes, "
                'digits, spaces, hyphens, # and + only, like "1300 292 371"'
            )
        entry["phone"] = phones
    if "emergency" in entry and not isinstance(entry["emergency"], bool):
        raise Invalid(f"{where}: 'emergency' must be true or false")
    situations = entry.get("situations")
    if situations is not None and (
        not isinstance(situations, list)
        or not situations
        or not all(situation in SITUATION_IDS for situation in situations)
    ):
        raise Invalid(f"{where}: 'situations' must be a list from: {', '.join(SITUATION_IDS)}")
    checked = entry.get("last_checked")
    if checked is not None:
        if not isinstance(checked, dt.date) or isinstance(checked, dt.datetime):
            raise Invalid(f"{where}: 'last_checked' must be a date, like 2026-12-07")
        entry["last_checked"] = checked.isoformat()  # stored as JSON
    return entry


def channels(value) -> list[dict]:
    """The `channels` front-matter field: a list of entries with unique ids."""
    return entry_list(value, "channel", _entry)


def check_meta(meta: dict, is_source: bool) -> list[tuple[str, str]]:
    """What a source entry must state, and what only the source may state."""
    problems = []
    for entry in meta.get("channels") or []:
        where = f"channel '{entry['id']}'"
        if is_source:
            if not entry.get("situations"):
                problems.append(("channels", f"{where}: 'situations' is missing"))
            if not entry.get("last_checked"):
                problems.append(
                    ("channels", f"{where}: 'last_checked' is missing: the day you checked it")
                )
        else:
            for key in SOURCE_ONLY:
                if key in entry:
                    problems.append(
                        ("channels", f"{where}: '{key}' belongs in the source file only")
                    )
    return problems


def read_channels(document, media_prefix: str):
    rendered = render(document.body, base_line=document.body_line, media_prefix=media_prefix)
    return rendered, {}


def compare_channels(source, translation) -> list[tuple[int, str]]:
    return compare_ids(source, translation, "channels")


def months_before(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, candidate)
        except ValueError:
            continue
    raise ValueError(day)


def check_age(content_file, today: dt.date, config) -> list[tuple[int, str]]:
    """Entries last checked longer ago than CHANNELS_MAX_AGE_MONTHS: someone must check them again."""
    months = int(config["CHANNELS_MAX_AGE_MONTHS"])
    oldest = months_before(today, months)
    problems = []
    for entry in content_file.meta.get("channels") or []:
        checked = entry.get("last_checked")
        if checked and dt.date.fromisoformat(checked) < oldest:
            problems.append(
                (
                    content_file.line_of("channels"),
                    f"channel '{entry['id']}' was last checked on {checked}, more than "
                    f"{months} months ago: check it against the official source and update "
                    "'last_checked'",
                )
            )
    return problems


CHANNELS = Kind(
    name="channels",
    folder="channels",
    fields=(*f.COMMON_FIELDS, f.Field("channels", channels)),
    read_body=read_channels,
    compare=compare_channels,
    check_meta=check_meta,
    check_age=check_age,
    position=50,
)
