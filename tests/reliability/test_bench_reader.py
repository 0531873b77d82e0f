"""`bench.reader`, the viral benchmark's lean open-loop reader, counts what it must: every request
due, its status, and as failures the answers cut short, refused connections and timeouts."""

import contextlib
import os
import resource
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bench import reader
from bench.recorder import Recorder

pytestmark = pytest.mark.reliability


class Pages(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        if self.path == "/silent":
            threading.Event().wait(2)  # answers too late
        body, length, status = b"ok", 2, 200
        if self.path == "/missing":
            status = 404
        if self.path == "/short":
            length = 10  # promises more than it sends, then closes
        self.close_connection = True
        with contextlib.suppress(OSError):  # the reader has given up on /silent
            self.send_response(status)
            self.send_header("Content-Length", str(length))
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Pages)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_address[1]
    httpd.shutdown()
    httpd.server_close()


def read(port: int, paths: list[list], *, rate=40, duration=0.5, timeout=5.0, **more) -> dict:
    spec = {"host": "127.0.0.1", "port": port, "rate": rate, "duration": duration}
    return reader.run(spec | {"timeout": timeout, "paths": paths} | more)


@pytest.fixture
def unanswered_port():
    """A port whose connections the kernel completes and nobody ever answers."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(64)
        yield listener.getsockname()[1]


def test_every_request_due_is_sent_and_recorded_under_its_label(server):
    result = read(server, [["page", "/", 1], ["gone", "/missing", 1]])
    raw = result["raw"]
    assert result["generator"]["requests"] == 20  # 40 a second for half a second
    assert sum(len(found) for found in raw["latencies"].values()) == 20
    assert set(raw["statuses"]["page"]) == {"200"}
    assert set(raw["statuses"].get("gone", {"404": 0})) == {"404"}
    assert raw["unexpected"].get("gone", 0) == sum(raw["statuses"].get("gone", {}).values())
    assert "page" not in raw["unexpected"]
    assert all(latency > 0 for found in raw["latencies"].values() for latency in found)


def test_an_answer_shorter_than_its_length_is_a_failure(server):
    raw = read(server, [["short", "/short", 1]], rate=10)["raw"]
    assert raw["failures"]["short"] == {"response cut short": 5}
    assert not raw["latencies"]


def test_a_refused_connection_is_a_failure():
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]  # bound, never listening: connections are refused
        raw = read(port, [["page", "/", 1]], rate=10)["raw"]
    assert raw["failures"]["page"] == {"ECONNREFUSED": 5}


def test_an_answer_later_than_the_timeout_is_a_failure(server):
    raw = read(server, [["slow", "/silent", 1]], rate=10, duration=0.2, timeout=0.5)["raw"]
    assert raw["failures"]["slow"] == {"timeout": 2}
    assert not raw["latencies"]


def test_what_the_reader_recorded_merges_into_the_visitors_recorder(server):
    raw = read(server, [["page", "/", 1]], rate=10)["raw"]
    recorder = Recorder()
    recorder.answer("page", 200, 3.0, True)
    recorder.answer("form", 500, 7.0, False)
    recorder.merge(raw)
    summary = recorder.result(1.0, {"reads": ["page"]})
    assert summary["labels"]["page"]["requests"] == 6
    assert summary["groups"]["all"]["requests"] == 7
    assert summary["groups"]["all"]["errors"] == 1
    assert sum(second.get("ok", 0) for second in summary["timeline"]) == 6


def test_requests_over_the_in_flight_cap_are_counted_as_not_started(unanswered_port):
    result = read(unanswered_port, [["page", "/", 1]], rate=40, timeout=0.3, max_in_flight=3)
    assert result["generator"]["requests"] == 20
    assert result["raw"]["failures"]["page"] == {"timeout": 3}
    assert result["generator"]["not_started_over_in_flight_cap"] == {"page": 17}


def test_running_out_of_file_descriptors_is_a_failure_not_a_crash(unanswered_port):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (len(os.listdir("/proc/self/fd")) + 4, hard))
    try:
        result = read(unanswered_port, [["page", "/", 1]], rate=40, timeout=0.3)
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
    failures = result["raw"]["failures"]["page"]
    assert failures.get("EMFILE", 0) > 0
    assert sum(failures.values()) == result["generator"]["requests"] == 20
