"""Revisions: adding them, reading a history, and comparing two texts line by line."""

import difflib
import hashlib
import re
from dataclasses import dataclass

from sqlalchemy import func, select

from challenge.content.models import ContentTranslation
from challenge.extensions import db
from challenge.staff.content.models import PUBLISHED, ContentRevision
from challenge.staff.content.targets import Target

# The author of a revision that records what `flask content sync` imported from content/.
IMPORTED = "content/"
LIVE = 0  # the number that stands for the version the site serves, in diffs and links
VERSION_LINE = re.compile(r"^version:\s*(\d+)\s*$", re.MULTILINE)


def checksum(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def where(target: Target):
    return (
        ContentRevision.kind == target.kind.name,
        ContentRevision.slug == target.slug,
        ContentRevision.locale == target.locale,
    )


def history(target: Target) -> list[ContentRevision]:
    """Every revision, newest first."""
    return list(
        db.session.scalars(
            select(ContentRevision).where(*where(target)).order_by(ContentRevision.number.desc())
        )
    )


def latest(target: Target) -> ContentRevision | None:
    return db.session.scalar(
        select(ContentRevision)
        .where(*where(target))
        .order_by(ContentRevision.number.desc())
        .limit(1)
    )


def numbered(target: Target, number: int) -> ContentRevision | None:
    return db.session.scalar(
        select(ContentRevision).where(*where(target), ContentRevision.number == number)
    )


def pending(target: Target) -> ContentRevision | None:
    """The schedule still to come, if any (there is at most one per target)."""
    return db.session.scalar(
        select(ContentRevision)
        .where(*where(target), ContentRevision.pending.is_(True))
        .order_by(ContentRevision.number.desc())
        .limit(1)
    )


def add(
    target: Target, text: str, state: str, *, author, valid: bool = True, note: str = "", **extra
):
    """Append a revision; `author` is an account, or None for the command line."""
    number = (
        db.session.scalar(select(func.max(ContentRevision.number)).where(*where(target))) or 0
    ) + 1
    revision = ContentRevision(
        kind=target.kind.name,
        slug=target.slug,
        locale=target.locale,
        number=number,
        state=state,
        markdown=text,
        checksum=checksum(text),
        valid=valid,
        note=note[:200],
        author_id=getattr(author, "id", None),
        author=getattr(author, "email", None) or IMPORTED,
        **extra,
    )
    db.session.add(revision)
    db.session.flush()
    return revision


def live_is_recorded(target: Target, served: ContentTranslation | None) -> bool:
    """Whether the served text is in the history as a version that went live."""
    if served is None:
        return True
    return (
        db.session.scalar(
            select(func.count(ContentRevision.id)).where(
                *where(target),
                ContentRevision.checksum == served.checksum,
                ContentRevision.published_at.is_not(None),
            )
        )
        > 0
    )


def record_live(target: Target, served: ContentTranslation | None) -> None:
    """Before the first change made here to a text that came from content/ (or changed there
    since), keep that text in the history, so it can be compared with and restored."""
    if not live_is_recorded(target, served):
        add(
            target,
            served.markdown,
            PUBLISHED,
            author=None,
            created_at=served.updated_at,
            published_at=served.updated_at,
        )


def cancel_pending(target: Target) -> list[int]:
    """Call off any schedule still to come; the revisions stay in the history."""
    cancelled = []
    for revision in db.session.scalars(
        select(ContentRevision).where(*where(target), ContentRevision.pending.is_(True))
    ):
        revision.pending = False
        cancelled.append(revision.number)
    return cancelled


def version_of(text: str) -> int | None:
    """A source text's `version`, read without parsing the whole file."""
    match = VERSION_LINE.search(text.split("\n---", 1)[0])
    return int(match.group(1)) if match else None


def source_revision_at(target: Target, version: int) -> ContentRevision | None:
    """The last revision of a source that went live at `version` (to show translators what
    changed in the source since they translated it)."""
    for revision in db.session.scalars(
        select(ContentRevision)
        .where(*where(target), ContentRevision.published_at.is_not(None))
        .order_by(ContentRevision.number.desc())
    ):
        if version_of(revision.markdown) == version:
            return revision
    return None


@dataclass(frozen=True)
class DiffLine:
    kind: str  # "same", "removed", "added" or "gap"
    old: int | None
    new: int | None
    text: str


def diff(old: str, new: str, context: int = 3) -> list[DiffLine]:
    """Changed lines with `context` lines around them; gaps mark the lines left out."""
    old_lines, new_lines = old.split("\n"), new.split("\n")
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    lines: list[DiffLine] = []
    end = 0
    for number, group in enumerate(matcher.get_grouped_opcodes(context)):
        end = group[-1][2]
        if number or group[0][1] > 0:
            lines.append(DiffLine("gap", None, None, ""))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                lines += [
                    DiffLine("same", i + 1, j + 1, old_lines[i])
                    for i, j in zip(range(i1, i2), range(j1, j2), strict=True)
                ]
                continue
            lines += [DiffLine("removed", i + 1, None, old_lines[i]) for i in range(i1, i2)]
            lines += [DiffLine("added", None, j + 1, new_lines[j]) for j in range(j1, j2)]
    if lines and end < len(old_lines):
        lines.append(DiffLine("gap", None, None, ""))
    return lines
