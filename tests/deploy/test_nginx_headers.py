"""A running nginx with the site config (deploy/nginx/), in front of an upstream that echoes what
it is sent: unknown hosts are dropped, and the forwarded headers the app trusts are nginx's own."""

import http.client
import json
import subprocess
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from deploy.stack import BROTLI_MODULE, Site
from tests.support.stack import free_port, require_nginx, write_site_config

pytestmark = pytest.mark.deploy

FORGED = {
    "X-Forwarded-For": "203.0.113.66",
    "X-Forwarded-Proto": "https",
    "X-Forwarded-Host": "evil.example",
    "Forwarded": "for=203.0.113.66;proto=https;host=evil.example",
    "X-Real-IP": "203.0.113.66",
}


class Echo(BaseHTTPRequestHandler):
    """Answers every request with the headers it received, as JSON."""

    def do_GET(self):
        body = json.dumps({name.lower(): value for name, value in self.headers.items()}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Cache-Control", "private, no-store")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):  # quiet test output
        pass


@pytest.fixture
def run_dir():
    """nginx's files. Not under pytest's tmp_path: run as root, nginx's workers switch to an
    unprivileged user, who must be able to reach the cache, and pytest's folders are private."""
    with tempfile.TemporaryDirectory(prefix="qcc-nginx-") as folder:
        Path(folder).chmod(0o755)
        yield Path(folder)


@pytest.fixture
def edge(run_dir):
    """(port) of nginx serving the site for http://127.0.0.1:<port> in front of the echo."""
    tmp_path = run_dir
    nginx = require_nginx()
    upstream = ThreadingHTTPServer(("127.0.0.1", 0), Echo)
    threading.Thread(target=upstream.serve_forever, daemon=True).start()
    port = free_port()
    site = Site(
        public_url=f"http://127.0.0.1:{port}",
        upstreams=[f"127.0.0.1:{upstream.server_port}"],
        cache_dir=str(tmp_path / "cache"),
        listen=[f"127.0.0.1:{port}"],
        brotli=BROTLI_MODULE.exists(),
    )
    main = write_site_config(tmp_path, site)
    process = subprocess.Popen(  # noqa: S603
        [nginx, "-p", str(tmp_path), "-c", str(main), "-e", "stderr"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                probe = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
                probe.connect()
                probe.close()
                break
            except OSError:
                assert process.poll() is None, process.stderr.read().decode()
                assert time.monotonic() < deadline, "nginx did not start"
                time.sleep(0.05)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stderr.close()
        upstream.shutdown()
        upstream.server_close()


def get(port: int, host: str, headers: dict | None = None) -> tuple[int, dict]:
    """(status, the headers the upstream received) of a GET sent with this Host."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.putrequest("GET", "/en/", skip_host=True)
        connection.putheader("Host", host)
        for name, value in (headers or {}).items():
            connection.putheader(name, value)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, json.loads(response.read())
    finally:
        connection.close()


def test_an_unknown_host_is_dropped_without_an_answer(edge):
    for host in ("evil.example", f"evil.example:{edge}", "localhost"):
        with pytest.raises((http.client.RemoteDisconnected, ConnectionResetError)):
            get(edge, host)


def test_the_public_host_reaches_the_app(edge):
    status, seen = get(edge, f"127.0.0.1:{edge}")
    assert status == 200 and seen["host"] == "127.0.0.1"


def test_forwarded_headers_are_nginxs_own_never_the_clients(edge):
    _status, seen = get(edge, f"127.0.0.1:{edge}", FORGED)
    assert seen["x-forwarded-for"] == "127.0.0.1"  # the real peer, not the forged address
    assert seen["x-forwarded-proto"] == "http"
    assert seen["x-forwarded-host"] == "127.0.0.1"
    for cleared in ("forwarded", "x-real-ip"):
        assert seen.get(cleared, "") == ""
