"""Target (c) and issue 6 part 8: leaderboard latency at 1,000,000 participants within 1.2x of that
at 1,000, measured in the same run.

Two databases are seeded with `flask demo seed` (the seeding time is recorded), each served by its
own gunicorn with the same configuration. Every leaderboard page and API is then measured on both
at low concurrency (latency, not throughput), in alternating rounds (small, large, small, large...)
so that other work on the machine weighs on both alike; the bare route is measured between them.
The figure compared is the median (p50) over all rounds; p90 and p99 are reported too.

Each round asks twice: as newcomers (no cookie: pages the server keeps whole for a second), and as
a returning visitor (a session cookie: every page rendered, from the cached figures and content).
The target holds only if both stay within 1.2x, page by page.
"""

import urllib.request

from bench import report
from bench.harness import Server, Workspace, discover_slugs
from bench.loadtest import wrk_run

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


VISITORS = ("newcomer", "returning")
PLURAL = {"newcomer": "newcomers", "returning": "returning visitors"}


def session_cookie(server: Server) -> dict[str, str]:
    """A real session cookie, as anyone who opened a page with a form has."""
    pledge = discover_slugs(server.base_url)["pledges"][0]
    url = f"{server.base_url}/en/pledges/{pledge}"
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - our own server
        cookies = response.headers.get_all("Set-Cookie") or []
    pairs = (cookie.split(";", 1)[0].split("=", 1) for cookie in cookies)
    return {name: value for name, value in pairs if name == "qcc_session"}


def labelled(visitor: str, label: str) -> str:
    return label if visitor == "newcomer" else f"{label} (returning)"


def measure(
    server: Server, name: str, workspace: Workspace, options: dict, round_: int, visitor: str
) -> dict:
    """Each endpoint with wrk for `duration` seconds; the group is the endpoints' mean."""
    cookies = session_cookie(server) if visitor == "returning" else {}
    headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())} if cookies else {}
    labels = {}
    for label, path in ENDPOINTS:
        figures = wrk_run(
            server.base_url + path, options["duration"], options["concurrency"], 1, headers
        )
        labels[labelled(visitor, label)] = {k: v for k, v in figures.items() if k != "output"}
    return {"labels": labels, "groups": {f"all leaderboards ({visitor})": mean_of(labels)}}


def mean_of(labels: dict[str, dict]) -> dict:
    figures = list(labels.values())
    return {
        "requests": sum(f["requests"] for f in figures),
        "errors": sum(f["errors"] for f in figures),
        **{
            key: sum(f[key] for f in figures) / len(figures)
            for key in ("throughput_rps", "p50_ms", "p90_ms", "p99_ms")
        },
    }


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
                for key in ("p50_ms", "p90_ms", "p99_ms")
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
            for visitor in VISITORS:
                rounds[name].append(measure(server, name, workspace, options, number, visitor))
                p50 = rounds[name][-1]["groups"][f"all leaderboards ({visitor})"]["p50_ms"]
                say(f"  round {number + 1} {name}, {PLURAL[visitor]}: p50 {p50:.1f} ms")
        bare_url = bare.base_url + "/"
        bare_figures = wrk_run(bare_url, options["duration"], options["concurrency"], 1)
        bare_figures.pop("output")
        rounds["bare"].append({"labels": {"bare route": bare_figures}, "groups": {}})
    figures = {name: merged(results) for name, results in rounds.items()}

    def ratio_of(label: str, key: str = "p50_ms") -> float | None:
        small_value = figures["small"][label][key]
        return figures["large"][label][key] / small_value if small_value else None

    overall = {visitor: ratio_of(f"all leaderboards ({visitor})") for visitor in VISITORS}
    per_endpoint = {
        labelled(visitor, label): ratio_of(labelled(visitor, label))
        for visitor in VISITORS
        for label, _ in ENDPOINTS
    }
    errors = sum(
        figures[name][f"all leaderboards ({visitor})"]["errors"]
        for name in ("small", "large")
        for visitor in VISITORS
    )
    over = ", ".join(
        f"{label} {value:.2f}×"
        for label, value in per_endpoint.items()
        if value is None or value > TARGET_RATIO
    )
    shown = "; ".join(
        f"{PLURAL[visitor]} {value:.2f}×" if value is not None else f"{PLURAL[visitor]} n/a"
        for visitor, value in overall.items()
    )
    return {
        "benchmark": "leaderboard",
        "database": options["database"],
        "options": options,
        "participants": sizes,
        "seed_seconds": seeding,
        "figures": figures,
        "ratio_p50_large_to_small": overall,
        "ratio_p90_large_to_small": {
            visitor: ratio_of(f"all leaderboards ({visitor})", "p90_ms") for visitor in VISITORS
        },
        "ratio_p50_per_endpoint": per_endpoint,
        "targets": [
            {
                "target": f"(c) every leaderboard at {sizes['large']:,} participants within "
                f"1.2× of its latency at {sizes['small']:,} (medians), for newcomers and for "
                "returning visitors",
                "measured": f"{shown} (medians of every leaderboard request); "
                f"endpoints above 1.2×: {over or 'none'}; {errors} errors",
                # Every leaderboard, not only their sum: each page must stay flat.
                "met": all(
                    value is not None and value <= TARGET_RATIO for value in overall.values()
                )
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
                report.ms(s["p90_ms"]),
                report.ms(g["p90_ms"]),
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
                f"p90 at {n_small}",
                f"p90 at {n_large}",
                f"p99 at {n_small}",
                f"p99 at {n_large}",
                "p50 large ÷ bare",
            ],
            rows,
        )
    )
