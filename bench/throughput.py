"""Target (b): the lesson page served at no less than half the bare route's throughput.

Closed loop: `concurrency` clients, each asking again as soon as it has its answer, for `duration`
seconds per page, first-time visitors (no cookies, so the lesson page carries its country list).
The bare route is measured first and again at the end, and the lesson page twice, so drift from
other work on the machine shows; the ratio is the mean of the lesson page's two runs over the
mean of the bare route's two.
"""

from bench import report
from bench.harness import Server, Workspace, run_load

PAGES = (
    ("lesson page", "/en/lessons/{lesson}"),
    ("home page", "/en/"),
    ("pledge page", "/en/pledges/{pledge}"),
    ("country leaderboard", "/en/leaderboards/countries"),
    ("leaderboard API", "/api/v1/leaderboards/countries"),
)
TARGET_RATIO = 0.5


def measure(server: Server, label: str, path: str, workspace: Workspace, options: dict) -> dict:
    spec = {
        "host": "127.0.0.1",
        "port": server.port,
        "mode": "closed",
        "scenario": "read",
        "concurrency": options["concurrency"],
        "duration": options["duration"],
        "timeout": 30,
        "args": {"paths": [[label, path, 1]]},
    }
    result = run_load(spec, workspace.root, f"throughput-{label.replace(' ', '-')}")
    return result["labels"].get(label) or result["groups"]["all"]


def run(app: Server, bare: Server, slugs: dict, workspace: Workspace, options: dict, say) -> dict:
    first = {"lesson": slugs["lessons"][0], "pledge": slugs["pledges"][0]}
    runs: dict[str, list[dict]] = {}
    pages = PAGES[:1] if options.get("lesson_only") else PAGES
    order = [("bare route", bare, "/"), *((label, app, path) for label, path in pages)]
    if not options.get("lesson_only"):
        order += [("bare route", bare, "/"), ("lesson page", app, PAGES[0][1])]
    for label, server, path in order:
        figures = measure(server, label, path.format(**first), workspace, options)
        runs.setdefault(label, []).append(figures)
        say(f"  {label}: {figures['throughput_rps']:.1f} ok/s, p50 {figures['p50_ms']:.1f} ms")
    mean = {
        label: sum(r["throughput_rps"] for r in figures) / len(figures)
        for label, figures in runs.items()
    }
    lesson_ratio = mean["lesson page"] / mean["bare route"] if mean["bare route"] else None
    errors = sum(r["errors"] for figures in runs.values() for r in figures)
    return {
        "benchmark": "throughput",
        "options": options,
        "runs": runs,
        "mean_throughput_rps": mean,
        "ratios_to_bare": {label: value / mean["bare route"] for label, value in mean.items()},
        "targets": [
            {
                "target": "(b) lesson page ≥ 0.5× the bare route's throughput",
                "measured": f"{lesson_ratio:.2f}×" if lesson_ratio is not None else "n/a",
                "met": lesson_ratio is not None and lesson_ratio >= TARGET_RATIO and not errors,
            }
        ],
    }


def markdown(result: dict) -> str:
    rows = []
    for label, figures in result["runs"].items():
        for number, f in enumerate(figures, 1):
            rows.append(
                [
                    f"{label} (run {number})",
                    f["requests"],
                    f["errors"],
                    f"{f['throughput_rps']:,.1f}",
                    report.ms(f["p50_ms"]),
                    report.ms(f["p99_ms"]),
                    report.ratio(f["throughput_rps"] / result["mean_throughput_rps"]["bare route"]),
                ]
            )
    options = result["options"]
    return (
        f"Closed loop, {options['concurrency']} clients, {options['duration']} s per run, "
        f"{options['workers']} gunicorn workers ({report.worker_class(options)}).\n\n"
        + report.table(
            ["page", "requests", "errors", "ok/s", "p50 ms", "p99 ms", "ok/s ÷ bare (mean)"], rows
        )
    )
