"""`flask stats`: tallies against the rows they count (verify, rebuild, fold), and bursts of fake
participants (bursts, discount, restore, forget-origins)."""

import datetime as dt

import click
from flask.cli import AppGroup

from challenge.clock import utcnow
from challenge.participation import bursts, fold, reconcile

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
    """Replace every count with a recount from the rows (audited)."""
    written = reconcile.rebuild(audited=True)
    click.echo(f"Rebuilt {written} daily counts.")


@stats.command("fold")
def fold_command() -> None:
    """Fold the pending tally changes into the counts now (the job worker does it every second)."""
    click.echo(f"Folded {fold.fold()} pending changes; {fold.pending()} pending.")


TIME_FORMATS = ["%Y-%m-%d", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]


@stats.command("bursts")
@click.option("--since", type=click.DateTime(TIME_FORMATS), required=True, help="From (UTC).")
@click.option("--until", type=click.DateTime(TIME_FORMATS), help="Up to (UTC); now when left out.")
@click.option("--country", help="Only this country (ISO 3166-1 alpha-2 code).")
@click.option(
    "--min", "threshold", default=20, show_default=True, help="New participants in a minute."
)
def list_bursts(since, until, country, threshold) -> None:
    """List the minutes in which many participants started from one network in one country."""
    found = bursts.find(
        since, until, country=country.upper() if country else None, threshold=threshold
    )
    if not found:
        click.echo(f"No minute with {threshold} or more new participants from one origin.")
        return
    click.echo("minute (UTC)      country  origin            participants  pledges  accounts")
    for burst in found:
        click.echo(
            f"{burst.minute:%Y-%m-%d %H:%M}  {burst.country or '-':<7}  {burst.origin:<16}  "
            f"{burst.participants:>12}  {burst.pledges:>7}  {burst.with_accounts:>8}"
        )
    click.echo(
        "Discount one with: flask stats discount --origin ORIGIN --since MINUTE --until MINUTE"
        " [--country CODE] --reason TEXT"
    )


def _criteria(origin, since, until, country) -> bursts.Criteria:
    if until <= since:
        raise click.BadParameter("must be after --since", param_hint="--until")
    return bursts.Criteria(
        origin=origin, since=since, until=until, country=country.upper() if country else None
    )


@stats.command("discount")
@click.option("--origin", required=True, help="The origin hash that `stats bursts` listed.")
@click.option("--since", type=click.DateTime(TIME_FORMATS), required=True, help="From (UTC).")
@click.option("--until", type=click.DateTime(TIME_FORMATS), required=True, help="Before (UTC).")
@click.option("--country", help="Only participants in this country.")
@click.option("--reason", required=True, help="Why, for the audit log.")
@click.option("--dry-run", is_flag=True, help="Only say what would be discounted.")
def discount(origin, since, until, country, reason, dry_run) -> None:
    """Stop counting the participants who started from ORIGIN between --since and --until."""
    criteria = _criteria(origin, since, until, country)
    if dry_run:
        participants, pledges, accounts = bursts.matching(criteria)
        click.echo(
            f"Would discount {participants} participants and their {pledges} pledges"
            f" ({accounts} with an account left alone)."
        )
        return
    outcome = bursts.discount(criteria, reason=reason)
    if outcome.batch is None:
        click.echo(f"Nothing to discount ({outcome.skipped_accounts} with an account left alone).")
        return
    click.echo(
        f"Discounted {outcome.participants} participants and their {outcome.pledges} pledges"
        f" as batch {outcome.batch} ({outcome.skipped_accounts} with an account left alone)."
        f" Undo with: flask stats restore {outcome.batch} --reason TEXT"
    )


@stats.command("restore")
@click.argument("batch")
@click.option("--reason", required=True, help="Why, for the audit log.")
def restore(batch, reason) -> None:
    """Count a discounted BATCH again."""
    restored = bursts.restore(batch, reason=reason)
    if not restored:
        raise click.ClickException(f"No participants are discounted in batch {batch}.")
    click.echo(f"Restored {restored} participants of batch {batch}.")


@stats.command("forget-origins")
@click.option(
    "--days",
    default=bursts.ORIGIN_DAYS,
    show_default=True,
    help="Keep the origins of the last DAYS days.",
)
def forget_origins(days: int) -> None:
    """Erase the origin hashes of participants who started more than DAYS days ago (audited
    when it erases any)."""
    cutoff = utcnow() - dt.timedelta(days=days)
    click.echo(f"Erased the origin of {bursts.forget_origins(cutoff)} participants.")
