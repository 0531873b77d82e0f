"""Checks across files, run by the loader once an item's files are read: each translation against
its source (the country sections it must keep, the kind's own comparison, `source_version`), and
every link or named item against the items that exist."""

from collections.abc import Container
from typing import TYPE_CHECKING

from challenge.content import sections
from challenge.content.problems import WARNING, Problem

if TYPE_CHECKING:
    from challenge.content.loader import ContentItem


def check_translation(item: "ContentItem", source_locale: str) -> list[Problem]:
    source = item.files.get(source_locale)
    if source is None:
        return []
    problems = []
    version = source.meta["version"]
    for locale, translation in item.files.items():
        if locale == source_locale:
            continue
        problems += [
            Problem(translation.path, line, message)
            for line, message in sections.compare(
                source.data.get("countries", []),
                translation.data.get("countries", []),
                f"{source_locale}.md",
            )
        ]
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


def check_references(known: Container[tuple[str, str]], item: "ContentItem") -> list[Problem]:
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
