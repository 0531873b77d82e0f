"""The editions issue's daily check-in under load: check-ins per second at 100,000 participants,
with the edition page served from the public cache path.

The database has PARTICIPANTS participants (`flask demo seed`), each already checked in on the
running edition's first day (one SQL statement, so the check-in table has a row per participant),
and quad-cyber-challenge-2023 runs as the demo's edition (DEMO_RUNNING_EDITION: its windows begin
yesterday, so days 1 and 2 are open everywhere). Locust users (bench/locustfile.py's
EditionCheckIn, closed loop) are new visitors: each opens the edition page without a cookie (the
answer must be `Cache-Control: public, s-maxage`: the page a shared cache keeps for everyone),
ticks day 1's task with a country (the check-in that makes the participant), then day 2's, and
follows each redirect to their own page.

Figures are compared with a baseline measured in the same run, never with absolute numbers
(a shared two-core machine): check-ins per second as a ratio to the bare route's requests per
second (wrk, same server settings), and the newcomer's edition page's throughput likewise.
Checked: every check-in the site acknowledged is in the database.
"""

from sqlalchemy import create_engine, text

from bench import report
from bench.loadtest import locust_start, wrk_run


def times(value: float | None) -> str:
    """A ratio to the baseline, with the digits a small one needs."""
    return "n/a" if value is None else f"{value:.3f}×"


EDITION = "quad-cyber-challenge-2023"  # its first two days' tasks: bench/locustfile.py
ENV = {"DEMO_RUNNING_EDITION": EDITION}
CHECK_IN_LABELS = ("first check-in", "check-in")
PAGE_LABELS = ("edition page (newcomer)", "edition page (participant)")


def seed_check_ins(database_url: str) -> int:
    """Every participant checked in on day 1's task, as if the edition had run a day already."""
    engine = create_engine(database_url)
    try:
        with engine.begin() as connection:
            item_id = connection.execute(
                text("SELECT id FROM content_item WHERE kind = 'edition' AND slug = :slug"),
                {"slug": EDITION},
            ).scalar_one()
            connection.execute(
                text(
                    "INSERT INTO edition_check_in"
                    " (participant_id, item_id, action_id, day_index, via, country, created_at)"
                    " SELECT id, :item_id, 'update-devices', 0, 'task', country, CURRENT_TIMESTAMP"
                    " FROM participant WHERE id NOT IN (SELECT participant_id"
                    " FROM edition_check_in WHERE item_id = :item_id)"  # the demo's finisher
                ),
                {"item_id": item_id},
            )
            return connection.execute(text("SELECT count(*) FROM edition_check_in")).scalar_one()
    finally:
        engine.dispose()


def run(workspace, database, app_url: str, bare_url: str, options: dict, say) -> dict:
    seconds, users = options["seconds"], options["users"]
    bare = wrk_run(bare_url + "/", max(seconds / 3, 1), users, 1)
    bare.pop("output")
    say(f"  bare route: {bare['throughput_rps']:,.0f} requests/s ({users} connections)")
    page = wrk_run(f"{app_url}/en/editions/{EDITION}", max(seconds / 3, 1), users, 1)
    page.pop("output")
    say(f"  edition page, no cookie: {page['throughput_rps']:,.0f} requests/s")
    before = seed_count(database.url)
    locust = locust_start(
        app_url,
        {"EditionCheckIn": users},
        seconds,
        {},
        workspace.root,
        "check-ins",
        closed_loop=True,
        env={"BENCH_EDITION": EDITION},
    )
    load = locust.result(seconds + 120)
    acknowledged = locust.acknowledged()
    labels = load["labels"]
    check_ins = sum(labels.get(label, {}).get("requests", 0) for label in CHECK_IN_LABELS)
    errors = labels.get("Aggregated", {}).get("errors", 0)
    # Locust's own rate, over the run's duration (acknowledgements go on while users stop).
    rate = sum(labels.get(label, {}).get("throughput_rps", 0.0) for label in CHECK_IN_LABELS)
    after = seed_count(database.url)
    say(
        f"  {check_ins:,} check-ins in {seconds:g} s: {rate:,.1f}/s ({len(acknowledged):,} acknowledged)"
    )
    # Each acknowledged check-in is a new row (new visitors, one tick per action): fewer new rows
    # than acknowledgements means a write the site confirmed was lost.
    lost = max(0, len(acknowledged) - (after - before))
    ratio = rate / bare["throughput_rps"] if bare["throughput_rps"] else None
    page_ratio = page["throughput_rps"] / bare["throughput_rps"] if bare["throughput_rps"] else None
    return {
        "benchmark": "check-ins",
        "database": database.kind,
        "options": options,
        "participants": options["participants"],
        "seeded_check_ins": before,
        "bare": bare,
        "edition_page": page,
        "load": load,
        "check_ins_sent": check_ins,
        "check_ins_acknowledged": len(acknowledged),
        "check_ins_per_second": rate,
        "lost": lost,
        "ratio_check_ins_to_bare": ratio,
        "ratio_edition_page_to_bare": page_ratio,
        "targets": [
            {
                "target": f"daily check-ins at {options['participants']:,} participants, the "
                "edition page from the public cache path: every acknowledged check-in stored, "
                "no errors (measured as ratios to the bare route, no absolute target)",
                "measured": f"{rate:,.1f} check-ins/s ({times(ratio)} the bare route's "
                f"requests/s); edition page {page['throughput_rps']:,.0f}/s "
                f"({times(page_ratio)}); {errors} errors; {lost} lost",
                "met": errors == 0 and lost == 0 and len(acknowledged) > 0,
            }
        ],
    }


def seed_count(database_url: str) -> int:
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            return connection.execute(text("SELECT count(*) FROM edition_check_in")).scalar_one()
    finally:
        engine.dispose()


def markdown(result: dict) -> str:
    labels = result["load"]["labels"]
    rows = report.label_rows(labels)
    bare, page = result["bare"], result["edition_page"]
    return (
        f"{result['database']}: {result['participants']:,} participants, "
        f"{result['seeded_check_ins']:,} check-ins before the run (one each on day 1); "
        f"{result['options']['users']} Locust users, closed loop, {result['options']['seconds']:g} s. "
        f"**{result['check_ins_per_second']:,.1f} check-ins/s**, "
        f"{times(result['ratio_check_ins_to_bare'])} the bare route's "
        f"{bare['throughput_rps']:,.0f} requests/s; the edition page without a cookie (wrk) "
        f"{page['throughput_rps']:,.0f} requests/s, p50 {page.get('p50_ms', 0):.1f} ms "
        f"({times(result['ratio_edition_page_to_bare'])}). "
        f"{result['lost']} acknowledged check-ins missing from the database.\n\n"
        + report.table(report.LATENCY_HEADERS, rows)
    )
