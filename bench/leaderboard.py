"""Target (c) and issue 6 part 8: leaderboard latency at 1,000,000 participants within 1.2x of that
at 1,000, measured in the same run.

Two databases are seeded with `flask demo seed` (the seeding time is recorded), each served by its
own gunicorn with the same configuration. Every leaderboard page and API is then measured on both
at low concurrency (latency, not throughput), in alternating rounds (small, large, small, large...)
so that other work on the machine weighs on both alike; the bare route is measured between them.
The figure compared is the median (p50) over all rounds; p95 and p99 are reported too.
"""

from bench import report
from bench.harness import Server, Workspace, run_load

ENDPOINTS = (
    ("countries, all time", "/en/leaderboards/countries"),
    ("countries, this week by pledges", "/en/leaderboards/countries?window=week&sort=pledges"),
    ("countries, per 100,000 people", "/en/leaderboards/countries?view=per-capita"),
    ("organisations", "/en/leaderboards/organisations"),
    ("embed: the Quad", "/embed/en/quad"),
    ("API: countries", "/api/v1/leaderboards/countries"),
    ("API: countries CSV", "/api/v1/leaderboards/countries.csv?window=30d"),
    ("API: stats", "/api/v1/stats"),
    ("API: organisations", "/api/v1/leaderboards/organisations"),
)
TARGET_RATIO = 1.2


def measure(server: Server, name: str, workspace: Workspace, options: dict, round_: int) -> dict:
    spec = {
        "host": "127.0.0.1",
        "port": server.port,
        "mode": "closed",
        "scenario": "read",
        "concurrency": options["concurrency"],
        "duration": options["duration"] * len(ENDPOINTS),
        "timeout": 30,
        "seed": round_,
        "args": {"paths": [[label, path, 1] for label, path in ENDPOINTS], "cycle": True},
        "groups": {"all leaderboards": [label for label, _ in ENDPOINTS]},
    }
    return run_load(spec, workspace.root, f"leaderboard-{name}-{round_}")


def merged(results: list[dict]) -> dict[str, dict]:
    """Per label over all rounds: counts summed, percentiles the median of the rounds' values."""
    out = {}
    labels = dict.fromkeys(
        name for r in results for name in [*r["labels"], *r["groups"]] if name != "all"
    )
    for label in labels:
        figures = [r["labels"].get(label) or r["groups"].get(label) for r in results]
        figures = [f for f in figures if f]
        out[label] = {
            "requests": sum(f["requests"] for f in figures),
            "errors": sum(f["errors"] for f in figures),
            "throughput_rps": sum(f["throughput_rps"] for f in figures) / len(figures),
            **{
                key: sorted(f[key] for f in figures)[len(figures) // 2]
                for key in ("p50_ms", "p95_ms", "p99_ms")
            },
        }
    return out


def run(
    small: Server,
    large: Server,
    bare: Server,
    sizes: dict,
    seeding: dict,
    workspace: Workspace,
    options: dict,
    say,
) -> dict:
    rounds: dict[str, list[dict]] = {"small": [], "large": [], "bare": []}
    for number in range(options["rounds"]):
        for name, server in (("small", small), ("large", large)):
            rounds[name].append(measure(server, name, workspace, options, number))
            say(
                f"  round {number + 1} {name}: p50 {rounds[name][-1]['groups']['all']['p50_ms']:.1f} ms"
            )
        rounds["bare"].append(
            run_load(
                {
                    "host": "127.0.0.1",
                    "port": bare.port,
                    "mode": "closed",
                    "scenario": "read",
                    "concurrency": options["concurrency"],
                    "duration": options["duration"],
                    "timeout": 30,
                    "args": {"paths": [["bare route", "/", 1]]},
                },
                workspace.root,
                f"leaderboard-bare-{number}",
            )
        )
    figures = {name: merged(results) for name, results in rounds.items()}
    overall_small = figures["small"]["all leaderboards"]
    overall_large = figures["large"]["all leaderboards"]
    ratio = overall_large["p50_ms"] / overall_small["p50_ms"] if overall_small["p50_ms"] else None
    per_endpoint = {
        label: figures["large"][label]["p50_ms"] / figures["small"][label]["p50_ms"]
        for label, _ in ENDPOINTS
        if figures["small"][label]["p50_ms"]
    }
    errors = overall_small["errors"] + overall_large["errors"]
    over = ", ".join(
        f"{label} {value:.2f}×" for label, value in per_endpoint.items() if value > TARGET_RATIO
    )
    return {
        "benchmark": "leaderboard",
        "database": options["database"],
        "options": options,
        "participants": sizes,
        "seed_seconds": seeding,
        "figures": figures,
        "ratio_p50_large_to_small": ratio,
        "ratio_p95_large_to_small": (
            overall_large["p95_ms"] / overall_small["p95_ms"] if overall_small["p95_ms"] else None
        ),
        "ratio_p50_per_endpoint": per_endpoint,
        "targets": [
            {
                "target": f"(c) every leaderboard at {sizes['large']:,} participants within "
                f"1.2× of its latency at {sizes['small']:,} (medians)",
                "measured": f"{ratio:.2f}× overall (median of every leaderboard request); "
                f"endpoints above 1.2×: {over or 'none'}; {errors} errors"
                if ratio is not None
                else "n/a",
                # Every leaderboard, not only their sum: each page must stay flat.
                "met": ratio is not None
                and ratio <= TARGET_RATIO
                and not over
                and errors == 0
                and sizes["large"] >= 1_000_000,
            }
        ],
    }


def markdown(result: dict) -> str:
    small, large = result["figures"]["small"], result["figures"]["large"]
    bare = result["figures"]["bare"]["bare route"]
    sizes, seeding = result["participants"], result["seed_seconds"]
    rows = []
    for label in small:
        s, g = small[label], large[label]
        rows.append(
            [
                label,
                report.ms(s["p50_ms"]),
                report.ms(g["p50_ms"]),
                report.ratio(g["p50_ms"] / s["p50_ms"] if s["p50_ms"] else None),
                report.ms(s["p95_ms"]),
                report.ms(g["p95_ms"]),
                report.ms(s["p99_ms"]),
                report.ms(g["p99_ms"]),
                report.ratio(g["p50_ms"] / bare["p50_ms"] if bare["p50_ms"] else None),
            ]
        )
    n_small, n_large = f"{sizes['small']:,}", f"{sizes['large']:,}"
    return (
        f"{result['database']}: {n_small} participants (seeded in {seeding['small']:.0f} s) "
        f"and {n_large} (seeded in {seeding['large']:.0f} s); {result['options']['rounds']} "
        f"alternating rounds, {result['options']['concurrency']} clients, closed loop. Bare "
        f"route p50 {bare['p50_ms']:.1f} ms.\n\n"
        + report.table(
            [
                "endpoint",
                f"p50 ms at {n_small}",
                f"p50 ms at {n_large}",
                "ratio",
                f"p95 at {n_small}",
                f"p95 at {n_large}",
                f"p99 at {n_small}",
                f"p99 at {n_large}",
                "p50 large ÷ bare",
            ],
            rows,
        )
    )
