"""Shared test helpers (moved out of test modules, which never import each other)."""

from challenge.mail import outbox
from tests.factories import submit
from tests.support.accounts import sign_up as confirmed_sign_up

PASSWORD = "correct horse battery staple"


def sign_up(client, email="asha@example.org", password=PASSWORD, locale="en", confirm=True):
    """Sign up and, unless told otherwise, follow the mailed link (which logs the browser in)."""
    return confirmed_sign_up(client, email, password, locale, confirm=confirm)


def log_in(client, email="asha@example.org", password=PASSWORD, **extra):
    return submit(client, "/en/account/login", {"email": email, "password": password, **extra})


def mails(app):
    with app.app_context():
        return outbox()
