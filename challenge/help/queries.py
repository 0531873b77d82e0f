"""Reads for the help page: the channels of a country for a situation, in the reader's locale."""

from dataclasses import dataclass
from urllib.parse import urlsplit

from flask_babel import gettext

from challenge.content.queries import published_item, source_locale
from challenge.help.format import GENERAL
from challenge.help.situations import SITUATIONS, Situation
from challenge.participation.countries import QUAD, country_name, is_country

# The channels folders, in the order the country choice lists them; GENERAL is for everyone else.
FOLDERS = (*(code.lower() for code in QUAD), GENERAL)


@dataclass(frozen=True)
class Phone:
    number: str  # as written: "1300 292 371", "#9110"
    href: str  # "tel:1300292371", "tel:%239110"


@dataclass(frozen=True)
class Channel:
    id: str
    name: str
    purpose: str
    hours: str | None
    url: str | None
    phones: tuple[Phone, ...]
    emergency: bool
    situations: tuple[str, ...]

    @property
    def site(self) -> str | None:
        """The address as people would type it: host and path, without https://."""
        if not self.url:
            return None
        parts = urlsplit(self.url)
        host = parts.netloc.removeprefix("www.")
        return host + parts.path.rstrip("/")


@dataclass(frozen=True)
class Channels:
    folder: str  # "au", or GENERAL
    title: str
    locale: str  # the language the words are in (the source's when not translated)
    entries: tuple[Channel, ...]

    @property
    def emergency(self) -> list[Channel]:
        """Shown first on every help page, whatever happened."""
        return [entry for entry in self.entries if entry.emergency]

    def for_situation(self, situation: str) -> list[Channel]:
        """The other channels for `situation`, in the file's order."""
        return [
            entry for entry in self.entries if not entry.emergency and situation in entry.situations
        ]


def country_links(locale: str) -> list[tuple[str, str]]:
    """(folder, name) for the country choice: the four countries named from CLDR, then the rest."""
    return [(code.lower(), country_name(code, locale)) for code in QUAD] + [
        (GENERAL, gettext("Another country"))
    ]


def situation(situation_id: str) -> Situation | None:
    return next((one for one in SITUATIONS if one.id == situation_id), None)


def folder_for_country(code: str | None) -> str | None:
    """The channels folder for an ISO country code ("IN" -> "in", "NZ" -> GENERAL); None if none."""
    if not code:
        return None
    code = code.upper()
    if code in QUAD:
        return code.lower()
    return GENERAL if is_country(code) else None


def tel_href(number: str) -> str:
    """A tel: URI (RFC 3966): digits and + kept, visual separators dropped, # percent-encoded."""
    digits = "".join(ch for ch in number if ch.isdigit() or ch in "+#*")
    return "tel:" + digits.replace("#", "%23")


def _channel(facts: dict, words: dict) -> Channel:
    return Channel(
        id=facts["id"],
        name=words.get("name", facts["name"]),
        purpose=words.get("for", facts["for"]),
        hours=words.get("hours", facts.get("hours")),
        url=facts.get("url"),
        phones=tuple(Phone(number, tel_href(number)) for number in facts.get("phone") or ()),
        emergency=bool(facts.get("emergency")),
        situations=tuple(facts.get("situations") or ()),
    )


def channels(folder: str, locale: str) -> Channels | None:
    """A folder's channels: the facts (numbers, addresses) from the source, the words from the
    reader's translation, entry by entry (the content check keeps their ids in step)."""
    source = published_item("channels", folder, source_locale())
    if source is None:
        return None
    shown = published_item("channels", folder, locale) or source
    words = {entry["id"]: entry for entry in shown.translation.data.get("channels") or ()}
    facts = source.translation.data.get("channels") or ()
    return Channels(
        folder=folder,
        title=shown.title,
        locale=shown.locale,
        entries=tuple(_channel(entry, words.get(entry["id"], {})) for entry in facts),
    )
