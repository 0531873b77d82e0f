"""No personal data in the logs: addresses, passwords, names and client addresses never reach them,
whatever happens (sign-up, failed and throttled log-ins, resets, pledges, a honeypot, errors)."""

import logging

from tests.factories import last_link, submit
from tests.support.accounts import ADULT

EMAIL = "asha.personal@example.org"
PASSWORD = "correct horse battery staple"
NAME = "Asha Verma"
ADDRESS = "198.51.100.77"


def test_nothing_personal_is_logged(make_app, real_content_tree, caplog):
    from challenge.content.operations import sync_tree
    from challenge.mail import outbox

    app = make_app(RATE_LIMIT_LOGIN_ACCOUNT="1 per minute", LOG_LEVEL="DEBUG")
    with app.app_context():
        sync_tree(real_content_tree, "en")
    caplog.set_level(logging.DEBUG)
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = ADDRESS
    fields = {"country": "IN", "age_band": "18-or-over", "display_name": NAME}
    assert submit(client, "/en/pledges/turn-on-mfa", fields).status_code == 302
    submit(client, "/en/pledges/install-updates", {"country": "IN", "homepage": "spam"})
    submit(client, "/en/account/signup", {"email": EMAIL, "password": PASSWORD, **ADULT})
    for attempt in ("wrong password number one", "wrong password number two", PASSWORD):
        submit(app.test_client(), "/en/account/login", {"email": EMAIL, "password": attempt})
    submit(client, "/en/account/reset", {"email": EMAIL})
    with app.app_context():
        link = last_link(outbox())
    submit(client, link, {"password": "a new and unusual phrase"})
    logged = "\n".join(
        f"{record.getMessage()} {record.args!r} {record.exc_text or ''}"
        for record in caplog.records
    )
    assert any(record.name.startswith("challenge") for record in caplog.records)  # it did log
    for secret in (EMAIL, "asha.personal", PASSWORD, "wrong password", NAME, ADDRESS, "198.51.100"):
        assert secret not in logged, secret
