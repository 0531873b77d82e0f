"""The production topology of deploy/stack.py, started for a test: nginx in front of two gunicorn
hosts on one PostgreSQL database and one Redis, each in a process group of its own so a test can
kill a whole "host"."""

import http.client
import os
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from challenge.config import PROJECT_ROOT
from deploy.stack import BROTLI_MODULE, Site, Stack, nginx_available, render_site, templates

# Variables of the developer's shell that would point the servers elsewhere.
CLEARED = ("DATABASE_URL", "REDIS_URL", "REDIS_KEY_PREFIX", "PUBLIC_URL", "EXTRA_HOSTS")


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def unavailable(reason: str):
    """Skip, except in CI (CI=true), where the deployment must be tested."""
    if in_ci():
        pytest.fail(f"{reason} (required in CI: .ci/run installs it)")
    pytest.skip(reason)


def require_nginx() -> str:
    nginx = nginx_available()
    if nginx is None:
        unavailable(
            "nginx is not installed (apt-get install nginx libnginx-mod-http-brotli-filter)"
        )
    return nginx


def brotli_available() -> bool:
    """Debian's brotli module; in CI it must be there."""
    if not BROTLI_MODULE.exists() and in_ci():
        pytest.fail(f"{BROTLI_MODULE} is missing in CI (libnginx-mod-http-brotli-filter)")
    return BROTLI_MODULE.exists()


def write_site_config(folder: Path, site: Site) -> Path:
    """The site config inside a main config like `make stack`'s, written to `folder`: its path."""
    site_conf = folder / "challenge.conf"
    site_conf.write_text(render_site(site))
    main = folder / "nginx.conf"
    main.write_text(
        templates()
        .get_template("stack.conf.j2")
        .render(
            run_dir=str(folder),
            site_conf=str(site_conf),
            brotli=site.brotli,
            brotli_module=str(BROTLI_MODULE),
        )
    )
    return main


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Reply:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode()


@dataclass
class RunningStack:
    stack: Stack
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return self.stack.public_url

    def request(
        self,
        method: str,
        path: str,
        *,
        headers: dict | None = None,
        body: bytes | None = None,
        port: int | None = None,
    ) -> Reply:
        """One request, its headers exactly as given (Host too, when given)."""
        connection = http.client.HTTPConnection("127.0.0.1", port or self.stack.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return Reply(response.status, response.headers, response.read())
        finally:
            connection.close()

    def get(self, path: str, **kwargs) -> Reply:
        return self.request("GET", path, **kwargs)

    def kill_host(self, name: str) -> None:
        """SIGKILL a gunicorn host, master and workers: a machine that dies mid-request."""
        process = self.processes[name]
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()

    def stop(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()

    def logs(self) -> str:
        return "\n".join(
            f"--- {path.name}\n{path.read_text(errors='replace')[-3000:]}"
            for path in sorted(self.stack.directory.glob("*.log"))
        )


def start_stack(
    directory: Path, database_url: str, redis_url: str, **settings: str
) -> RunningStack:
    """nginx and two gunicorn hosts on free ports, the app configured as `make stack` does."""
    port = free_port()
    stack = Stack(
        directory=directory,
        port=port,
        web_ports=[free_port(), free_port()],
        database_url=database_url,
        redis_url=redis_url,
        redis_key_prefix=settings.pop("REDIS_KEY_PREFIX"),
        public_url=f"http://127.0.0.1:{port}",
        write_rate=settings.pop("EDGE_WRITE_RATE", "10r/s"),
        write_burst=int(settings.pop("EDGE_WRITE_BURST", "50")),
        extra_environment=settings,
    )
    stack.render()
    environment = {key: value for key, value in os.environ.items() if key not in CLEARED}
    environment.update(stack.environment())
    running = RunningStack(stack)
    commands = {f"web{number}": stack.web_command(p) for number, p in enumerate(stack.web_ports, 1)}
    commands["nginx"] = stack.nginx_command()
    for name, command in commands.items():
        with (directory / f"{name}.log").open("wb") as log:
            running.processes[name] = subprocess.Popen(  # noqa: S603 - fixed arguments
                command,
                cwd=PROJECT_ROOT,
                env=environment,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # a process group per host, for kill_host
            )
    deadline = time.monotonic() + 90  # generous: the machine may be busy
    waiting = {f"web{n}": p for n, p in enumerate(stack.web_ports, 1)} | {"nginx": port}
    while waiting:
        for name, process in running.processes.items():
            if process.poll() is not None:
                running.stop()
                pytest.fail(f"{name} exited:\n{running.logs()}")
        for name, host_port in list(waiting.items()):
            try:
                if running.get("/healthz", port=host_port).status == 200:
                    del waiting[name]
            except OSError:
                pass
        if time.monotonic() > deadline:
            running.stop()
            pytest.fail(f"the stack did not start ({', '.join(waiting)}):\n{running.logs()}")
        time.sleep(0.2)
    return running
