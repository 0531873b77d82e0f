"""Standard load tools driven from the bench runner: Locust for the user flows, wrk for reads.

`locust_run` runs bench/locustfile.py headless against a base URL (plain gunicorn, or nginx in
front: any URL) and returns its per-request statistics (Locust's CSV) and the writes the site
acknowledged. `wrk_run` measures one page's read throughput with wrk (Debian's `wrk` package).
Results are compared with a baseline measured in the same run (the bare route), since a shared
two-core machine is too noisy for absolute figures to hold from one run to the next.
"""

import csv
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

from bench.harness import PROJECT_ROOT

LOCUSTFILE = PROJECT_ROOT / "bench" / "locustfile.py"


def locust_run(
    base_url: str, users: dict[str, int], seconds: float, slugs: dict, folder: Path, name: str
) -> dict:
    """Run Locust headless with `users` ({class name: count}) for `seconds`; its figures."""
    folder.mkdir(parents=True, exist_ok=True)
    acknowledged = folder / f"{name}-acknowledged.jsonl"
    acknowledged.unlink(missing_ok=True)
    total = sum(users.values())
    command = [
        str(Path(sys.executable).with_name("locust")),
        "-f",
        str(LOCUSTFILE),
        "--headless",
        "--host",
        base_url,
        "-u",
        str(total),
        "-r",
        str(max(total, 1)),  # everyone at once: the arrival rate is the users' constant pace
        "-t",
        f"{max(int(seconds), 1)}s",
        "--stop-timeout",
        "10",
        "--csv",
        str(folder / name),
        "--only-summary",
        "--exit-code-on-error",
        "0",
        *users,
    ]
    env = {
        "BENCH_SLUGS": json.dumps(slugs),
        "BENCH_ACKNOWLEDGED": str(acknowledged),
        "BENCH_USERS": json.dumps(users),
        "PYTHONPATH": str(PROJECT_ROOT),
    }
    import os

    done = subprocess.run(  # noqa: S603 - our own command line
        command,
        cwd=PROJECT_ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=seconds + 120,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"locust failed (exit {done.returncode}):\n{done.stderr[-3000:]}")
    rows = {}
    with open(folder / f"{name}_stats.csv", newline="") as stats:
        for row in csv.DictReader(stats):
            rows[row["Name"]] = {
                "requests": int(row["Request Count"]),
                "errors": int(row["Failure Count"]),
                "throughput_rps": float(row["Requests/s"]),
                "p50_ms": float(row["50%"] or 0),
                "p95_ms": float(row["95%"] or 0),
                "p99_ms": float(row["99%"] or 0),
            }
    writes = (
        [json.loads(line) for line in acknowledged.read_text().splitlines()]
        if acknowledged.exists()
        else []
    )
    return {"labels": rows, "acknowledged": writes, "acknowledged_file": str(acknowledged)}


WRK_RATE = re.compile(r"Requests/sec:\s+([\d.]+)")
WRK_LATENCY = re.compile(r"^\s+(50|90|99)%\s+([\d.]+)(us|ms|s)\s*$", re.MULTILINE)
WRK_ERRORS = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)|Socket errors:.*?timeout (\d+)")
TO_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk_binary() -> str:
    found = shutil.which("wrk")
    if not found:
        raise RuntimeError("wrk not found (apt-get install wrk)")
    return found


def wrk_run(url: str, seconds: float, connections: int = 16, threads: int = 2) -> dict:
    """Closed-loop reads of one URL with wrk, keep-alive as browsers and nginx use it."""
    done = subprocess.run(  # noqa: S603 - fixed command
        [
            wrk_binary(),
            f"-t{threads}",
            f"-c{connections}",
            f"-d{max(int(seconds), 1)}s",
            "--latency",
            "-H",
            "Accept-Encoding: gzip",
            "-H",
            "Accept-Language: en",
            url,
        ],
        capture_output=True,
        text=True,
        timeout=seconds + 60,
        check=False,
    )
    if done.returncode != 0 or not WRK_RATE.search(done.stdout):
        raise RuntimeError(f"wrk failed:\n{done.stdout}\n{done.stderr}")
    latency = {
        f"p{p}_ms": float(v) * TO_MS[unit] for p, v, unit in WRK_LATENCY.findall(done.stdout)
    }
    errors = sum(int(a or b or 0) for a, b in WRK_ERRORS.findall(done.stdout))
    return {
        "throughput_rps": float(WRK_RATE.search(done.stdout).group(1)),
        "errors": errors,
        **latency,
        "output": done.stdout,
    }
