"""`python -m bench profile PATH...`: where a page's time goes, sampled with py-spy under load.

Serves the app with one gunicorn worker (so every sample is of the pages asked for), drives it
closed loop with first-time visitors asking for the given paths, and records the worker with
py-spy. Writes a flame graph (SVG) and the collapsed stacks under bench/results/, and prints the
functions that take the most time, inclusive (the stack's frames) and exclusive (its leaf).
"""

import re
import shutil
import subprocess
import sys
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench.harness import PROJECT_ROOT, Workspace
from bench.loadtest import wrk_run


def py_spy() -> str:
    beside = Path(sys.executable).with_name("py-spy")
    found = str(beside) if beside.exists() else shutil.which("py-spy")
    if not found:
        raise RuntimeError("py-spy not found: pip install -e '.[test]'")
    return found


def record(pid: int, seconds: float, output: Path, fmt: str) -> subprocess.Popen:
    return subprocess.Popen(  # noqa: S603 - our own command line
        [
            py_spy(),
            "record",
            "--pid",
            str(pid),
            "--duration",
            str(int(seconds)),
            "--rate",
            "200",
            "--format",
            fmt,
            "--output",
            str(output),
            "--nonblocking",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def short(frame: str) -> str:
    """ "render (jinja2/environment.py)" from py-spy's "render (/…/site-packages/jinja2/environment.py:1295)"."""
    name, _, where = frame.partition(" (")
    path = re.sub(r":\d+\)$", "", where)
    for marker in ("site-packages/", f"{PROJECT_ROOT}/", "/lib/python3"):
        if marker in path:
            path = path.split(marker, 1)[1]
    return f"{name} ({path})"


def hot_functions(collapsed: Path, top: int = 25) -> dict:
    """Inclusive and exclusive sample counts per function from py-spy's collapsed stacks."""
    inclusive, exclusive, total = Counter(), Counter(), 0
    for line in collapsed.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        n = int(count)
        total += n
        frames = [short(frame) for frame in stack.split(";")]
        for frame in set(frames):
            inclusive[frame] += n
        exclusive[frames[-1]] += n
    share = lambda n: round(100 * n / total, 1) if total else 0.0  # noqa: E731
    return {
        "samples": total,
        "inclusive": [(frame, share(n)) for frame, n in inclusive.most_common(top)],
        "exclusive": [(frame, share(n)) for frame, n in exclusive.most_common(top)],
    }


def run(
    paths: list[str], database, workspace: Workspace, folder: Path, seconds: float, say
) -> dict:
    folder.mkdir(parents=True, exist_ok=True)
    server = workspace.serve(database, "profile", workers=1)
    try:
        worker = server.worker_pids()[0]
        stem = folder / "profile"
        recorders = []

        def start_recording() -> None:
            recorders.append(record(worker, seconds, stem.with_suffix(".svg"), "flamegraph"))
            recorders.append(record(worker, seconds, stem.with_suffix(".txt"), "raw"))

        timer = threading.Timer(1.0, start_recording)  # once the load has warmed the worker up
        timer.start()
        with ThreadPoolExecutor(
            len(paths)
        ) as pool:  # wrk on every path at once, 4 connections in all
            share = max(1, 4 // len(paths))
            loads = list(
                pool.map(lambda path: wrk_run(server.base_url + path, seconds + 2, share, 1), paths)
            )
        timer.join()
        for recorder in recorders:
            recorder.wait(timeout=seconds + 30)
    finally:
        server.stop()
    hot = hot_functions(stem.with_suffix(".txt"))
    say(f"{hot['samples']} samples of the worker; inclusive share of the time:")
    for frame, share in hot["inclusive"]:
        say(f"  {share:5.1f}%  {frame}")
    return {
        "paths": paths,
        "load": {
            p: {k: v for k, v in f.items() if k != "output"}
            for p, f in zip(paths, loads, strict=True)
        },
        "profile": hot,
        "files": [str(stem)],
    }
