"""Read a content tree from disk, validating every file and the links between them (the checks
across an item's files and between items are in checks.py)."""

import hashlib
from collections.abc import Container
from dataclasses import dataclass, field
from pathlib import Path

from challenge.content import frontmatter
from challenge.content.checks import check_references, check_translation
from challenge.content.fields import SLUG, validate
from challenge.content.kinds import KINDS, Kind
from challenge.content.problems import Problem

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
        data={
            **data,
            "links": [list(link) for link in rendered.links],
            **({"countries": rendered.countries} if rendered.countries else {}),
        },
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
    for kind in KINDS.values():
        if kind.check_tree:
            tree.problems += kind.check_tree(tree.items, source_locale)
    tree.problems.sort()
    return tree
