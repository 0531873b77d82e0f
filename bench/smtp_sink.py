"""A real SMTP server on loopback (aiosmtpd) for the benchmarks: it accepts every message after
`delay` seconds (a slow mail provider), keeps only who got which kind of message and when, and
measures the rate at which plain smtplib clients can hand it messages (the baseline)."""

import asyncio
import smtplib
import socket
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from email.message import EmailMessage
from email.parser import BytesHeaderParser

from aiosmtpd.controller import Controller

REMINDER, CONFIRMATION, OTHER = "reminder", "confirmation", "other"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Sink:
    """The aiosmtpd handler and its controller, on a free port of 127.0.0.1."""

    def __init__(self, delay: float = 0.0):
        self.delay = delay
        self.port = free_port()
        self.received: Counter = Counter()  # (kind, recipient): messages
        self.arrivals: dict[str, list[float]] = {}  # kind: monotonic times
        self._lock = threading.Lock()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            await asyncio.sleep(self.delay)
        headers = BytesHeaderParser().parsebytes(envelope.content)
        kind = REMINDER if headers["List-Unsubscribe"] else classify(headers["Subject"] or "")
        with self._lock:
            for recipient in envelope.rcpt_tos:
                self.received[(kind, recipient.lower())] += 1
            self.arrivals.setdefault(kind, []).append(time.monotonic())
        return "250 Message accepted for delivery"

    def count(self, kind: str) -> int:
        with self._lock:
            return len(self.arrivals.get(kind, ()))

    def first_arrival(self, kind: str) -> float | None:
        with self._lock:
            times = self.arrivals.get(kind)
            return min(times) if times else None

    def last_arrival(self, kind: str) -> float | None:
        with self._lock:
            times = self.arrivals.get(kind)
            return max(times) if times else None

    def recipients(self, kind: str) -> Counter:
        with self._lock:
            return Counter({to: n for (k, to), n in self.received.items() if k == kind})

    def wait_for(self, kind: str, count: int, idle_timeout: float) -> int:
        """Until `count` messages of `kind` arrived, or none for `idle_timeout` seconds."""
        seen, since = self.count(kind), time.monotonic()
        while seen < count and time.monotonic() - since < idle_timeout:
            time.sleep(0.2)
            now_seen = self.count(kind)
            if now_seen != seen:
                seen, since = now_seen, time.monotonic()
        return seen

    def baseline(self, messages: int, concurrency: int) -> float:
        """Messages a second that plain smtplib clients hand over, one connection a message (as
        the worker does), `concurrency` at a time: what the job queue is compared with."""

        def send(number: int) -> None:
            message = EmailMessage()
            message["From"], message["To"] = "bench@example.org", f"baseline{number}@example.org"
            message["Subject"] = "baseline"
            message.set_content("baseline")
            with smtplib.SMTP("127.0.0.1", self.port, timeout=30) as smtp:
                smtp.send_message(message)

        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=concurrency) as pool:
            list(pool.map(send, range(messages)))
        return messages / (time.perf_counter() - started)

    def __enter__(self) -> "Sink":
        self.controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self.controller.stop()


CONFIRMATION_SUBJECT = "Confirm your daily reminders"  # the English subject the sign-ups get


def classify(subject: str) -> str:
    return CONFIRMATION if subject == CONFIRMATION_SUBJECT else OTHER
