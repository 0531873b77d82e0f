"""Latency percentiles, throughput and errors of a set of requests, and ratios between two sets."""

from collections import Counter

PERCENTILES = (50, 95, 99)


def percentile(ordered: list[float], p: float) -> float:
    """Nearest-rank percentile of an already sorted list (0.0 when empty)."""
    if not ordered:
        return 0.0
    rank = max(1, min(len(ordered), round(p / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def summarise(
    latencies_ms: list[float],
    statuses: Counter,
    failures: Counter,
    unexpected: int,
    window_s: float,
) -> dict:
    """One label's figures: requests, errors (unexpected statuses and failed connections),
    throughput of good answers per second, and latency percentiles in milliseconds."""
    ordered = sorted(latencies_ms)
    failed = sum(failures.values())
    answered = len(ordered)
    good = answered - unexpected
    summary = {
        "requests": answered + failed,
        "ok": good,
        "errors": unexpected + failed,
        "statuses": dict(statuses),
        "failures": dict(failures),
        "throughput_rps": good / window_s if window_s else 0.0,
        "mean_ms": sum(ordered) / answered if answered else 0.0,
        "max_ms": ordered[-1] if ordered else 0.0,
    }
    for p in PERCENTILES:
        summary[f"p{p}_ms"] = percentile(ordered, p)
    return summary


def ratios(measured: dict, baseline: dict) -> dict:
    """measured / baseline for throughput and each latency percentile (None when undefined)."""

    def ratio(key: str) -> float | None:
        base = baseline.get(key) or 0.0
        return measured.get(key, 0.0) / base if base else None

    return {key: ratio(key) for key in ("throughput_rps", *(f"p{p}_ms" for p in PERCENTILES))}
