"""`python -m bench.reader SPEC RESULT`: open-loop page reads at a fixed rate, costing the machine
as little as a Python client can.

The viral moment's 1,000 reads a second need no cookies, forms or redirects: each is one GET on a
new connection, read to its end. `bench.load` serves them through asyncio, about 290 µs of CPU a
request on these machines; this loop drives non-blocking sockets with epoll directly, with no
event loop, tasks or futures in between, so that the generator takes less of the two cores it
shares with the server. The measurement is the same or stricter: each request's latency runs from
the moment it was due (not from when the loop got to it) until the whole answer was in; an answer
shorter than its Content-Length, a refused or reset connection, or no answer within the timeout is
a failure.

SPEC is JSON: host, port, rate (requests/s), duration (s), timeout (s), seed, max_in_flight (as
`bench.load`'s: a request due while that many are open is not started, and counted as such), and
paths, a list of [label, path, weight]. RESULT gets what its `bench.recorder.Recorder` recorded
(each request's label, status or failure, and latency), for `bench.load`, which starts this
process, to merge.
"""

import errno
import json
import random
import select
import socket
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from bench.httpclient import MAX_IN_FLIGHT, whole_length
from bench.recorder import Recorder

HEADERS = "Accept-Language: en\r\nAccept-Encoding: gzip\r\nUser-Agent: qcc-bench\r\n"


class Reading:
    __slots__ = ("due", "expected", "label", "received", "request", "sock")

    def __init__(self, label: str, due: float, sock: socket.socket, request: bytes):
        self.label, self.due, self.sock, self.request = label, due, sock, request
        self.received = bytearray()
        self.expected: int | None = None  # header and body bytes, once the length is known

    def whole(self) -> bool:
        """Whether the whole answer is in: as a browser does, it then closes at once. Without a
        length, it reads until the server closes."""
        if self.expected is None:
            self.expected = whole_length(self.received)
        return self.expected is not None and len(self.received) >= self.expected


def status_of(received: bytearray) -> tuple[int | None, str | None]:
    """The status of an answer the server has finished sending, or the failure it is."""
    if b"\r\n\r\n" not in received:
        return None, "incomplete response" if received else "empty response"
    expected = whole_length(received)
    if expected is not None and len(received) < expected:
        return None, "response cut short"
    try:
        return int(received.split(b" ", 2)[1]), None
    except (IndexError, ValueError):
        return None, "bad status line"


def run(spec: dict) -> dict:
    recorder = Recorder()
    rng = random.Random(spec.get("seed", 1))  # noqa: S311 - load shapes, not secrets
    paths = spec["paths"]
    weights = [weight for _label, _path, weight in paths]
    host, port, timeout = spec["host"], spec["port"], spec["timeout"]
    requests = {
        path: (
            f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: close\r\n{HEADERS}\r\n"
        ).encode("latin-1")
        for _label, path, _weight in paths
    }
    address = (host, port)
    poller = select.epoll()
    open_readings: dict[int, Reading] = {}
    interval = 1 / spec["rate"]
    started = time.perf_counter()
    deadline = started + spec["duration"]
    n = 0
    late = 0
    not_started = Counter()
    max_in_flight = spec.get("max_in_flight", MAX_IN_FLIGHT)

    def finish(reading: Reading, failure: str | None) -> None:
        fd = reading.sock.fileno()
        poller.unregister(fd)
        reading.sock.close()
        del open_readings[fd]
        now = time.perf_counter()
        if failure is None:
            status, failure = status_of(reading.received)
        if failure is not None:
            recorder.failure(reading.label, failure)
            return
        recorder.answer(reading.label, status, (now - reading.due) * 1000, status == 200)

    while True:
        now = time.perf_counter()
        while started + n * interval <= now and started + n * interval < deadline:
            due = started + n * interval
            n += 1
            late += now - due > 0.01
            label, path, _weight = rng.choices(paths, weights)[0]
            if len(open_readings) >= max_in_flight:  # a surge the server is far behind on
                not_started[label] += 1
                continue
            try:
                sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            except OSError as failure:  # out of file descriptors or buffers: a visitor unserved
                recorder.failure(label, errno.errorcode.get(failure.errno, str(failure.errno)))
                continue
            sock.setblocking(False)
            code = sock.connect_ex(address)
            if code not in (0, errno.EINPROGRESS):
                sock.close()
                recorder.failure(label, errno.errorcode.get(code, str(code)))
                continue
            reading = Reading(label, due, sock, requests[path])
            open_readings[sock.fileno()] = reading
            poller.register(sock.fileno(), select.EPOLLOUT)
        if now >= deadline + timeout or (now >= deadline and not open_readings):
            break
        next_due = started + n * interval
        wait = max(0.0, min(next_due, deadline) - now) if next_due < deadline else 0.05
        for fd, _events in poller.poll(wait):
            reading = open_readings[fd]
            if reading.request:
                error = reading.sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
                if error:
                    finish(reading, errno.errorcode.get(error, str(error)))
                    continue
                try:
                    reading.sock.send(reading.request)  # a few hundred bytes: sent whole
                except OSError as failure:
                    finish(reading, type(failure).__name__)
                    continue
                reading.request = b""
                poller.modify(fd, select.EPOLLIN)
                continue
            try:
                data = reading.sock.recv(65536)
            except BlockingIOError:
                continue
            except OSError as failure:
                finish(reading, type(failure).__name__)
                continue
            if data:
                reading.received += data
                if reading.whole():
                    finish(reading, None)
            else:
                finish(reading, None)
        if n % 64 == 0 or now >= deadline:  # sweep for answers that took too long
            for reading in [r for r in open_readings.values() if now - r.due > timeout]:
                finish(reading, "timeout")
    for reading in list(open_readings.values()):
        finish(reading, "timeout")
    poller.close()
    return {
        "raw": recorder.raw(),
        "generator": {
            "requests": n,
            "late_starts": late,
            "not_started_over_in_flight_cap": dict(not_started),
        },
        "elapsed_s": time.perf_counter() - started,
    }


def start(spec: dict, folder: Path) -> tuple[subprocess.Popen, Path]:
    """This reader in a process of its own, sending a `bench.load` run's plain reads
    (`spec["reader"]`, with the run's host, port, duration, timeout and in-flight cap)."""
    reader = {
        key: spec[key]
        for key in ("host", "port", "duration", "timeout", "max_in_flight")
        if key in spec
    } | spec["reader"]
    spec_path, result_path = folder / "reader.spec.json", folder / "reader.result.json"
    spec_path.write_text(json.dumps(reader))
    process = subprocess.Popen(  # noqa: S603 - our own module
        [sys.executable, "-m", "bench.reader", str(spec_path), str(result_path)],
        cwd=Path(__file__).resolve().parent.parent,
    )
    return process, result_path


def result(process: subprocess.Popen, result_path: Path) -> dict:
    """What the reader started by `start` recorded, once it has finished."""
    if process.wait() != 0 or not result_path.exists():
        raise RuntimeError(f"bench.reader failed (exit {process.returncode})")
    return json.loads(result_path.read_text())


def main(argv: list[str]) -> int:
    spec_path, result_path = argv
    with open(spec_path) as handle:
        spec = json.load(handle)
    recorded = run(spec)
    with open(result_path, "w") as handle:
        json.dump(recorded, handle)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
