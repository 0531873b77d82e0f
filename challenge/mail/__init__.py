"""Outgoing e-mail, always through the job queue: `queue` (or a feature's own job kind) in the
request's transaction; the worker composes the message and hands it to Flask-Mailman once per
idempotency key. Backends (MAIL_BACKEND): `smtp` in production; `file`, messages written under
the instance folder's outbox/, in development; `memory` in tests."""

import datetime as dt
import email
import email.policy
import hashlib
import secrets
from email.message import EmailMessage
from email.utils import formatdate, parseaddr
from pathlib import Path

from flask import current_app, g, render_template
from flask_babel import force_locale
from flask_mailman import EmailMultiAlternatives
from huey import crontab
from sqlalchemy import delete

from challenge import jobs
from challenge.clock import utcnow
from challenge.conflicts import insert_unless_present
from challenge.extensions import db, mailman
from challenge.mail.models import SentMail

MESSAGE_JOB = "mail.message"
# Our names for Flask-Mailman's backends.
BACKENDS = {"smtp": "smtp", "file": "file", "memory": "locmem"}


def parsed(message: EmailMultiAlternatives) -> EmailMessage:
    """The message as it goes on the wire, read back with the standard library."""
    return email.message_from_bytes(message.message().as_bytes(), policy=email.policy.default)


def outbox() -> list[EmailMessage]:
    """Messages sent with MAIL_BACKEND=memory (the test configuration), as sent."""
    state = current_app.extensions["mailman"]  # the app's Flask-Mailman, where locmem keeps them
    return [parsed(message) for message in getattr(state, "outbox", [])]


def text_of(message: EmailMessage) -> str:
    """The plain-text part of a message."""
    return message.get_body(("plain",)).get_content()


def render(template: str, locale: str, **context) -> tuple[str, str]:
    """`template`.txt and `template`.html rendered in `locale`: the two parts of a message."""
    outer = g.pop("locale", None)
    g.locale = (
        locale  # what current_locale() and the templates' context read, in or out of a request
    )
    try:
        with force_locale(locale):
            text = render_template(f"{template}.txt", **context)
            html = render_template(f"{template}.html", mail_locale=locale, **context)
    finally:
        g.pop("locale")
        if outer is not None:
            g.locale = outer
    return text, html


def queue(to: str, subject: str, text: str, html: str, *, key: str | None = None) -> None:
    """Send this message from the worker once the current transaction commits (the caller
    commits). Rendered by the caller, in the recipient's language."""
    key = key or f"mail:{secrets.token_hex(16)}"
    jobs.enqueue(MESSAGE_JOB, key, {"to": to, "subject": subject, "text": text, "html": html})


@jobs.handler(MESSAGE_JOB)
def _send_queued(payload: dict, key: str) -> None:
    send_once(
        key, compose(payload["to"], payload["subject"], payload["text"], payload["html"], key)
    )


def message_id(key: str) -> str:
    """The same Message-ID for every attempt of a job, so a receiver can tell a repeat too."""
    domain = (
        parseaddr(current_app.config["MAIL_DEFAULT_SENDER"])[1].rpartition("@")[2] or "localhost"
    )
    return f"<{hashlib.sha256(key.encode()).hexdigest()[:32]}@{domain}>"


def compose(
    to: str, subject: str, text: str, html: str, key: str, headers: dict | None = None
) -> EmailMultiAlternatives:
    """A multipart/alternative message (text, then HTML) with the standard headers."""
    message = EmailMultiAlternatives(
        subject,
        text,
        from_email=current_app.config["MAIL_DEFAULT_SENDER"],
        to=[to],
        headers={
            "Date": formatdate(localtime=False, usegmt=True),
            "Message-ID": message_id(key),
            "Auto-Submitted": "auto-generated",  # RFC 3834: no out-of-office replies
            **(headers or {}),
        },
    )
    message.attach_alternative(html, "text/html")
    return message


def send_once(key: str, message: EmailMultiAlternatives) -> bool:
    """Hand the message to the backend unless one was already sent under `key`; whether sent.

    The key is recorded as soon as the backend accepts the message, in its own transaction,
    before the job is marked done: a worker killed between the two leaves a job that runs again
    and finds the key. (Only a kill in the instant between the server's acceptance and this
    record can still send twice; the Message-ID is then the same.)"""
    if db.session.get(SentMail, key) is not None:
        db.session.rollback()
        return False
    db.session.rollback()  # no transaction held open while talking to the mail server
    deliver(message)
    insert_unless_present(
        SentMail.__table__, {"idempotency_key": key, "sent_at": utcnow()}, ["idempotency_key"]
    )
    db.session.commit()
    return True


def deliver(message: EmailMultiAlternatives) -> None:
    """Through Flask-Mailman's backend for MAIL_BACKEND, on a connection of its own."""
    config = current_app.config
    backend = config["MAIL_BACKEND"]
    if backend not in BACKENDS:
        raise ValueError(f"MAIL_BACKEND must be smtp, file or memory, not {backend!r}")
    options = {}
    if backend == "smtp":
        options["timeout"] = config["MAIL_TIMEOUT_SECONDS"]
    elif backend == "file":
        options["file_path"] = str(Path(current_app.instance_path) / "outbox")
    message.connection = mailman.get_connection(backend=BACKENDS[backend], **options)
    message.send()


@jobs.periodic("purge-sent-mail-keys", crontab(minute="23", hour="3"))
def purge_sent_mail_keys() -> str:
    """Keys of messages sent long ago: their jobs are done and deleted."""
    cutoff = utcnow() - dt.timedelta(days=current_app.config["MAIL_KEEP_DAYS"])
    result = db.session.execute(delete(SentMail).where(SentMail.sent_at < cutoff))
    db.session.commit()
    return f"{result.rowcount} deleted"
