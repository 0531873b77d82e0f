"""The kinds of content: their folder, their front-matter fields and how their body is read.

Content knows pages itself; each feature registers its own kind (lessons, quizzes, pledges, help's
channels...) from its init_app, so the pipeline never imports a feature.
"""

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
    # Reads the body into (Rendered, data); data holds any structure the kind needs.
    read_body: Callable | None = None
    # Compares a translation with its source: [(line, message)] for what does not match.
    compare: Callable | None = None
    # Checks the cleaned front matter knowing the file's role: (meta, is_source) -> [(field, message)].
    check_meta: Callable | None = None
    # Facts that go stale with time: (file, today, config) -> [(line, message)], reported as
    # warnings by `flask content check`.
    check_age: Callable | None = None
    # Items named deeper in the front matter (an edition's actions): content file ->
    # [(folder, slug, line, what names it)], checked like `references`.
    nested_references: Callable | None = None
    # Checks across the whole tree, run once after every file is read: (tree items, source
    # locale) -> [Problem]; e.g. the glossary's avoided terms in every other kind's files.
    check_tree: Callable | None = None
    # Where the kind comes in lists of kinds (the staff console, exports): lower first.
    position: int = 100

    def field(self, name: str) -> f.Field | None:
        return next((candidate for candidate in self.fields if candidate.name == name), None)


def read_prose(document, media_prefix: str):
    rendered = render(document.body, base_line=document.body_line, media_prefix=media_prefix)
    return rendered, {}


PAGE = Kind(name="page", folder="pages", fields=f.COMMON_FIELDS, read_body=read_prose, position=40)

# Both keep the kinds in `position` order.
KINDS: dict[str, Kind] = {}
KINDS_BY_NAME: dict[str, Kind] = {}


def register(kind: Kind) -> Kind:
    """Make `kind` known to the loader, the checks and the console; registering it again is a no-op."""
    known = KINDS.get(kind.folder)
    if known is not None and known != kind:
        raise ValueError(f"another kind already uses the folder {kind.folder!r}")
    ordered = sorted(
        {**KINDS, kind.folder: kind}.values(), key=lambda each: (each.position, each.folder)
    )
    KINDS.clear()
    KINDS.update((each.folder, each) for each in ordered)
    KINDS_BY_NAME.clear()
    KINDS_BY_NAME.update((each.name, each) for each in ordered)
    return kind


register(PAGE)
