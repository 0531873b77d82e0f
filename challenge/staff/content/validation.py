"""Checking a text typed in the browser exactly as `flask content check` checks a file: the same
loader code, against the item's other files as the database serves them."""

import re
from dataclasses import dataclass, field

from sqlalchemy import select

from challenge.content import frontmatter
from challenge.content.kinds import KINDS_BY_NAME
from challenge.content.loader import ContentFile, check_file, read_text
from challenge.content.loader import ContentItem as TreeItem
from challenge.content.models import ContentItem, ContentTranslation
from challenge.content.problems import Problem
from challenge.extensions import db
from challenge.staff.content.targets import Target, source_locale

STATUS_LINE = re.compile(r"^status\s*:.*$")


@dataclass
class Checked:
    text: str  # as stored: UTF-8 without a byte-order mark, lines ending in \n
    file: ContentFile | None
    problems: list[Problem] = field(default_factory=list)  # in this file
    # Problems this text causes in the item's other published files (a source that no longer
    # matches its translations), by locale.
    elsewhere: dict[str, list[Problem]] = field(default_factory=dict)

    @property
    def errors(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [problem for problem in self.problems if not problem.is_error]

    @property
    def valid(self) -> bool:
        return self.file is not None and not self.errors

    @property
    def breaks(self) -> dict[str, list[Problem]]:
        """The other files this text would make invalid, with their errors."""
        found = {
            locale: [problem for problem in problems if problem.is_error]
            for locale, problems in self.elsewhere.items()
        }
        return {locale: problems for locale, problems in found.items() if problems}


def normalise(text: str) -> str:
    decoded, _error = frontmatter.decode(text.encode("utf-8", "surrogatepass"))
    return decoded if decoded is not None else text


def with_status(text: str, status: str) -> str:
    """The text with its front matter's `status:` set to `status` (publishing means published)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != frontmatter.DELIMITER:
        return text
    for index, line in enumerate(lines[1:], start=1):
        if line.strip() == frontmatter.DELIMITER:
            break
        if STATUS_LINE.match(line):
            lines[index] = f"status: {status}"
    return "\n".join(lines)


def parse_stored(target: Target, markdown: str) -> ContentFile | None:
    """A stored text (already checked once) as the loader reads it."""
    content_file, _problems = read_text(
        target.kind,
        target.slug,
        target.locale,
        markdown.encode("utf-8"),
        target.path,
        source_locale(),
        target.folder,
    )
    return content_file


def known_items() -> set[tuple[str, str]]:
    """(kind folder, slug) of every item in the content tree, as an export would write it."""
    rows = db.session.execute(
        select(ContentItem.kind, ContentItem.slug).where(ContentItem.archived.is_(False))
    )
    return {(KINDS_BY_NAME[kind].folder, slug) for kind, slug in rows}


def others_of(target: Target, source_text: str | None = None) -> dict[str, ContentFile]:
    """The files a text is checked against: a translation against its source (as served, or
    `source_text` when the source is not published yet), a source against its translations."""
    rows = db.session.execute(
        select(ContentTranslation.locale, ContentTranslation.markdown)
        .join(ContentItem)
        .where(ContentItem.kind == target.kind.name, ContentItem.slug == target.slug)
    ).all()
    served = dict(rows)
    if target.is_source:
        wanted = {locale: text for locale, text in served.items() if locale != target.locale}
    else:
        text = served.get(source_locale(), source_text)
        wanted = {source_locale(): text} if text is not None else {}
    others = {}
    for locale, text in wanted.items():
        parsed = parse_stored(Target(target.kind, target.slug, locale), text)
        if parsed is not None:
            others[locale] = parsed
    return others


def tree_problems(target: Target, content_file: ContentFile) -> list[Problem]:
    """The checks across the tree (Kind.check_tree, e.g. the glossary's avoided words) for this
    one text, against the stored files of the kinds that run them, in the text's locale."""
    problems = []
    here = (target.kind.folder, target.slug)
    for kind in KINDS_BY_NAME.values():
        if kind.check_tree is None:
            continue
        rows = db.session.execute(
            select(ContentItem.slug, ContentTranslation.markdown)
            .join(ContentItem)
            .where(
                ContentItem.kind == kind.name,
                ContentItem.archived.is_(False),
                ContentTranslation.locale == target.locale,
            )
        ).all()
        items = {}
        for slug, markdown in rows:
            other = Target(kind, slug, target.locale)
            parsed = parse_stored(other, markdown) if (kind.folder, slug) != here else None
            if parsed is not None:
                items[(kind.folder, slug)] = TreeItem(
                    kind, slug, other.folder, {other.locale: parsed}
                )
        items[here] = TreeItem(
            target.kind, target.slug, target.folder, {target.locale: content_file}
        )
        problems += [
            problem
            for problem in kind.check_tree(items, source_locale())
            if problem.path == target.path
        ]
    return problems


def check(target: Target, text: str, *, source_text: str | None = None) -> Checked:
    """Check `text` as the file `target.path` of the content tree."""
    text = normalise(text)
    others = others_of(target, source_text)
    known = known_items() | {(target.kind.folder, target.slug)}
    content_file, problems = check_file(
        target.kind,
        target.slug,
        target.locale,
        text.encode("utf-8", "surrogatepass"),
        shown=target.path,
        source_locale=source_locale(),
        folder=target.folder,
        others=others,
        known=known,
    )
    if content_file is not None:
        problems = sorted(problems + tree_problems(target, content_file))
    checked = Checked(text, content_file)
    paths = {other.path: locale for locale, other in others.items()}
    for problem in problems:
        if problem.path in paths:
            checked.elsewhere.setdefault(paths[problem.path], []).append(problem)
        else:
            checked.problems.append(problem)
    return checked
