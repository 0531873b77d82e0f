"""The pledge file format: statement and steps in front matter, why it matters in the body."""

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
