import time

import click
from flask.cli import AppGroup

from challenge.demo.edition import finish_an_edition
from challenge.demo.seed import participant_count, seed

demo = AppGroup("demo", help="Fake data for demonstrations and benchmarks.")


@demo.command("seed")
@click.option("--participants", "count", default=1000, show_default=True, type=click.IntRange(1))
@click.option("--days", default=60, show_default=True, type=click.IntRange(1, 3650))
@click.option("--seed", "random_seed", default=2023, show_default=True, help="Random seed.")
def seed_command(count: int, days: int, random_seed: int) -> None:
    """Add fake participants, pledges, lessons read and quiz attempts, then rebuild the counts;
    then a demo participant who finished an edition, and the address of their certificate."""
    started = time.perf_counter()
    try:
        written = seed(count, days=days, random_seed=random_seed)
    except RuntimeError as problem:
        raise click.ClickException(str(problem)) from None
    rows = ", ".join(f"{n} {table}" for table, n in written.items())
    click.echo(
        f"Seeded {rows} in {time.perf_counter() - started:.1f} s; {participant_count()} participants in all."
    )
    url = finish_an_edition()
    if url:
        click.echo(f"A demo participant finished an edition; their certificate: {url}")
