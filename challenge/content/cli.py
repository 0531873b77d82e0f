"""`flask content check|sync`: validate the markdown tree and import it."""

import datetime as dt
import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from challenge.config import translation_locales
from challenge.content.ages import check_ages
from challenge.content.loader import ContentTree, load_tree
from challenge.content.operations import sync_tree
from challenge.content.problems import ContentError


def load_configured_tree(directory: str | None) -> ContentTree:
    config = current_app.config
    return load_tree(
        Path(directory or config["CONTENT_DIR"]),
        translation_locales(config),
        config["DEFAULT_LOCALE"],
    )


def report_problems(tree: ContentTree) -> None:
    for problem in tree.problems:
        click.echo(str(problem), err=True)


@click.group(cls=AppGroup)
def content():
    """Check and import the markdown content."""


@content.command()
@click.option(
    "--dir",
    "directory",
    type=click.Path(file_okay=False),
    help="Content folder (default: CONTENT_DIR).",
)
@click.option(
    "--strict", is_flag=True, help="Treat warnings, such as outdated translations, as errors."
)
def check(directory, strict):
    """Validate every content file; exit non-zero on any error. Facts last checked too long ago
    (help channels older than CHANNELS_MAX_AGE_MONTHS) are warnings."""
    tree = load_configured_tree(directory)
    tree.problems = sorted(
        tree.problems + check_ages(tree, dt.datetime.now(dt.UTC).date(), current_app.config)
    )
    report_problems(tree)
    files = sum(len(item.files) for item in tree.items.values())
    click.echo(
        f"{len(tree.items)} items, {files} files: {len(tree.errors)} errors, {len(tree.warnings)} warnings."
    )
    if tree.errors or (strict and tree.warnings):
        sys.exit(1)


@content.command()
@click.option(
    "--dir",
    "directory",
    type=click.Path(file_okay=False),
    help="Content folder (default: CONTENT_DIR).",
)
def sync(directory):
    """Validate, then import the content into the database; an invalid tree changes nothing.
    A sync that changes anything is in the audit log."""
    tree = load_configured_tree(directory)
    report_problems(tree)
    try:
        report = sync_tree(
            tree,
            current_app.config["DEFAULT_LOCALE"],
            audit_as=str(directory or current_app.config["CONTENT_DIR"]),
        )
    except ContentError:
        click.echo(f"Nothing imported: {len(tree.errors)} errors.", err=True)
        sys.exit(1)
    for label, names in (
        ("created", report.created),
        ("updated", report.updated),
        ("archived", report.archived),
    ):
        for name in names:
            click.echo(f"{label}: {name}")
    click.echo(
        f"{len(report.created)} created, {len(report.updated)} updated, "
        f"{len(report.archived)} archived, {report.unchanged} unchanged."
    )
