"""Target (a), the viral moment: at least 100 pledges a second for 60 seconds while serving at least
1,000 reads a second of pledge and leaderboard pages; no errors, nothing lost, p99 under 250 ms.

Locust (bench/locustfile.py) keeps the rates: 100 pledge takers at one pledge a second each (the
form, the post with the site's Origin, the thank-you page) and 100 readers at ten reads a second.
The bare route is read by wrk in the same run, for the machine's speed. Afterwards every pledge
the site acknowledged is looked up in the database and `flask stats verify` recounts every tally.
"""

from bench import report, verify
from bench.loadtest import locust_run, wrk_run

TARGET_PLEDGES, TARGET_READS, TARGET_P99_MS = 100, 1000, 250
READS_PER_READER = 10  # the Reader class's constant_throughput
WRITE_LABELS = ("pledge form", "pledge post", "pledge thanks")


def users(scale: float) -> dict[str, int]:
    return {
        "PledgeTaker": max(1, round(TARGET_PLEDGES * scale)),
        "Reader": max(1, round(TARGET_READS * scale / READS_PER_READER)),
    }


def run(base_url: str, bare_url: str, slugs: dict, workspace, database, options: dict, say):
    duration, scale = options["duration"], options.get("scale", 1.0)
    bare = wrk_run(bare_url + "/", min(5, max(duration / 2, 1)))
    say(f"  this machine: the bare route answers {bare['throughput_rps']:,.0f} requests/s (wrk)")
    wanted = users(scale)
    load = locust_run(base_url, wanted, duration, slugs, workspace.root, "viral")
    labels = load["labels"]
    total = labels.get("Aggregated", {})
    reads = sum(
        f["throughput_rps"]
        for name, f in labels.items()
        if name not in (*WRITE_LABELS, "Aggregated")
    )
    pledges = len(load["acknowledged"]) / duration
    say(
        f"  {pledges:.1f} pledges/s acknowledged, {reads:.1f} reads/s, p99 "
        f"{total.get('p99_ms', 0):.0f} ms, {total.get('errors', 0)} errors"
    )
    say("  checking every acknowledged pledge in the database, then stats verify")
    lookup = verify.confirmed_writes_missing(
        database.url, workspace.secret_key, load["acknowledged"]
    )
    lookup.pop("stats_verify")
    stats = verify.stats_verify(workspace.env(database))
    offered_pledges, offered_reads = TARGET_PLEDGES * scale, TARGET_READS * scale
    within = (
        pledges >= 0.98 * offered_pledges
        and reads >= 0.98 * offered_reads
        and total.get("errors", 1) == 0
        and total.get("p99_ms", TARGET_P99_MS) < TARGET_P99_MS
    )
    return {
        "benchmark": "viral",
        "database": database.kind,
        "options": options,
        "users": wanted,
        "offered": {
            "pledges_per_s": offered_pledges,
            "reads_per_s": offered_reads,
            "seconds": duration,
        },
        "bare_capacity_rps": bare["throughput_rps"],
        "achieved": {"pledges_per_s": pledges, "reads_per_s": reads, **total},
        "labels": labels,
        "acknowledged_pledges": len(load["acknowledged"]),
        "verification": lookup,
        "stats_verify": stats,
        "targets": [
            {
                "target": "(a) viral: ≥100 pledges/s and ≥1,000 reads/s for 60 s, no errors, "
                "nothing lost, p99 < 250 ms",
                "measured": f"{pledges:.1f} pledges/s, {reads:.1f} reads/s, "
                f"{total.get('errors', 0)} errors, p99 {total.get('p99_ms', 0):.0f} ms, "
                f"{lookup['missing']} acknowledged pledges missing, stats verify "
                f"{'ok' if stats['ok'] else 'FAILED'}"
                + (f" (offered at {scale:.0%} of the target)" if scale != 1 else "")
                + f"; bare route {bare['throughput_rps']:,.0f} req/s",
                "met": within
                and lookup["missing"] == 0
                and stats["ok"]
                and scale >= 1
                and duration >= 60,
            }
        ],
    }


def markdown(result: dict) -> str:
    rows = report.label_rows(result["labels"])
    o = result["offered"]
    return (
        f"Locust on {result['database']}: {o['pledges_per_s']:g} pledges/s and {o['reads_per_s']:g} "
        f"reads/s for {o['seconds']} s ({result['users']}). Acknowledged pledges: "
        f"{result['acknowledged_pledges']}, missing from the database: "
        f"{result['verification']['missing']}; stats verify "
        f"{'ok' if result['stats_verify']['ok'] else 'FAILED'}. Bare route (wrk): "
        f"{result['bare_capacity_rps']:,.0f} req/s.\n\n"
        + report.table(report.LATENCY_HEADERS, rows)
    )
