"""Checks of an edition file against others: a translation against its source (the same days
and action ids, the texts of every task), and the items its actions refer to (format.py)."""

import re

REFERENCE_FOLDERS = {"lesson": "lessons", "quiz": "quizzes", "pledge": "pledges"}
TASK_TEXTS = ("title", "how", "why")  # what a task's translation must give


def line_of_action(content_file, action_id: str) -> int:
    """The line of `id: <action_id>` in the file's front matter, or that of `days:`."""
    pattern = re.compile(rf"^\s*-?\s*id:\s*['\"]?{re.escape(action_id)}['\"]?\s*(#.*)?$")
    for number, line in enumerate(content_file.text.split("\n"), start=1):
        if pattern.match(line):
            return number
    return content_file.line_of("days")


def compare_editions(source, translation) -> list[tuple[int, str]]:
    """A translation lists the source's days, and each day its action ids in the same order, with
    the texts of every task."""
    source_days, translated_days = source.meta["days"], translation.meta["days"]
    if len(source_days) != len(translated_days):
        return [
            (
                translation.line_of("days"),
                f"{len(translated_days)} days; the source has {len(source_days)}",
            )
        ]
    problems = []
    for number, (original, translated) in enumerate(
        zip(source_days, translated_days, strict=False), start=1
    ):
        expected = [action["id"] for action in original["actions"]]
        found = [action["id"] for action in translated["actions"]]
        if expected != found:
            line = line_of_action(translation, found[0])
            problems.append(
                (
                    line,
                    f"day {number} has actions {', '.join(found)}; the source has {', '.join(expected)}, in that order",
                )
            )
            continue
        for action, translated_action in zip(
            original["actions"], translated["actions"], strict=False
        ):
            if action.get("kind") != "task":
                extra = [key for key in TASK_TEXTS if key in translated_action]
                if extra:
                    problems.append(
                        (
                            line_of_action(translation, action["id"]),
                            f"action '{action['id']}' is a {action.get('kind')}: it takes no '{extra[0]}'",
                        )
                    )
                continue
            missing = [key for key in TASK_TEXTS if key not in translated_action]
            if missing:
                problems.append(
                    (
                        line_of_action(translation, action["id"]),
                        f"task '{action['id']}' needs its translated '{missing[0]}'",
                    )
                )
    return problems


def references(content_file) -> list[tuple[str, str, int, str]]:
    """(folder, slug, line, what names it) for every item the edition's actions refer to."""
    found = []
    for day in content_file.meta.get("days", []):
        for action in day["actions"]:
            folder = REFERENCE_FOLDERS.get(action.get("kind"))
            if folder and action.get("ref"):
                found.append(
                    (
                        folder,
                        action["ref"],
                        line_of_action(content_file, action["id"]),
                        f"action '{action['id']}'",
                    )
                )
    return found
