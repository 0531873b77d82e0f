"""Items that go with another item, such as the quiz that tests a lesson: the feature that owns
the companion registers how to find it, the host's pages show it, and neither imports the other."""

from collections.abc import Callable
from dataclasses import dataclass

from challenge.content.queries import Shown


@dataclass(frozen=True)
class Companion:
    item: Shown  # the companion as shown in this locale
    record: object | None = None  # what this participant did with it, for the template's macro


# (host kind, companion kind) -> function(locale, participant) -> {host slug: Companion}
FINDERS: dict[tuple[str, str], Callable] = {}


def companion(host: str, kind: str) -> Callable:
    """Register the function that finds the `kind` companions of each `host` item."""

    def register(function: Callable) -> Callable:
        FINDERS[(host, kind)] = function
        return function

    return register


def companions(host: str, kind: str, locale: str, participant) -> dict[str, Companion]:
    """Per host slug, its `kind` companion; empty when no feature provides that kind."""
    finder = FINDERS.get((host, kind))
    return finder(locale, participant) if finder else {}
