"""`flask stats verify` and `flask stats rebuild`: tallies against the rows they count."""

import click
from flask.cli import AppGroup

from challenge.participation import reconcile

stats = AppGroup("stats", help="Check or rebuild the participation counts.")


@stats.command("verify")
@click.option("--show", default=20, help="How many differences to print.")
def verify(show: int) -> None:
    """Recompute every count from the raw rows; exit non-zero if any stored count drifted."""
    problems = reconcile.drift()
    if not problems:
        click.echo("All counts match the rows they count.")
        return
    for key, stored, recounted in problems[:show]:
        click.echo(f"{' '.join(map(str, key))}: stored {stored}, recounted {recounted}", err=True)
    raise click.ClickException(f"{len(problems)} counts drifted from the rows")


@stats.command("rebuild")
def rebuild() -> None:
    """Replace every count with a recount from the rows."""
    written = reconcile.rebuild()
    click.echo(f"Rebuilt {written} daily counts.")
