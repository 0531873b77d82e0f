"""`flask content export` and `flask content publish-due`, beside `content check` and `sync`."""

import sys
from pathlib import Path

import click
from flask import current_app

from challenge.config import translation_locales
from challenge.content.cli import content
from challenge.staff.content.export import export_tree
from challenge.staff.content.scheduling import publish_due


@content.command()
@click.option(
    "--to",
    "directory",
    type=click.Path(file_okay=False),
    help="Content folder to write (default: CONTENT_DIR).",
)
@click.option("--dry-run", is_flag=True, help="Only say what would change.")
def export(directory, dry_run):
    """Write the database's content to the content folder as markdown, to commit to git.

    The folder is made to match the database: files are written byte for byte as published,
    archived translations and items are removed. Folders the database does not know are kept.
    """
    root = Path(directory or current_app.config["CONTENT_DIR"])
    config = current_app.config
    report = export_tree(
        root, translation_locales(config), images=config["CONTENT_DIR"], dry_run=dry_run
    )
    verb = "would write" if dry_run else "written"
    for name in report.written:
        click.echo(f"{verb}: {name}")
    for name in report.removed:
        click.echo(f"{'would remove' if dry_run else 'removed'}: {name}")
    for name in report.unknown:
        click.echo(f"not in the database, left as is: {name}", err=True)
    click.echo(
        f"{len(report.written)} written, {len(report.removed)} removed, "
        f"{report.unchanged} unchanged{' (dry run)' if dry_run else ''}."
    )


@content.command("publish-due")
def publish_due_command():
    """Put live the scheduled content whose time has come.

    The job worker (`flask jobs worker`) does this every minute as the periodic job
    publish-scheduled-content; visitor requests never publish. This command does it now, by hand.
    It is idempotent and safe to run beside the worker (each schedule is claimed with a conditional
    UPDATE, and its audit entry is written in the same transaction).
    """
    done = publish_due()
    for name, number, went_live in done:
        click.echo(f"{'published' if went_live else 'FAILED'}: {name} #{number}")
    click.echo(f"{sum(1 for *_, ok in done if ok)} published.")
    if not all(ok for *_, ok in done):
        sys.exit(1)
