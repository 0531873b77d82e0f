"""A real SMTP server on loopback (aiosmtpd) that keeps what it receives, for the mail tests."""

import asyncio
import email
import email.policy
import socket
import threading
from email.message import EmailMessage

from aiosmtpd.controller import Controller


class Mailbox:
    """The aiosmtpd handler: every message accepted, parsed and kept in order of arrival."""

    def __init__(self):
        self.messages: list[EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []
        self._arrived = threading.Condition()
        self.rcpt_delay = 0.0  # seconds each RCPT waits: a slow server, to stop a worker mid-send
        self.rcpts = 0  # RCPT commands begun, delivered or not

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        with self._arrived:
            self.rcpts += 1
            self._arrived.notify_all()
        if self.rcpt_delay:
            await asyncio.sleep(self.rcpt_delay)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self._arrived:
            self.messages.append(message)
            self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
            self._arrived.notify_all()
        return "250 Message accepted for delivery"

    def wait_for(self, count: int, timeout: float = 10) -> list[EmailMessage]:
        with self._arrived:
            self._arrived.wait_for(lambda: len(self.messages) >= count, timeout)
            return list(self.messages)

    def wait_for_rcpts(self, count: int, timeout: float = 10) -> bool:
        with self._arrived:
            return self._arrived.wait_for(lambda: self.rcpts >= count, timeout)

    def clear(self) -> None:
        with self._arrived:
            self.messages.clear()
            self.envelopes.clear()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class MailServer:
    """aiosmtpd listening on 127.0.0.1; `settings` point the app's SMTP backend at it."""

    def __init__(self):
        self.mailbox = Mailbox()
        self.port = free_port()
        self.controller = None

    @property
    def settings(self) -> dict:
        return {
            "MAIL_BACKEND": "smtp",
            "MAIL_SERVER": "127.0.0.1",
            "MAIL_PORT": self.port,
            "MAIL_USE_TLS": False,
            "MAIL_USERNAME": "",
        }

    def start(self) -> None:
        """Listen (again, after `stop`) on the same port, keeping the mailbox."""
        self.controller = Controller(self.mailbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        """Stop listening: connections are refused until `start`."""
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def __enter__(self) -> "MailServer":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
