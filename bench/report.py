"""Results: the machine they were measured on, JSON and markdown under bench/results/, tables."""

import datetime as dt
import json
import os
import platform
import shutil
import subprocess
from pathlib import Path

from bench.harness import PROJECT_ROOT

RESULTS = PROJECT_ROOT / "bench" / "results"


def machine() -> dict:
    """What the figures depend on: cores, CPU, memory, load (other people's work too), versions."""
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        total_kb = int(meminfo.read_text().split()[1])
        memory = f"{total_kb / 1024 / 1024:.1f} GiB"
    return {
        "cores": os.cpu_count(),
        "cpu": model,
        "memory": memory,
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
        "commit": git("rev-parse", "--short", "HEAD"),
        "uncommitted_changes": bool(git("status", "--porcelain")),
        "when": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def worker_class(options: dict) -> str:
    """The gunicorn worker class a run used, as a reader would name it."""
    chosen = options.get("worker_class")
    return chosen if chosen else "sync, closing at once: gunicorn.conf.py's"


def git(*args: str) -> str:
    try:
        done = subprocess.run(  # noqa: S603 - fixed command
            [shutil.which("git") or "git", *args],
            cwd=PROJECT_ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError:
        return ""
    return done.stdout.strip()


def ms(value: float | None) -> str:
    return "" if value is None else f"{value:,.1f}"


def ratio(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}×"


def table(headers: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join(" --- " for _ in headers) + "|"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


LATENCY_HEADERS = ["request", "count", "errors", "ok/s", "p50 ms", "p95 ms", "p99 ms"]


def save(name: str, result: dict, markdown: str, folder: Path = RESULTS) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S")
    json_path, md_path = folder / f"{stamp}-{name}.json", folder / f"{stamp}-{name}.md"
    json_path.write_text(json.dumps(result, indent=1, default=str))
    md_path.write_text(markdown)
    return json_path, md_path


def machine_markdown(info: dict) -> str:
    return (
        f"Machine: {info['cores']} cores ({info['cpu']}), {info['memory']}, {info['system']}, "
        f"Python {info['python']}; load average {', '.join(map(str, info['load_average']))} "
        f"when the run ended (other work shares the machine); commit {info['commit']}"
        f"{' with uncommitted changes' if info['uncommitted_changes'] else ''}; {info['when']}."
    )


def label_rows(labels: dict) -> list[list]:
    """One table row per Locust label: requests, errors, throughput and its latency percentiles."""
    return [
        [
            label,
            f["requests"],
            f["errors"],
            f"{f['throughput_rps']:,.1f}",
            ms(f["p50_ms"]),
            ms(f["p95_ms"]),
            ms(f["p99_ms"]),
        ]
        for label, f in labels.items()
    ]
