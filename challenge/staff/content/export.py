"""Writing the database's content back to a content/ tree, so the browser and git stay one.

Each served text is written byte for byte as it was imported or published (the whole file is
kept in content_translation.markdown), so exporting and then syncing changes nothing. The tree
is made to mirror the database: translations that were archived lose their file, and archived
items lose their folder, as removing a folder is how `content sync` archives an item.
"""

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from challenge.content.kinds import KINDS, KINDS_BY_NAME
from challenge.content.loader import ASSET_SUFFIXES
from challenge.content.models import ContentItem
from challenge.extensions import db


@dataclass
class ExportReport:
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)  # folders the database does not know: kept
    unchanged: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.written or self.removed)


def write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, draft = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(draft, 0o644)
        os.replace(draft, path)
    except BaseException:
        Path(draft).unlink(missing_ok=True)
        raise


def copy_images(source: Path, folder: Path, name: str, report: ExportReport, dry_run: bool):
    """Images live in CONTENT_DIR, not the database: exporting elsewhere copies them along."""
    if not source.is_dir() or source.resolve() == folder.resolve():
        return
    for image in sorted(source.iterdir()):
        if image.suffix.lower() not in ASSET_SUFFIXES or not image.is_file():
            continue
        copy = folder / image.name
        if copy.is_file() and copy.read_bytes() == image.read_bytes():
            continue
        report.written.append(f"{name}/{image.name}")
        if not dry_run:
            write_atomically(copy, image.read_bytes())


def export_tree(root: Path, locales, *, images: Path, dry_run: bool = False) -> ExportReport:
    """Make `root` hold exactly the database's content, with the items' images from `images`
    (CONTENT_DIR); `dry_run` only reports."""
    root = Path(root)
    report = ExportReport()
    items = db.session.scalars(
        select(ContentItem)
        .options(selectinload(ContentItem.translations))
        .order_by(ContentItem.kind, ContentItem.slug)
    ).all()
    known = set()
    for item in items:
        kind = KINDS_BY_NAME[item.kind]
        known.add((kind.folder, item.slug))
        folder = root / kind.folder / item.slug
        name = f"{kind.folder}/{item.slug}"
        if item.archived:
            if folder.exists():
                report.removed.append(f"{name}/")
                if not dry_run:
                    shutil.rmtree(folder)
            continue
        wanted = {row.locale: row.markdown.encode("utf-8") for row in item.translations}
        for locale, data in sorted(wanted.items()):
            path = folder / f"{locale}.md"
            if path.is_file() and path.read_bytes() == data:
                report.unchanged += 1
                continue
            report.written.append(f"{name}/{locale}.md")
            if not dry_run:
                write_atomically(path, data)
        copy_images(Path(images) / kind.folder / item.slug, folder, name, report, dry_run)
        if folder.is_dir():
            for stray in sorted(folder.glob("*.md")):
                if stray.stem in locales and stray.stem not in wanted:
                    report.removed.append(f"{name}/{stray.name}")
                    if not dry_run:
                        stray.unlink()
    for kind_folder in sorted(KINDS):
        for folder in sorted((root / kind_folder).glob("*/")):
            if not folder.name.startswith(".") and (kind_folder, folder.name) not in known:
                report.unknown.append(f"{kind_folder}/{folder.name}/")
    return report
