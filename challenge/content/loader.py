"""Read a content tree from disk, validating every file and the links between them."""

import hashlib
from collections.abc import Container
from dataclasses import dataclass, field
from pathlib import Path

from challenge.content import frontmatter
from challenge.content.fields import SLUG, validate
from challenge.content.kinds import KINDS, Kind
from challenge.content.problems import WARNING, Problem

ASSET_SUFFIXES = {".png", ".jpg", ".jpeg", ".webp", ".svg"}


@dataclass
class ContentFile:
    """One locale of one item, parsed and rendered."""

    kind: Kind
    slug: str
    locale: str
    path: str  # as shown in messages
    text: str
    meta: dict
    key_lines: dict[str, int]
    html: str
    data: dict
    checksum: str

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, 1)


@dataclass
class ContentItem:
    kind: Kind
    slug: str
    folder: Path
    files: dict[str, ContentFile] = field(default_factory=dict)

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind.folder, self.slug)


@dataclass
class ContentTree:
    items: dict[tuple[str, str], ContentItem] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [problem for problem in self.problems if not problem.is_error]


def display_path(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)


def read_file(
    kind: Kind, slug: str, locale: str, path: Path, shown: str, source_locale: str
) -> tuple[ContentFile | None, list[Problem]]:
    return read_text(kind, slug, locale, path.read_bytes(), shown, source_locale, path.parent)


def read_text(
    kind: Kind, slug: str, locale: str, raw: bytes, shown: str, source_locale: str, folder: Path
) -> tuple[ContentFile | None, list[Problem]]:
    """One file's bytes, parsed and checked; images are looked for in the item's `folder`."""
    problems: list[Problem] = []
    text, decode_error = frontmatter.decode(raw)
    if decode_error:
        return None, [Problem(shown, *decode_error)]
    document = frontmatter.parse(text)
    problems += [Problem(shown, line, message) for line, message in document.errors]
    if document.errors:
        return None, problems
    is_source = locale == source_locale
    meta, field_problems = validate(document.meta, kind.fields, is_source, f"{source_locale}.md")
    if kind.check_meta and not field_problems:
        field_problems = kind.check_meta(meta, is_source)
    problems += [
        Problem(shown, document.key_lines.get(name, 1) if name else 1, message)
        for name, message in field_problems
    ]
    rendered, data = kind.read_body(document, f"/content-media/{kind.folder}/{slug}")
    problems += [Problem(shown, line, message) for line, message in rendered.problems]
    for image, line in rendered.images:
        if not (folder / image).is_file():
            problems.append(Problem(shown, line, f"image '{image}' is not in {folder.name}/"))
    if field_problems or rendered.problems:
        return None, problems
    content_file = ContentFile(
        kind=kind,
        slug=slug,
        locale=locale,
        path=shown,
        text=text,
        meta=meta,
        key_lines=document.key_lines,
        html=rendered.html,
        data={**data, "links": [list(link) for link in rendered.links]},
        checksum=hashlib.sha256(text.encode()).hexdigest(),
    )
    return content_file, problems


def read_item(
    kind: Kind, folder: Path, root: Path, locales, source_locale: str
) -> tuple[ContentItem, list[Problem]]:
    item = ContentItem(kind, folder.name, folder)
    problems: list[Problem] = []
    shown_folder = display_path(folder, root)
    if not SLUG.match(folder.name):
        problems.append(
            Problem(
                shown_folder,
                1,
                "folder name must be a slug: lower-case letters, digits and hyphens",
            )
        )
        return item, problems
    for path in sorted(folder.iterdir()):
        shown = display_path(path, root)
        if path.name.startswith("."):
            continue
        if path.is_dir():
            problems.append(
                Problem(shown, 1, "unexpected folder: an item's folder holds only its files")
            )
        elif path.suffix == ".md":
            locale = path.stem
            if locale not in locales:
                problems.append(
                    Problem(
                        shown, 1, f"unknown locale '{locale}'; configured: {', '.join(locales)}"
                    )
                )
                continue
            content_file, file_problems = read_file(
                kind, item.slug, locale, path, shown, source_locale
            )
            problems += file_problems
            if content_file:
                item.files[locale] = content_file
        elif path.suffix.lower() not in ASSET_SUFFIXES:
            problems.append(
                Problem(shown, 1, "unexpected file: only <locale>.md files and images belong here")
            )
    if not (folder / f"{source_locale}.md").exists():
        problems.append(
            Problem(shown_folder, 1, f"no {source_locale}.md: every item needs its source file")
        )
    return item, problems


def check_translation(item: ContentItem, source_locale: str) -> list[Problem]:
    source = item.files.get(source_locale)
    if source is None:
        return []
    problems = []
    version = source.meta["version"]
    for locale, translation in item.files.items():
        if locale == source_locale:
            continue
        if item.kind.compare:
            problems += [
                Problem(translation.path, line, message)
                for line, message in item.kind.compare(source, translation)
            ]
        translated_from = translation.meta["source_version"]
        line = translation.line_of("source_version")
        if translated_from > version:
            problems.append(
                Problem(
                    translation.path,
                    line,
                    f"source_version {translated_from} is newer than the source's version {version}",
                )
            )
        elif translated_from < version:
            problems.append(
                Problem(
                    translation.path,
                    line,
                    f"outdated: translated from version {translated_from}, the source is at version {version}",
                    WARNING,
                )
            )
    return problems


def check_references(known: Container[tuple[str, str]], item: ContentItem) -> list[Problem]:
    """Links and named items that point at no (kind folder, slug) in `known`."""
    problems = []
    for content_file in item.files.values():
        for folder, slug, line in content_file.data["links"]:
            if (folder, slug) not in known:
                problems.append(
                    Problem(content_file.path, line, f"link to /{folder}/{slug}: no such item")
                )
        for name, folder in item.kind.references.items():
            slug = content_file.meta.get(name)
            if slug and (folder, slug) not in known:
                problems.append(
                    Problem(
                        content_file.path,
                        content_file.line_of(name),
                        f"'{name}' names {folder}/{slug}, which does not exist",
                    )
                )
        if item.kind.nested_references:
            for folder, slug, line, named_by in item.kind.nested_references(content_file):
                if (folder, slug) not in known:
                    problems.append(
                        Problem(
                            content_file.path,
                            line,
                            f"{named_by} names {folder}/{slug}, which does not exist",
                        )
                    )
    return problems


def check_file(
    kind: Kind,
    slug: str,
    locale: str,
    raw: bytes,
    *,
    shown: str,
    source_locale: str,
    folder: Path,
    others: dict[str, ContentFile],
    known: Container[tuple[str, str]],
) -> tuple[ContentFile | None, list[Problem]]:
    """One file checked as `load_tree` checks it in its tree, without reading it from disk: parsed,
    compared with the item's `others` files (its source, or its translations), and its links
    looked up in `known`. Problems in `others` that the file causes are reported too."""
    content_file, problems = read_text(kind, slug, locale, raw, shown, source_locale, folder)
    if content_file is None:
        return None, sorted(problems)
    item = ContentItem(kind, slug, folder, {**others, locale: content_file})
    problems += check_translation(item, source_locale)
    problems += check_references(known, ContentItem(kind, slug, folder, {locale: content_file}))
    return content_file, sorted(problems)


def load_tree(root: Path, locales, source_locale: str) -> ContentTree:
    """Every item under `root`, with every problem found; items with errors in a file lack that file."""
    tree = ContentTree()
    root = Path(root)
    if not root.is_dir():
        tree.problems.append(Problem(str(root), 1, "the content folder does not exist"))
        return tree
    for kind_folder in sorted(root.iterdir()):
        if not kind_folder.is_dir() or kind_folder.name.startswith("."):
            continue
        kind = KINDS.get(kind_folder.name)
        if kind is None:
            tree.problems.append(
                Problem(
                    display_path(kind_folder, root),
                    1,
                    f"unknown kind of content; expected one of: {', '.join(sorted(KINDS))}",
                )
            )
            continue
        for folder in sorted(
            path
            for path in kind_folder.iterdir()
            if path.is_dir() and not path.name.startswith(".")
        ):
            item, problems = read_item(kind, folder, root, locales, source_locale)
            tree.items[item.key] = item
            tree.problems += problems
    for item in tree.items.values():
        tree.problems += check_translation(item, source_locale)
        tree.problems += check_references(tree.items, item)
    tree.problems.sort()
    return tree


def check_ages(tree: ContentTree, today, config) -> list[Problem]:
    """Warnings for facts last checked too long ago (see Kind.check_age), e.g. help channels."""
    problems = []
    for item in tree.items.values():
        if item.kind.check_age is None:
            continue
        for content_file in item.files.values():
            problems += [
                Problem(content_file.path, line, message, WARNING)
                for line, message in item.kind.check_age(content_file, today, config)
            ]
    return sorted(problems)
