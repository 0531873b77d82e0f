"""Lessons as content: prose with an order, a reading time, the day its advice was reviewed and,
optionally, a checklist the reader can tick (a task list, `- [ ] ...`, at the top level)."""

import datetime as dt
import re

from challenge.content import fields as f
from challenge.content.fields import Invalid
from challenge.content.kinds import Kind
from challenge.content.markdown import Rendered, parser, render

# Where the checklist's form goes in the stored body: a comment, so that any other reader of the
# HTML (a preview, an export) simply shows nothing there.
CHECKLIST_MARKER = "<!--checklist-->"
TASK = re.compile(r"^\[ \]\s+")
MAX_CHECKLIST_ITEMS = 20


def review_date(value) -> str:
    """`reviewed`: the day an editor last checked the advice is still right (not the import
    time); stored as an ISO date."""
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise Invalid("must be the date an editor last reviewed the advice, like 2026-12-07")
    return value.isoformat()


REVIEWED = f.Field("reviewed", review_date, where=f.SOURCE)


def task_lists(tokens) -> list[tuple[int, int, list[str]]]:
    """Top-level bullet lists whose every item is one line starting with `[ ]`: (first line,
    end line, the items' text)."""
    found = []
    for index, token in enumerate(tokens):
        if token.type != "bullet_list_open" or token.level != 0:
            continue
        items, inlines, nested = 0, [], False
        for inner in tokens[index + 1 :]:
            if inner.type == "bullet_list_close" and inner.level == 0:
                break
            items += inner.type == "list_item_open" and inner.level == 1
            nested = nested or inner.level > 3
            if inner.type == "inline" and inner.level == 3:
                inlines.append(inner.content)
        tasks = len(inlines) == items and all(TASK.match(text) for text in inlines)
        if tasks and not nested:
            found.append((token.map[0], token.map[1], [TASK.sub("", text) for text in inlines]))
    return found


def merged(parts: list[Rendered]) -> Rendered:
    whole = Rendered(html="")
    for part in parts:
        whole.links += part.links
        whole.problems += part.problems
        whole.images += part.images
        whole.directives += part.directives
        whole.countries += part.countries
    return whole


def read_lesson(document, media_prefix: str):
    """The body rendered around its checklist, whose items are kept in data["checklist"]."""
    body, base = document.body, document.body_line
    lists = task_lists(parser.parse(body))
    if not lists:
        return render(body, base_line=base, media_prefix=media_prefix), {}
    start, end, texts = lists[0]
    lines = body.splitlines(keepends=True)
    before = render("".join(lines[:start]), base_line=base, media_prefix=media_prefix)
    after = render("".join(lines[end:]), base_line=base + end, media_prefix=media_prefix)
    items = [render(text, base_line=base + start, media_prefix=media_prefix) for text in texts]
    whole = merged([before, *items, after])
    if len(lists) > 1:
        whole.problems.append(
            (base + lists[1][0], "a lesson has one checklist ('- [ ]' list); merge them into one")
        )
    if len(texts) > MAX_CHECKLIST_ITEMS:
        whole.problems.append(
            (base + start, f"a checklist has at most {MAX_CHECKLIST_ITEMS} items")
        )
    whole.html = before.html + CHECKLIST_MARKER + "\n" + after.html
    checklist = [item.html.strip().removeprefix("<p>").removesuffix("</p>") for item in items]
    return whole, {"checklist": checklist}


def compare_checklists(source, translation) -> list[tuple[int, str]]:
    """The checklist's items are ticked by their place, so every translation lists as many."""
    expected = len(source.data.get("checklist", []))
    found = len(translation.data.get("checklist", []))
    if expected == found:
        return []
    return [
        (
            1,
            f"the checklist has {found} items; the source's has {expected} "
            "(items are ticked by their place, so every translation lists the same ones)",
        )
    ]


LESSON = Kind(
    name="lesson",
    folder="lessons",
    fields=(*f.COMMON_FIELDS, f.ORDER, f.MINUTES, REVIEWED),
    read_body=read_lesson,
    compare=compare_checklists,
    position=10,
)


def reviewed_on(data: dict) -> dt.date | None:
    """The lesson's review date from its stored data (None for one synced before the field)."""
    value = data.get("reviewed")
    return dt.date.fromisoformat(value) if value else None
