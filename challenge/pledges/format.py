"""The pledge file format: statement and steps in front matter, why it matters in the body."""

from challenge.content import fields as f
from challenge.content.kinds import Kind
from challenge.content.markdown import render, render_inline


def read_pledge(document, media_prefix: str):
    rendered = render(document.body, base_line=document.body_line, media_prefix=media_prefix)
    steps = document.meta.get("steps")
    data = {}
    if isinstance(steps, list) and all(isinstance(step, str) for step in steps):
        data["steps_html"] = [render_inline(" ".join(step.split())) for step in steps]
    return rendered, data


def compare_pledges(source, translation) -> list[tuple[int, str]]:
    count, translated = len(source.meta["steps"]), len(translation.meta["steps"])
    if count != translated:
        return [(translation.line_of("steps"), f"{translated} steps; the source has {count}")]
    return []


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
    position=30,
)
