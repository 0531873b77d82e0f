"""Two real app servers (gunicorn, one process each) on one PostgreSQL database and one Redis, and
a small cookie-keeping HTTP client that talks to either, like one browser behind a load balancer."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from http.cookiejar import CookieJar
from pathlib import Path

import pytest

from challenge.config import PROJECT_ROOT
from tests.factories import form_token

# Variables of the developer's shell that would point the servers elsewhere.
CLEARED = (
    "DATABASE_URL",
    "REDIS_URL",
    "REDIS_KEY_PREFIX",
    "PUBLIC_URL",
    "EXTRA_HOSTS",
    "PROXY_COUNT",
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Server:
    url: str
    process: subprocess.Popen
    log: Path


def start_servers(count: int, settings: dict[str, str], logs: Path) -> list[Server]:
    env = {key: value for key, value in os.environ.items() if key not in CLEARED}
    env.update(settings)
    servers = []
    for number in range(count):
        port = free_port()
        log = logs / f"server-{number}.log"
        command = [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}"]
        command += ["--workers", "1", "--log-level", "warning", "wsgi:app"]
        with log.open("wb") as output:  # the server writes to its own copy of the handle
            process = subprocess.Popen(  # noqa: S603 - fixed arguments
                command,
                cwd=PROJECT_ROOT,
                env={**env, "PUBLIC_URL": f"http://127.0.0.1:{port}"},
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        servers.append(Server(f"http://127.0.0.1:{port}", process, log))
    deadline = time.monotonic() + 60  # generous: the machine may be busy
    for server in servers:
        while True:
            if server.process.poll() is not None:
                stop_servers(servers)
                pytest.fail(f"server exited:\n{server.log.read_text()}")
            try:
                with urllib.request.urlopen(server.url + "/healthz", timeout=2) as response:  # noqa: S310
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                stop_servers(servers)
                pytest.fail(f"server did not start:\n{server.log.read_text()}")
            time.sleep(0.2)
    return servers


def stop_servers(servers: list[Server]) -> None:
    for server in servers:
        server.process.terminate()
    for server in servers:
        try:
            server.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait()


class KeepRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *_args, **_kwargs):
        return None  # the test reads the 302 itself


@dataclass
class Reply:
    status: int
    headers: dict
    text: str


class Browser:
    """Cookies are kept per host, not per port: what one server sets, the other receives."""

    def __init__(self):
        self.cookies = CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), KeepRedirects()
        )

    def request(self, url: str, data: dict | None = None, headers: dict | None = None) -> Reply:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(url, data=body, headers=headers or {})  # noqa: S310
        try:
            with self.opener.open(request, timeout=15) as response:
                return Reply(response.status, dict(response.headers), response.read().decode())
        except urllib.error.HTTPError as error:
            return Reply(error.code, dict(error.headers), error.read().decode())

    def get(self, url: str, headers: dict | None = None) -> Reply:
        return self.request(url, headers=headers)

    def submit(self, page: str, data: dict, action: str | None = None) -> Reply:
        """GET the form's page for its CSRF token (if it has one), then POST the form (to `action`
        if given), with the Origin a browser sends."""
        token = form_token(self.get(page).text)
        origin = "/".join(page.split("/")[:3])
        return self.request(action or page, {**token, **data}, headers={"Origin": origin})

    def cookie(self, name: str) -> str | None:
        return next((cookie.value for cookie in self.cookies if cookie.name == name), None)
