"""`make bench-launch`: a national launch moment through the production topology (issue 34).

    python -m bench.launch --rate 1000 --reads 10000 --seconds 60 [--crash]

nginx in front of two gunicorn hosts (deploy/stack.py's Stack, as `make stack` renders and starts
it) on a PostgreSQL cluster of this run's own (bench/postgres.py: it may be restarted, and it has
pg_stat_statements), with Redis for the rate limits. wrk drives the load: the pledge flow
(bench/lua/pledge_flow.lua: page view then the form's POST, each pledge a new anonymous visitor)
and public reads (bench/lua/reads.lua) at the same time, each paced to its rate. Before that, the
same wrk reads a static file through nginx as fast as it can: the load generator's own ceiling on
this machine, in this run. With --crash, one gunicorn host is SIGKILLed (master and workers) a
third of the way in and PostgreSQL is restarted halfway.

Afterwards every acknowledged pledge (a 302 to the thank-you page, with its participant cookie) is
looked up in the database, the stored rows are counted, and the public counters (the tallies) are
compared with the exact recount until they agree. The last line printed is one JSON object.
"""

import argparse
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench import launch_checks
from bench.harness import PROJECT_ROOT
from bench.launch_stack import start_stack, stop_stack
from bench.loadtest import wrk_binary
from bench.postgres import PrivateCluster

LUA = PROJECT_ROOT / "bench" / "lua"
RESULTS = PROJECT_ROOT / "bench" / "results"
PLEDGE_SLUG = "turn-on-mfa"
STATIC_FILE = "/static/favicon.svg"  # under gzip_min_length: nginx sends it as it is
# What first-time readers of a launch moment open, weighted by repetition.
READ_PATHS = (
    *["/en/"] * 3,
    *[f"/en/pledges/{PLEDGE_SLUG}"] * 3,
    "/en/pledges/",
    *["/en/leaderboards/countries"] * 2,
    "/api/v1/leaderboards/countries",
    "/api/v1/stats",
)


def wrk(
    script: str, url: str, seconds: float, connections: int, threads: int, *args
) -> subprocess.Popen:
    command = [wrk_binary(), f"-t{threads}", f"-c{connections}", f"-d{max(int(seconds), 1)}s"]
    command += ["--timeout", "10s", "-s", str(LUA / script), url, "--", *map(str, args)]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)  # noqa: S603


def summary(process: subprocess.Popen, timeout: float) -> dict:
    output, _ = process.communicate(timeout=timeout)
    for line in reversed(output.splitlines()):
        if line.startswith("LAUNCH "):
            return json.loads(line.removeprefix("LAUNCH "))
    raise RuntimeError(f"wrk gave no summary:\n{output}")


def loadgen_ceiling(base_url: str, seconds: float) -> dict:
    """wrk's own ceiling: a static file through nginx, unpaced, with the reads' script."""
    found = summary(wrk("reads.lua", base_url, seconds, 64, 2, 0, 2, STATIC_FILE), seconds + 60)
    return {**found, "per_s": found["requests"] / found["seconds"]}


def run(options, say) -> dict:
    workspace = Path(tempfile.mkdtemp(prefix="qcc-launch-"))
    workspace.chmod(0o755)  # nginx's workers (an unprivileged user) read the micro-cache here
    secret_key = secrets.token_urlsafe(32)
    cluster = PrivateCluster(settings=launch_checks.CLUSTER_SETTINGS)
    with cluster:
        database_url = cluster.database_url("challenge_launch")
        running = start_stack(workspace / "stack", database_url, secret_key, say)
        try:
            base_url = running["stack"].public_url
            say(f"  the stack answers on {base_url}; measuring wrk's ceiling ({STATIC_FILE})")
            ceiling = loadgen_ceiling(base_url, min(5, options.seconds))
            say(f"  load generator ceiling: {ceiling['per_s']:,.0f} requests/s")
            launch_checks.reset_statements(database_url)
            result = drive(options, base_url, workspace, running, cluster, say)
            result["loadgen_ceiling_per_s"] = round(ceiling["per_s"], 1)
            say("  recounting")
            result.update(
                launch_checks.recount(
                    database_url,
                    secret_key,
                    result.pop("cookies"),
                    PLEDGE_SLUG,
                    result.pop("load_ended"),
                    result["acknowledged"],
                )
            )
            result["top_statements"] = launch_checks.top_statements(database_url)
        finally:
            stop_stack(running)
            shutil.rmtree(workspace, ignore_errors=True)
    return result


def drive(options, base_url, workspace, running, cluster, say) -> dict:
    seconds = options.seconds
    say(f"  {options.rate} pledges/s and {options.reads} reads/s offered for {seconds} s")
    groups = {name: process.pid for name, process in running["processes"].items()}
    pid_file = cluster.data / "postmaster.pid"
    cpu_before = launch_checks.cpu_seconds(groups, pid_file)
    pledges = options.rate and wrk(
        "pledge_flow.lua",
        base_url,
        seconds,
        options.pledge_connections,
        1,
        f"/en/pledges/{PLEDGE_SLUG}",
        base_url,
        options.rate,
        1,
    )
    reads = options.reads and wrk(
        "reads.lua", base_url, seconds, options.read_connections, 1, options.reads, 1, *READ_PATHS
    )
    profiler = profile_hosts(running, workspace, seconds) if options.profile else None
    events = []
    if options.crash:
        started = time.monotonic()

        def faults() -> None:
            time.sleep(seconds / 3)
            os.killpg(running["processes"]["web1"].pid, signal.SIGKILL)
            events.append({"at_s": round(time.monotonic() - started, 1), "event": "web1 SIGKILLed"})
            time.sleep(max(0.0, seconds / 2 - (time.monotonic() - started)))
            down = cluster.restart("immediate")  # a crash, not a clean stop
            events.append(
                {
                    "at_s": round(time.monotonic() - started, 1),
                    "event": "PostgreSQL restarted",
                    "down_s": round(down, 2),
                }
            )

        injector = threading.Thread(target=faults, daemon=True)
        injector.start()
    idle = {"requests": 0, "acknowledged": 0, "failed": 0, "p99_ms": 0.0, "seconds": seconds}
    pledge_summary = summary(pledges, seconds + 120) if pledges else idle
    read_summary = summary(reads, seconds + 120) if reads else idle
    if (
        options.crash
    ):  # PostgreSQL back up before the recount (a crash recovery can outlast the run)
        injector.join(timeout=180)
    ended = time.monotonic()
    cpu_after = launch_checks.cpu_seconds(groups, pid_file)
    handled = pledge_summary["requests"] + read_summary["requests"]
    hot = launch_checks.hottest_frames(profiler, workspace / "profile.txt") if profiler else None
    cookies = acknowledged_cookies(running["stack"].nginx_dir / "access.log")
    return {
        "pledges_per_s": round(pledge_summary["acknowledged"] / pledge_summary["seconds"], 1),
        "reads_per_s": round(
            (read_summary["requests"] - read_summary["failed"]) / read_summary["seconds"], 1
        ),
        "pledge_p99_ms": pledge_summary["p99_ms"],
        "read_p99_ms": read_summary["p99_ms"],
        "acknowledged": pledge_summary["acknowledged"],
        "acknowledged_in_nginx_log": len(cookies),
        "cookies": cookies,
        "load_ended": ended,
        "pledge_flow": pledge_summary,
        "reads": read_summary,
        "faults": events,
        # CPU of each role over the run, in ms per request answered (pledge page views and
        # POSTs and reads together; a run with READS=0 or RATE=0 isolates one kind).
        "cpu_s": {k: round(cpu_after[k] - cpu_before[k], 2) for k in cpu_after},
        "cpu_ms_per_request": launch_checks.per_request_ms(cpu_before, cpu_after, handled),
        "cpu_ms_per_pledge": pledge_summary["acknowledged"]
        and launch_checks.per_request_ms(cpu_before, cpu_after, pledge_summary["acknowledged"]),
        **({"profile": hot} if hot else {}),
    }


def acknowledged_cookies(access_log: Path) -> list[str]:
    """The participant cookie of every pledge POST nginx answered with a 302 to the thank-you page."""
    cookies = []
    for line in access_log.read_text().splitlines():
        method, status, cookie, uri = [*line.split(" "), "", "", "", ""][:4]
        if method == "POST" and status == "302" and uri.startswith("/en/pledges/"):
            cookies.append(cookie if cookie != "-" else "")
    return cookies


def profile_hosts(running, workspace: Path, seconds: float) -> subprocess.Popen:
    """py-spy sampling the web hosts' workers for the middle of the run (collapsed stacks)."""
    py_spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    command = [py_spy, "record", "--pid", str(running["processes"]["web2"].pid), "--subprocesses"]
    command += ["--duration", str(max(1, int(seconds) - 2)), "--rate", "50", "--nonblocking"]
    command += ["--format", "raw", "--output", str(workspace / "profile.txt")]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.launch",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--rate", type=int, default=1000, help="pledges a second offered")
    parser.add_argument("--reads", type=int, default=10000, help="public reads a second offered")
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--crash", action="store_true", help="kill a host, restart PostgreSQL")
    parser.add_argument("--pledge-connections", type=int, default=48)
    parser.add_argument("--read-connections", type=int, default=48)
    parser.add_argument("--profile", action="store_true", help="py-spy on one host's workers")
    parser.add_argument("--label", default="", help="a note kept with the result")
    options = parser.parse_args(argv)

    def say(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    started = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    result = run(options, say)
    line = {
        "benchmark": "launch" + ("-crash" if options.crash else ""),
        "at": started,
        "commit": launch_checks.commit(),
        "label": options.label,
        "offered": {
            "pledges_per_s": options.rate,
            "reads_per_s": options.reads,
            "seconds": options.seconds,
        },
        "load_average": os.getloadavg()[0],
        **result,
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"launch-{started}.json").write_text(json.dumps(line, indent=1) + "\n")
    headline = {
        k: v for k, v in line.items() if k not in ("top_statements", "pledge_flow", "reads")
    }
    print(json.dumps(headline))
    return 0 if line["lost"] == 0 and line["duplicated"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
