"""challenge.gunicorn_worker: a sync worker that lets go of a connection once its answer is sent,
unless the client has left bytes unread (then gunicorn's graceful close, as before), and that skips
a request whose client has gone before a worker reached it."""

import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench.harness import PROJECT_ROOT, free_port

GUNICORN = str(Path(sys.executable).with_name("gunicorn"))


@pytest.fixture
def server():
    """One worker of the class gunicorn.conf.py names, serving tests/gunicorn_probe_app.py."""
    port = free_port()
    process = subprocess.Popen(  # noqa: S603 - our own command line
        [
            GUNICORN,
            "--config",
            "gunicorn.conf.py",
            "--workers",
            "1",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "tests.gunicorn_probe_app:app",
        ],
        cwd=PROJECT_ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                pytest.fail("gunicorn did not start")
            time.sleep(0.1)
    yield port
    process.terminate()
    process.wait(timeout=30)


def ask(port: int, request: bytes) -> socket.socket:
    connection = socket.create_connection(("127.0.0.1", port), timeout=5)
    connection.sendall(request)
    return connection


def read_all(connection: socket.socket) -> bytes:
    received = b""
    while chunk := connection.recv(65536):
        received += chunk
    return received


GET = b"GET / HTTP/1.1\r\nHost: test\r\n\r\n"


def test_an_answered_client_that_stays_connected_does_not_hold_the_worker(server):
    with ask(server, GET) as first:
        assert read_all(first).endswith(b"\r\n\r\nok")  # the worker closed: we read to the end
        # The first client never closes its side. gunicorn's own sync worker would wait for it
        # for 2 s before taking the next connection; this one is free at once.
        with ask(server, GET) as second:
            second.settimeout(1.5)
            assert read_all(second).startswith(b"HTTP/1.1 200 OK")


def test_a_body_left_unread_still_gets_its_answer_whole(server):
    """The app answers before reading the body: closing at once with those bytes unread would make
    the kernel reset the connection, and the client could lose the answer."""
    request = b"POST /upload HTTP/1.1\r\nHost: test\r\nContent-Length: 40000\r\n\r\n" + b"x" * 20000
    with ask(server, request) as connection:
        time.sleep(0.3)  # time for a reset to arrive, were one sent
        assert read_all(connection).startswith(b"HTTP/1.1 413 ")


def test_bytes_sent_after_the_request_still_get_a_graceful_close(server):
    with ask(server, GET + b"GET /again HTTP/1.1\r\nHost: test\r\n\r\n") as connection:
        time.sleep(0.3)
        answer = read_all(connection)
    assert answer.startswith(b"HTTP/1.1 200 OK") and answer.endswith(b"\r\n\r\nok")


RECORD = b"POST /record HTTP/1.1\r\nHost: test\r\nContent-Length: 0\r\n\r\n"


def recorded(port: int) -> bytes:
    with ask(port, b"GET /recorded HTTP/1.1\r\nHost: test\r\n\r\n") as connection:
        return read_all(connection).rpartition(b"\r\n\r\n")[2]


def test_a_request_whose_client_has_gone_is_not_served(server):
    with ask(server, b"GET /slow HTTP/1.1\r\nHost: test\r\n\r\n") as busy:
        time.sleep(0.1)  # the only worker is busy with /slow
        with ask(server, RECORD):
            pass  # sent, then closed: the visitor gave up while it waited in the queue
        assert read_all(busy).endswith(b"ok")
    assert recorded(server) == b"0"
    with ask(server, RECORD) as stayed:
        assert read_all(stayed).startswith(b"HTTP/1.1 200 OK")
    assert recorded(server) == b"1"
