"""bench.launch's stack: deploy.stack's production topology on free ports, each host a process group
of its own (so that a whole host can be SIGKILLed), on the run's own database."""

import contextlib
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from bench.harness import BENCH_RATE_LIMIT, PROJECT_ROOT, free_port
from deploy.stack import Stack, prepare

REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
ACCESS_LOG_FORMAT = "$request_method $status $upstream_cookie_qcc_participant $request_uri"
# The per-address limits, raised as in every benchmark: all the load comes from one address.
LIMITS = {
    "RATE_LIMIT_WRITES": BENCH_RATE_LIMIT,
    "RATE_LIMIT_PARTICIPANT": BENCH_RATE_LIMIT,
    "RATE_LIMIT_LOGIN": BENCH_RATE_LIMIT,
}


def start_stack(directory: Path, database_url: str, secret_key: str, say) -> dict:
    """deploy.stack's topology on free ports: its processes by name, each a process group."""
    port = free_port()
    stack = Stack(
        directory=directory,
        port=port,
        web_ports=[free_port(), free_port()],
        database_url=database_url,
        redis_url=REDIS_URL,
        redis_key_prefix=f"qcc-launch-{directory.name}",
        public_url=f"http://127.0.0.1:{port}",
        write_rate="100000r/s",
        write_burst=100000,
        # Which participant each acknowledged pledge made: the cookie nginx passed on with the 302.
        access_log_format=ACCESS_LOG_FORMAT,
        extra_environment={
            "SECRET_KEY": secret_key,
            "INSTANCE_PATH": str(directory / "instance"),
            "LOG_LEVEL": "WARNING",
            "MAIL_BACKEND": "file",
            **LIMITS,
        },
    )
    say("  preparing the stack: nginx config, migrations, content")
    with contextlib.redirect_stdout(sys.stderr):
        prepare(stack)
    cleared = ("DATABASE_URL", "REDIS_URL", "PUBLIC_URL", "EXTRA_HOSTS", "PROXY_COUNT")
    environment = {k: v for k, v in os.environ.items() if k not in cleared}
    environment.update(stack.environment())
    commands = {f"web{n}": stack.web_command(p) for n, p in enumerate(stack.web_ports, 1)}
    commands["nginx"] = stack.nginx_command()
    # The pledges' counts are written behind: the worker folds them into the public counters.
    commands["worker"] = stack.worker_command()
    processes = {}
    for name, command in commands.items():
        with (directory / f"{name}.log").open("wb") as log:
            processes[name] = subprocess.Popen(  # noqa: S603 - the stack's own commands
                command,
                cwd=PROJECT_ROOT,
                env=environment,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # a process group per host, to kill a whole host
            )
    ports = {f"web{n}": p for n, p in enumerate(stack.web_ports, 1)} | {"nginx": port}
    deadline = time.monotonic() + 120
    while ports:
        for name, host_port in list(ports.items()):
            if processes[name].poll() is not None:
                raise RuntimeError(f"{name} exited: {(directory / f'{name}.log').read_text()}")
            health = f"http://127.0.0.1:{host_port}/healthz"
            with (
                contextlib.suppress(OSError, urllib.error.URLError),
                urllib.request.urlopen(health, timeout=5),
            ):
                del ports[name]
        if time.monotonic() > deadline:
            raise RuntimeError(f"the stack did not start: {', '.join(ports)}")
        time.sleep(0.2)
    return {"stack": stack, "processes": processes}


def stop_stack(running: dict) -> None:
    for process in running["processes"].values():
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
    for process in running["processes"].values():
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
