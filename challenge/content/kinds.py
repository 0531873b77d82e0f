"""The kinds of content: their folder, their front-matter fields and how their body is read."""

from collections.abc import Callable
from dataclasses import dataclass, field

from challenge.content import fields as f
from challenge.content.markdown import render
from challenge.editions import format as editions_format
from challenge.help import format as channels_format
from challenge.pledges.format import compare_pledges, read_pledge
from challenge.quizzes.format import compare_quizzes, read_quiz


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
QUIZ = Kind(
    name="quiz",
    folder="quizzes",
    fields=(
        *f.COMMON_FIELDS,
        f.ORDER,
        f.MINUTES,
        f.Field("lesson", f.slug, where=f.SOURCE),
        f.Field("pass_mark", f.whole_number(1, 100), where=f.SOURCE, required=False, default=70),
        f.Field("shuffle", f.boolean, where=f.SOURCE, required=False, default=False),
    ),
    references={"lesson": "lessons"},
    read_body=read_quiz,
    compare=compare_quizzes,
)
PLEDGE = Kind(
    name="pledge",
    folder="pledges",
    fields=(
        *f.COMMON_FIELDS,
        f.ORDER,
        f.Field("statement", f.text(300)),
        f.Field("steps", f.lines(10, 300)),
        f.Field("lesson", f.slug, where=f.SOURCE),
        f.Field("quiz", f.slug, where=f.SOURCE, required=False),
    ),
    references={"lesson": "lessons", "quiz": "quizzes"},
    read_body=read_pledge,
    compare=compare_pledges,
)
PAGE = Kind(name="page", folder="pages", fields=f.COMMON_FIELDS, read_body=read_prose)

CHANNELS = Kind(
    name="channels",
    folder="channels",
    fields=(*f.COMMON_FIELDS, f.Field("channels", channels_format.channels)),
    read_body=channels_format.read_channels,
    compare=channels_format.compare_channels,
    check_meta=channels_format.check_meta,
    check_age=channels_format.check_age,
)

EDITION = Kind(
    name="edition",
    folder="editions",
    fields=(
        *f.COMMON_FIELDS,
        f.ORDER,
        f.Field("theme", f.text(120)),
        f.Field("starts", editions_format.date, where=f.SOURCE),
        f.Field("ends", editions_format.date, where=f.SOURCE),
        f.Field("time_zone", editions_format.time_zone, where=f.SOURCE),
        f.Field("windows", editions_format.windows, where=f.SOURCE, required=False, default={}),
        f.Field(
            "complete_after",
            f.whole_number(1, editions_format.MAX_DAYS),
            where=f.SOURCE,
            required=False,
        ),
        f.Field("days", editions_format.days),
    ),
    read_body=editions_format.read_edition,
    compare=editions_format.compare_editions,
    check_meta=editions_format.check_meta,
    nested_references=editions_format.references,
)

KINDS: dict[str, Kind] = {
    kind.folder: kind for kind in (LESSON, QUIZ, PLEDGE, PAGE, CHANNELS, EDITION)
}
KINDS_BY_NAME: dict[str, Kind] = {kind.name: kind for kind in KINDS.values()}
