"""MAIL_BACKEND picks Flask-Mailman's backend: the message composed once is the one each keeps."""

import email
import email.policy

import pytest

from challenge import mail

SUBJECT = "नमस्ते: दैनिक अनुस्मारक"  # non-ASCII, encoded in the header and read back


def header(message, name: str) -> str:
    """A header's value; a long one is folded after its name (RFC 5322), hence the strip."""
    return message[name].strip()


def compose(key: str):
    return mail.compose(
        "asha@example.org",
        SUBJECT,
        "Plain text",
        "<p>HTML</p>",
        key,
        {"List-Unsubscribe": "<http://localhost/stop>"},
    )


def test_memory_keeps_the_message_as_sent(make_app):
    app = make_app()
    with app.app_context():
        mail.deliver(compose("mail:memory"))
        (message,) = mail.outbox()
    assert message["To"] == "asha@example.org" and header(message, "Subject") == SUBJECT
    assert message["Message-ID"] == app_message_id(app, "mail:memory")
    assert message["Auto-Submitted"] == "auto-generated" and message["Date"]
    assert header(message, "List-Unsubscribe") == "<http://localhost/stop>"
    assert mail.text_of(message).strip() == "Plain text"
    assert message.get_body(("html",)).get_content().strip() == "<p>HTML</p>"


def app_message_id(app, key: str) -> str:
    with app.app_context():
        return mail.message_id(key)


def test_file_writes_one_file_a_message_in_the_instance_outbox(make_app, tmp_path):
    app = make_app(MAIL_BACKEND="file")
    app.instance_path = str(tmp_path)
    with app.app_context():
        mail.deliver(compose("mail:file:1"))
        mail.deliver(compose("mail:file:2"))
    files = sorted((tmp_path / "outbox").glob("*.log"))
    assert len(files) == 2
    raw = files[0].read_bytes().split(b"\n" + b"-" * 79 + b"\n")[0]
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert header(message, "Subject") == SUBJECT and mail.text_of(message).strip() == "Plain text"


def test_an_unknown_backend_is_refused(make_app):
    app = make_app(MAIL_BACKEND="pigeon")
    with app.app_context(), pytest.raises(ValueError, match="smtp, file or memory"):
        mail.deliver(compose("mail:pigeon"))
