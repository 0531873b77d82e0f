"""Outgoing e-mail: SMTP in production; files in the instance folder in development; memory in tests."""

import logging
import secrets
import smtplib
from email.message import EmailMessage
from pathlib import Path

from flask import current_app

log = logging.getLogger(__name__)


def outbox() -> list[EmailMessage]:
    """Messages sent with MAIL_BACKEND=memory (the test configuration)."""
    return current_app.extensions.setdefault("mail_outbox", [])


def send(to: str, subject: str, body: str) -> None:
    config = current_app.config
    message = EmailMessage()
    message["From"] = config["MAIL_FROM"]
    message["To"] = to
    message["Subject"] = subject
    message.set_content(body)
    backend = config["MAIL_BACKEND"]
    if backend == "memory":
        outbox().append(message)
    elif backend == "file":
        folder = Path(current_app.instance_path) / "outbox"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{secrets.token_hex(8)}.eml"
        path.write_bytes(message.as_bytes())
        log.info("Mail written to %s", path)  # the path only: addresses are personal data
    elif backend == "smtp":
        with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=15) as smtp:
            if config["MAIL_USE_TLS"]:
                smtp.starttls()
            if config["MAIL_USERNAME"]:
                smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
            smtp.send_message(message)
    else:
        raise ValueError(f"MAIL_BACKEND must be smtp, file or memory, not {backend!r}")
