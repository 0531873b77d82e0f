"""The text a new item or a new translation starts from, in the format of content/ files."""

import yaml

from challenge.clock import utcnow
from challenge.content import frontmatter
from challenge.content.fields import BOTH
from challenge.content.kinds import Kind

BODIES = {
    "quizzes": "## {#question-1}\n\n- [ ] \n- [x] \n\n> \n",
    "pledges": "",
}


def source_starter(kind: Kind, order: int) -> str:
    """A source file with every required field, to be filled in."""
    names = [field.name for field in kind.fields if field.where != "translation"]
    lines = ["---", "title: ", "summary: "]
    if kind.folder == "pledges":
        lines += ["statement: ", "steps:", "  - "]
    for name in ("lesson", "quiz", "pass_mark", "minutes"):
        if name in names:
            lines.append(f"{name}: " + {"pass_mark": "70", "minutes": "5"}.get(name, ""))
    if "order" in names:
        lines.append(f"order: {order}")
    if "reviewed" in names:  # a lesson: the editor reviews the advice as they write it
        lines.append(f"reviewed: {utcnow().date().isoformat()}")
    lines += ["status: published", "version: 1", "---", "", BODIES.get(kind.folder, "")]
    return "\n".join(lines)


def translation_starter(kind: Kind, source_text: str) -> str:
    """A translation to write over: the source's translated fields and body, and its version."""
    document = frontmatter.parse(source_text)
    meta = {
        field.name: document.meta[field.name]
        for field in kind.fields
        if field.where == BOTH and field.name in document.meta
    }
    meta["source_version"] = document.meta.get("version", 1)
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{front}---\n{document.body}"
