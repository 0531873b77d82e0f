"""What a load generator records: each request's label, status or failure and latency, and the
writes the server confirmed; summarised as throughput, percentiles and errors. `bench.load` and
`bench.reader` each keep one, and the reader's, made in its own process, is merged into the load's.
"""

import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from bench.httpclient import Response
from bench.stats import summarise


@dataclass
class Recorder:
    started: float = field(default_factory=time.perf_counter)
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    failures: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    unexpected: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    timeline: dict[int, Counter] = field(default_factory=lambda: defaultdict(Counter))
    confirmed: list[list] = field(default_factory=list)
    error_examples: list[str] = field(default_factory=list)
    writes_started: int = 0
    flows_abandoned: int = 0

    def second(self) -> int:
        return int(time.perf_counter() - self.started)

    def response(self, label: str, response: Response, ok: bool) -> None:
        self.answer(label, response.status, response.latency_ms, ok)

    def answer(self, label: str, status: int, latency_ms: float, ok: bool) -> None:
        self.latencies[label].append(latency_ms)
        self.statuses[label][str(status)] += 1
        second = self.timeline[self.second()]
        second["ok" if ok else "error"] += 1
        # The slowest answer completed in each second: a stall shows as a run of slow seconds.
        second["slowest_ms"] = max(second["slowest_ms"], round(latency_ms))
        if not ok:
            self.unexpected[label] += 1
            if len(self.error_examples) < 20:
                self.error_examples.append(f"{label}: HTTP {status}")

    def failure(self, label: str, reason: str) -> None:
        self.failures[label][reason] += 1
        self.timeline[self.second()]["failed"] += 1
        if len(self.error_examples) < 20:
            self.error_examples.append(f"{label}: {reason}")

    def raw(self) -> dict:
        """Everything recorded, for another process's recorder to `merge`."""
        return {
            "latencies": self.latencies,
            "statuses": self.statuses,
            "failures": self.failures,
            "unexpected": self.unexpected,
            "timeline": self.timeline,
            "error_examples": self.error_examples,
        }

    def merge(self, raw: dict) -> None:
        """Add what another recorder (`bench.reader`'s, in its own process) recorded."""
        for label, latencies in raw["latencies"].items():
            self.latencies[label] += latencies
        for name in ("statuses", "failures"):
            for label, counts in raw[name].items():
                getattr(self, name)[label].update(counts)
        for label, count in raw["unexpected"].items():
            self.unexpected[label] += count
        for second, counts in raw["timeline"].items():
            mine = self.timeline[int(second)]
            for key, value in counts.items():
                mine[key] = max(mine[key], value) if key == "slowest_ms" else mine[key] + value
        room = 20 - len(self.error_examples)
        self.error_examples += raw["error_examples"][: max(room, 0)]

    def summary(self, labels: list[str], window: float) -> dict:
        """The figures of the requests under these labels, taken together."""
        return summarise(
            [ms for label in labels for ms in self.latencies.get(label, ())],
            sum((self.statuses.get(label, Counter()) for label in labels), Counter()),
            sum((self.failures.get(label, Counter()) for label in labels), Counter()),
            sum(self.unexpected.get(label, 0) for label in labels),
            window,
        )

    def result(self, window: float, groups: dict[str, list[str]]) -> dict:
        labels = sorted(set(self.latencies) | set(self.failures))
        return {
            "window_s": window,
            "labels": {label: self.summary([label], window) for label in labels},
            "groups": {
                "all": self.summary(labels, window),
                **{name: self.summary(members, window) for name, members in groups.items()},
            },
            "timeline": [
                {"second": second, **self.timeline[second]} for second in sorted(self.timeline)
            ],
            "confirmed": self.confirmed,
            "writes_started": self.writes_started,
            "flows_abandoned": self.flows_abandoned,
            "error_examples": self.error_examples,
        }
