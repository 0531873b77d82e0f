"""Target (b) and issue 27's read throughput: leaderboard and lesson pages per second with wrk,
against the bare route measured in the same run, through any base URL (plain gunicorn as `make
serve` runs it, or nginx's micro-cache in front: `--target NAME=URL`)."""

from bench import report
from bench.loadtest import wrk_run

PAGES = (
    ("lesson page", "/en/lessons/{lesson}"),
    ("country leaderboard", "/en/leaderboards/countries"),
    ("leaderboard API", "/api/v1/leaderboards/countries"),
)
TARGET_RATIO = 0.5  # (b): the lesson page at no less than half the bare route's throughput


def run(targets: dict[str, str], bare_url: str, slugs: dict, options: dict, say) -> dict:
    """`targets`: {name: base URL}. The bare route first and last, so drift shows."""
    first = {"lesson": slugs["lessons"][0]}
    seconds, connections = options["duration"], options["connections"]
    bare = [wrk_run(bare_url + "/", seconds, connections)]
    say(f"  bare route: {bare[0]['throughput_rps']:,.0f} req/s")
    figures = {}
    for name, base in targets.items():
        for label, path in PAGES:
            measured = wrk_run(base + path.format(**first), seconds, connections)
            figures[f"{label} ({name})"] = measured
            say(f"  {label} ({name}): {measured['throughput_rps']:,.0f} req/s")
    bare.append(wrk_run(bare_url + "/", seconds, connections))
    bare_rps = sum(b["throughput_rps"] for b in bare) / len(bare)
    rows = {"bare route": {**bare[-1], "throughput_rps": bare_rps}, **figures}
    ratios = {label: f["throughput_rps"] / bare_rps for label, f in figures.items() if bare_rps}
    lesson = [r for label, r in ratios.items() if label.startswith("lesson page")]
    errors = sum(f["errors"] for f in figures.values())
    return {
        "benchmark": "reads",
        "options": options,
        "targets_measured": targets,
        "figures": {k: {kk: vv for kk, vv in v.items() if kk != "output"} for k, v in rows.items()},
        "ratios_to_bare": ratios,
        "targets": [
            {
                "target": "(b) lesson page ≥ 0.5× the bare route's throughput (wrk, closed loop)",
                "measured": ", ".join(f"{r:.2f}×" for r in lesson) + f"; {errors} errors",
                "met": bool(lesson) and min(lesson) >= TARGET_RATIO and not errors,
            }
        ],
    }


def markdown(result: dict) -> str:
    rows = [
        [
            label,
            f"{f['throughput_rps']:,.0f}",
            report.ratio(result["ratios_to_bare"].get(label, 1.0)),
            report.ms(f.get("p50_ms")),
            report.ms(f.get("p99_ms")),
            f["errors"],
        ]
        for label, f in result["figures"].items()
    ]
    o = result["options"]
    return f"wrk, {o['connections']} connections, {o['duration']} s a page.\n\n" + report.table(
        ["page (target)", "req/s", "÷ bare", "p50 ms", "p99 ms", "errors"], rows
    )
