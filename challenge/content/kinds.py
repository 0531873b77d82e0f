"""The kinds of content: their folder, their front-matter fields and how their body is read."""

from collections.abc import Callable
from dataclasses import dataclass, field

from challenge.content import fields as f
from challenge.content.markdown import render


@dataclass(frozen=True)
class Kind:
    name: str  # stored in the database: "lesson"
    folder: str  # under content/: "lessons"
    fields: tuple[f.Field, ...]
    # Front-matter fields that name another item, and the folder that item lives in.
    references: dict[str, str] = field(default_factory=dict)
    # Reads the body into (html, data, problems); data holds any structure the kind needs.
    read_body: Callable | None = None

    def field(self, name: str) -> f.Field | None:
        return next((candidate for candidate in self.fields if candidate.name == name), None)


def read_prose(document, media_prefix: str):
    rendered = render(document.body, base_line=document.body_line, media_prefix=media_prefix)
    return rendered, {}


LESSON = Kind(
    name="lesson",
    folder="lessons",
    fields=(*f.COMMON_FIELDS, f.ORDER, f.MINUTES),
    read_body=read_prose,
)
PAGE = Kind(name="page", folder="pages", fields=f.COMMON_FIELDS, read_body=read_prose)

KINDS: dict[str, Kind] = {kind.folder: kind for kind in (LESSON, PAGE)}
KINDS_BY_NAME: dict[str, Kind] = {kind.name: kind for kind in KINDS.values()}


def register(kind: Kind) -> None:
    """Add a kind (quizzes and pledges register themselves from their own modules)."""
    KINDS[kind.folder] = kind
    KINDS_BY_NAME[kind.name] = kind
