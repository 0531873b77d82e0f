"""Front-matter lists of entries keyed by id: a glossary's terms, a country's report channels.

Each entry is a set of `key: value` lines with a slug `id`; a translation lists the source's ids,
no more and no fewer, in the same order, so that an entry exists once and is translated in place."""

import unicodedata
from collections.abc import Callable

from challenge.content.fields import SLUG, Invalid


def start_entry(raw, noun: str, index: int, keys: tuple[str, ...]) -> tuple[dict, str]:
    """The entry as a dict with only known keys and a slug id, and how messages should name it."""
    where = f"{noun} {index + 1}"
    if not isinstance(raw, dict):
        raise Invalid(f"{where} must be a set of 'key: value' lines")
    entry = dict(raw)
    unknown = sorted(set(map(str, entry)) - set(keys))
    if unknown:
        raise Invalid(f"{where}: unknown key '{unknown[0]}'; the keys are: {', '.join(keys)}")
    if not isinstance(entry.get("id"), str) or not SLUG.match(entry["id"]):
        raise Invalid(f"{where}: 'id' must be a slug: lower-case letters, digits and hyphens")
    return entry, f"{noun} '{entry['id']}'"


def entry_text(entry: dict, key: str, where: str, limit: int, required: bool = True) -> None:
    """Check `entry[key]` is text of at most `limit` characters; store it on one line, in NFC."""
    value = entry.get(key)
    if value is None and not required:
        return
    if value is None:
        raise Invalid(f"{where}: '{key}' is missing")
    if not isinstance(value, str) or not value.strip() or len(value) > limit:
        raise Invalid(f"{where}: '{key}' must be text of at most {limit} characters")
    entry[key] = unicodedata.normalize("NFC", " ".join(value.split()))


def entry_list(value, noun: str, parse: Callable[[object, int], dict]) -> list[dict]:
    """A non-empty list of entries parsed by `parse(raw, index)`, with unique ids."""
    if not isinstance(value, list) or not value:
        raise Invalid(f"must be a list of {noun}s, each starting with '- id: ...'")
    entries = [parse(raw, index) for index, raw in enumerate(value)]
    ids = [entry["id"] for entry in entries]
    repeated = next((one for one in ids if ids.count(one) > 1), None)
    if repeated:
        raise Invalid(f"{noun} '{repeated}' is listed twice")
    return entries


def compare_ids(source, translation, field: str) -> list[tuple[int, str]]:
    """A translation's `field` lists the source's ids, no more and no fewer, in the same order."""
    source_ids = [entry["id"] for entry in source.meta[field]]
    translated_ids = [entry["id"] for entry in translation.meta[field]]
    if source_ids == translated_ids:
        return []
    missing = [one for one in source_ids if one not in translated_ids]
    extra = [one for one in translated_ids if one not in source_ids]
    parts = []
    if missing:
        parts.append("lacks " + ", ".join(missing))
    if extra:
        parts.append("has " + ", ".join(extra) + ", which the source does not")
    message = (
        f"the {field} differ from the source's: it " + "; it ".join(parts)
        if parts
        else f"the {field} are in a different order from the source's"
    )
    return [(translation.line_of(field), message)]
