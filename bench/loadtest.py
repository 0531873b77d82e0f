"""Standard load tools driven from the bench runner: Locust for the user flows, wrk for reads.

`locust_run` runs bench/locustfile.py headless against a base URL (plain gunicorn, or nginx in
front: any URL) and returns its per-request statistics (Locust's CSV) and the writes the site
acknowledged. `wrk_run` measures one page's read throughput with wrk (Debian's `wrk` package).
Results are compared with a baseline measured in the same run (the bare route), since a shared
two-core machine is too noisy for absolute figures to hold from one run to the next.
"""

import csv
import json
import os
import re
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from bench.harness import PROJECT_ROOT

LOCUSTFILE = PROJECT_ROOT / "bench" / "locustfile.py"


def number(cell: str) -> float:
    """A figure of Locust's CSV ("N/A" where a label had no answers)."""
    try:
        return float(cell)
    except ValueError:
        return 0.0


@dataclass
class LocustRun:
    """A headless Locust process, and where it writes its statistics and acknowledged writes."""

    process: subprocess.Popen
    folder: Path
    name: str

    @property
    def acknowledged_file(self) -> Path:
        return self.folder / f"{self.name}-acknowledged.jsonl"

    def acknowledged(self) -> list[list]:
        if not self.acknowledged_file.exists():
            return []
        lines = self.acknowledged_file.read_text().splitlines()
        return [json.loads(line) for line in lines if line.endswith("]")]

    def stop(self) -> None:
        """End the run early (SIGTERM: Locust stops its users and writes its statistics)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)

    def result(self, timeout: float) -> dict:
        self.process.wait(timeout=timeout)
        if self.process.returncode != 0:
            log = (self.folder / f"{self.name}.log").read_text(errors="replace")
            raise RuntimeError(f"locust failed (exit {self.process.returncode}):\n{log[-3000:]}")
        rows = {}
        with open(self.folder / f"{self.name}_stats.csv", newline="") as stats:
            for row in csv.DictReader(stats):
                rows[row["Name"]] = {
                    "requests": int(row["Request Count"]),
                    "errors": int(row["Failure Count"]),
                    "throughput_rps": number(row["Requests/s"]),
                    "p50_ms": number(row["50%"]),
                    "p95_ms": number(row["95%"]),
                    "p99_ms": number(row["99%"]),
                }
        with open(self.folder / f"{self.name}_failures.csv", newline="") as failures:
            errors = {
                f"{r['Name']}: {r['Error']}": int(r["Occurrences"])
                for r in csv.DictReader(failures)
            }
        return {
            "labels": rows,
            "failures": errors,
            "acknowledged": self.acknowledged(),
            "acknowledged_file": str(self.acknowledged_file),
        }


def locust_start(
    base_url: str,
    users: dict[str, int],
    seconds: float,
    slugs: dict,
    folder: Path,
    name: str,
    *,
    closed_loop: bool = False,
    locustfile: Path = LOCUSTFILE,
    env: dict[str, str] | None = None,
) -> LocustRun:
    """Start Locust headless with `users` ({class name: count}) for at most `seconds` (another
    `locustfile` may take its own settings from `env`)."""
    folder.mkdir(parents=True, exist_ok=True)
    run = LocustRun(None, folder, name)
    run.acknowledged_file.unlink(missing_ok=True)
    total = sum(users.values())
    command = [
        str(Path(sys.executable).with_name("locust")),
        "-f",
        str(locustfile),
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
        **(env or {}),
        "BENCH_SLUGS": json.dumps(slugs),
        "BENCH_ACKNOWLEDGED": str(run.acknowledged_file),
        "BENCH_USERS": json.dumps(users),
        "PYTHONPATH": str(PROJECT_ROOT),
        **({"BENCH_CLOSED_LOOP": "1"} if closed_loop else {}),
    }
    with open(folder / f"{name}.log", "wb") as log:  # a file, not a pipe nobody reads
        run.process = subprocess.Popen(  # noqa: S603 - our own command line
            command,
            cwd=PROJECT_ROOT,
            env={**os.environ, **env},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    return run


def locust_run(
    base_url: str, users: dict[str, int], seconds: float, slugs: dict, folder: Path, name: str
) -> dict:
    """Run Locust headless for `seconds`; its figures and the writes the site acknowledged."""
    return locust_start(base_url, users, seconds, slugs, folder, name).result(seconds + 120)


WRK_REQUESTS = re.compile(r"(\d+) requests in")
WRK_RATE = re.compile(r"Requests/sec:\s+([\d.]+)")
WRK_LATENCY = re.compile(r"^\s+(50|90|99)%\s+([\d.]+)(us|ms|s)\s*$", re.MULTILINE)
WRK_ERRORS = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)|Socket errors:.*?timeout (\d+)")
TO_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk_binary() -> str:
    found = shutil.which("wrk")
    if not found:
        raise RuntimeError("wrk not found (apt-get install wrk)")
    return found


def wrk_run(
    url: str, seconds: float, connections: int = 16, threads: int = 2, headers: dict | None = None
) -> dict:
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
            *(
                option
                for name, value in (headers or {}).items()
                for option in ("-H", f"{name}: {value}")
            ),
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
        "requests": int(WRK_REQUESTS.search(done.stdout).group(1)),
        "throughput_rps": float(WRK_RATE.search(done.stdout).group(1)),
        "errors": errors,
        **latency,
        "output": done.stdout,
    }
