"""Target (a), the viral moment: at least 100 pledges a second for 60 seconds while serving at least
1,000 reads a second of pledge and leaderboard pages; no errors, nothing lost, p99 under 250 ms.

Open loop (arrivals at fixed rates, whatever the server does): each pledge is a new visitor who
opens the viral pledge, sends the form with its CSRF token and lands on the thank-you page; reads
are spread over pledge and leaderboard pages and the open-data API. The bare route then gets the
same number of requests a second, for the latency ratios. Afterwards every confirmed pledge is
looked up in the database and `flask stats verify` recounts every tally.

With `ramp`, the same mix is first run for short steps at rising fractions of the target, to find
the largest share this machine sustains within the target's limits.

Before any of it, the bare route is asked closed loop for a few seconds: its throughput is this
machine's speed for this kind of work, so runs on machines of different speeds can be compared
(the target itself is absolute: so many pledges a second on two cores).
"""

import time

from bench import report, throughput, verify
from bench.harness import Database, Server, Workspace, http_get, run_load

TARGET_PLEDGES, TARGET_READS, TARGET_P99_MS = 100, 1000, 250
CALIBRATION = {"concurrency": 16, "duration": 5}  # as `bench throughput` measures the bare route
RAMP = (0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75)
READERS = {"epoll": "bench.reader", "asyncio": "bench.load's asyncio flows"}
READ_LABELS = ("pledge page", "pledge list", "country leaderboard", "leaderboard API")


def read_mix(slugs: dict) -> list[list]:
    viral, *others = slugs["pledges"]
    paths = [["pledge page", f"/en/pledges/{viral}", 45]]
    paths += [["pledge page", f"/en/pledges/{slug}", 10 / len(others)] for slug in others]
    paths += [
        ["pledge list", "/en/pledges/", 5],
        ["country leaderboard", "/en/leaderboards/countries", 20],
        ["country leaderboard", "/en/leaderboards/countries?window=week&sort=pledges", 5],
        ["leaderboard API", "/api/v1/leaderboards/countries", 15],
    ]
    return paths


def read_stream(rate: float, paths: list[list]) -> dict:
    return {"name": "reads", "scenario": "read", "rate": rate, "args": {"paths": paths}}


def spec(
    server: Server,
    slugs: dict,
    pledges: float,
    reads: float,
    duration: float,
    reader: str = "epoll",
) -> dict:
    """The load; with reader "epoll" the plain reads go through `bench.reader`, in a process of
    its own that costs less a request than the visitors' asyncio flows (docs/performance.md)."""
    return {
        "host": "127.0.0.1",
        "port": server.port,
        "mode": "open",
        "duration": duration,
        "timeout": 10,
        "streams": [
            {
                "name": "pledges",
                "scenario": "pledge",
                "rate": pledges,
                "args": {"pledges": slugs["pledges"][:1], "thanks": True},
            },
            *([] if reader == "epoll" else [read_stream(reads, read_mix(slugs))]),
        ],
        **({"reader": {"rate": reads, "paths": read_mix(slugs)}} if reader == "epoll" else {}),
        "groups": {
            "reads": list(READ_LABELS),
            "pledge pages": ["pledge form", "pledge thanks"],
            "pledges": ["pledge post"],
        },
    }


def judge(load: dict, pledges: float, reads: float) -> dict:
    window = load["window_s"]
    groups = load["groups"]
    return {
        "pledges_per_s": len(load["confirmed"]) / window,
        "reads_per_s": groups["reads"]["throughput_rps"],
        "errors": groups["all"]["errors"],
        "p99_ms": groups["all"]["p99_ms"],
        "within": (
            len(load["confirmed"]) / window >= 0.98 * pledges
            and groups["reads"]["throughput_rps"] >= 0.98 * reads
            and groups["all"]["errors"] == 0
            and groups["all"]["p99_ms"] < TARGET_P99_MS
        ),
    }


def recovery_seconds(server: Server, path: str, limit: float = 600) -> float | None:
    """After the surge: how long until the page answers 200 within a second again (unaided)."""
    started = time.perf_counter()
    while time.perf_counter() - started < limit:
        asked = time.perf_counter()
        try:
            if (
                http_get(server.base_url + path, timeout=5)[0] == 200
                and time.perf_counter() - asked < 1
            ):
                return time.perf_counter() - started
        except OSError:
            pass
        time.sleep(0.5)
    return None


def run(
    app: Server,
    bare: Server,
    slugs: dict,
    workspace: Workspace,
    database: Database,
    options: dict,
    say,
) -> dict:
    duration, scale = options["duration"], options.get("scale", 1.0)
    reader = options.get("reader", "epoll")
    pledges, reads = TARGET_PLEDGES * scale, TARGET_READS * scale
    per_second = pledges * 3 + reads  # a pledge is three requests: form, post, thank-you page
    calibration = {**CALIBRATION, "duration": min(CALIBRATION["duration"], max(duration / 2, 1))}
    capacity = throughput.measure(bare, "bare route", "/", workspace, calibration)
    bare_capacity = capacity["throughput_rps"]
    if not bare_capacity:
        raise RuntimeError(f"the bare route did not answer: {capacity}")
    say(
        f"  this machine: the bare route answers {bare_capacity:,.0f} requests/s closed loop; "
        f"the run offers {per_second:,.0f}/s ({per_second / bare_capacity:.2f}× that)"
    )
    ramp = []
    if options.get("ramp"):
        for share in (s for s in RAMP if s < scale):
            load = run_load(
                spec(
                    app,
                    slugs,
                    TARGET_PLEDGES * share,
                    TARGET_READS * share,
                    options["step"],
                    reader,
                ),
                workspace.root,
                f"viral-ramp-{share}",
            )
            step = judge(load, TARGET_PLEDGES * share, TARGET_READS * share) | {"share": share}
            ramp.append(step)
            say(
                f"  ramp {share:.1%}: {step['pledges_per_s']:.1f} pledges/s, "
                f"{step['reads_per_s']:.1f} reads/s, p99 {step['p99_ms']:.0f} ms, "
                f"{step['errors']} errors"
            )
            if not step["within"]:
                break
    load = run_load(spec(app, slugs, pledges, reads, duration, reader), workspace.root, "viral")
    verdict = judge(load, pledges, reads)
    say(
        f"  target run: {verdict['pledges_per_s']:.1f} pledges/s, {verdict['reads_per_s']:.1f} "
        f"reads/s, p99 {verdict['p99_ms']:.0f} ms, {verdict['errors']} errors"
    )
    recovered = recovery_seconds(app, f"/en/pledges/{slugs['pledges'][0]}")
    say(
        f"  pages answer within a second again {recovered:.0f} s after the surge"
        if recovered is not None
        else "  not recovered after 10 minutes"
    )
    bare_path = [["bare route", "/", 1]]
    baseline = run_load(
        {
            "host": "127.0.0.1",
            "port": bare.port,
            "mode": "open",
            "duration": min(duration, 20),
            "timeout": 10,
            **(
                {"streams": [], "reader": {"rate": per_second, "paths": bare_path}}
                if reader == "epoll"
                else {"streams": [read_stream(per_second, bare_path) | {"name": "bare"}]}
            ),
        },
        workspace.root,
        "viral-bare",
    )
    say("  checking every confirmed pledge in the database, then stats verify")
    lookup = verify.confirmed_writes_missing(database.url, workspace.secret_key, load["confirmed"])
    lookup.pop("stats_verify")
    stats = verify.stats_verify(workspace.env(database))
    nothing_lost = lookup["missing"] == 0 and stats["ok"]
    sustained = [step for step in ramp if step["within"]]
    met = verdict["within"] and nothing_lost
    return {
        "benchmark": "viral",
        "database": database.kind,
        "options": options,
        "offered": {"pledges_per_s": pledges, "reads_per_s": reads, "seconds": duration},
        "bare_capacity_rps": bare_capacity,
        "offered_per_bare_capacity": per_second / bare_capacity,
        "achieved": verdict,
        "load": {key: value for key, value in load.items() if key != "confirmed"},
        "baseline": baseline["labels"].get("bare route", baseline["groups"]["all"]),
        "baseline_generator": baseline["generator"],
        "confirmed_pledges": len(load["confirmed"]),
        "verification": lookup,
        "stats_verify": stats,
        "ramp": ramp,
        "largest_sustained_share": sustained[-1]["share"] if sustained else None,
        "recovery_seconds": recovered,
        "targets": [
            {
                "target": "(a) viral: ≥100 pledges/s and ≥1,000 reads/s for 60 s, no errors, "
                "nothing lost, p99 < 250 ms",
                "measured": (
                    f"{verdict['pledges_per_s']:.1f} pledges/s, {verdict['reads_per_s']:.1f} "
                    f"reads/s, {verdict['errors']} errors, p99 {verdict['p99_ms']:.0f} ms, "
                    f"{lookup['missing']} confirmed pledges missing, stats verify "
                    f"{'ok' if stats['ok'] else 'FAILED'}; pages fast again "
                    + (f"{recovered:.0f} s after the surge" if recovered is not None else "never")
                    + (f" (offered at {scale:.0%} of the target)" if scale != 1 else "")
                    + f"; this machine's bare route answers {bare_capacity:,.0f} requests/s"
                ),
                "met": met and scale >= 1 and duration >= 60,
            }
        ],
    }


def markdown(result: dict) -> str:
    load, baseline = result["load"], result["baseline"]
    offered = result["offered"]
    rows = report.latency_rows(
        {**{f"{name} (group)": s for name, s in load["groups"].items()}, **load["labels"]},
        baseline,
    )
    rows.append(["bare route, same requests/s", *report.latency_rows({"": baseline})[0][1:]])
    seconds = result.get("recovery_seconds")
    recovery = f"{seconds:.0f} s" if seconds is not None else "more than 10 minutes"
    share = result.get("largest_sustained_share")
    sustained = f"{share:.1%}" if share is not None else "none of the steps"
    text = (
        f"Open loop on {result['database']}: {offered['pledges_per_s']:g} pledges/s and "
        f"{offered['reads_per_s']:g} reads/s offered for {offered['seconds']} s "
        f"({result['options']['workers']} gunicorn workers, {report.worker_class(result['options'])}"
        f"; plain reads sent by {READERS[result['options'].get('reader', 'asyncio')]})"
        ". Confirmed pledges: "
        f"{result['confirmed_pledges']}, missing from the database: "
        f"{result['verification']['missing']}; stats verify: "
        f"{'ok' if result['stats_verify']['ok'] else 'FAILED'}. Generator: "
        f"{load['generator']}. After the surge, pages answered within a second again after "
        f"{recovery} (nobody intervened). Largest share of the target sustained within its "
        f"limits in the ramp: {sustained}. This machine's speed: the bare route answered "
        f"{result['bare_capacity_rps']:,.0f} requests/s closed loop before the run, which "
        f"offered {result['offered_per_bare_capacity']:.2f}× that.\n\n"
        + report.table(report.LATENCY_HEADERS + report.RATIO_HEADERS, rows)
    )
    if result["ramp"]:
        text += "\n\nRamp (same mix, short steps, at a share of the target):\n\n" + report.table(
            ["share", "pledges/s", "reads/s", "errors", "p99 ms", "within limits"],
            [
                [
                    f"{s['share']:.1%}",
                    f"{s['pledges_per_s']:.1f}",
                    f"{s['reads_per_s']:.1f}",
                    s["errors"],
                    report.ms(s["p99_ms"]),
                    "yes" if s["within"] else "no",
                ]
                for s in result["ramp"]
            ],
        )
    return text
