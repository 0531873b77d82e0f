"""Account e-mails, as jobs: the request queues one job of the same kind whatever the address,
and the worker looks the account up, makes the link and sends, so no answer, cookie or timing
tells whether an address has an account."""

import secrets

from flask import current_app
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from challenge import jobs, mail
from challenge.accounts import tokens
from challenge.accounts.models import Account
from challenge.extensions import db
from challenge.urls import public_url

JOB_KIND = "accounts.email"
SUBJECTS = {
    "verify": _l("Confirm your email address"),
    "exists": _l("You already have an account"),
    "sign_in": _l("Your sign-in link"),
    "reset": _l("Reset your password"),
    "inactive": _l("Your Quad Cyber Challenge account will be deleted unless you sign in"),
}


def queue(purpose: str, email: str) -> None:
    """Queue the `purpose` e-mail for `email` in the current transaction (the caller commits)."""
    if purpose not in SUBJECTS:
        raise ValueError(f"unknown account e-mail {purpose!r}")
    key = f"{JOB_KIND}:{purpose}:{secrets.token_hex(16)}"
    jobs.enqueue(JOB_KIND, key, {"purpose": purpose, "email": email.strip().lower()})


def password_stamp(account: Account) -> str:
    """Changes with the password, so a link made before a change no longer works."""
    return account.password_hash[-16:]


def _links(purpose: str, account: Account) -> dict:
    locale = account.locale
    if purpose == "inactive":
        return {
            "link": public_url("accounts.login", locale=locale),
            "sign_in_link": public_url("accounts.sign_in_request", locale=locale),
            "days": current_app.config["RETENTION_INACTIVE_WARNING_DAYS"],
        }
    if purpose == "verify":
        payload = {"id": account.id, "email": account.email, "stamp": password_stamp(account)}
        return {
            "link": public_url(
                "accounts.verify", token=tokens.make("verify", payload), locale=locale
            )
        }
    if purpose == "sign_in":
        payload = {"id": account.id, "stamp": account.session_token[-16:]}
        return {
            "link": public_url(
                "accounts.sign_in_link", token=tokens.make("sign-in", payload), locale=locale
            )
        }
    reset_token = tokens.make("reset", {"id": account.id, "stamp": password_stamp(account)})
    reset_link = public_url("accounts.reset", token=reset_token, locale=locale)
    if purpose == "reset":
        return {"link": reset_link}
    return {"link": public_url("accounts.login", locale=locale), "reset_link": reset_link}


@jobs.handler(JOB_KIND)
def send(payload: dict, key: str) -> None:
    """In the worker: the message for the account that uses the address, in its language;
    nothing when no account does (the visitor was told the same either way)."""
    purpose = payload["purpose"]
    account = db.session.scalar(select(Account).where(Account.email == payload["email"]))
    if account is None or (purpose == "verify" and account.is_verified):
        db.session.rollback()
        return
    with force_locale(account.locale):
        subject = str(SUBJECTS[purpose])
    context = _links(purpose, account)
    text, html = mail.render(
        f"accounts/email/{purpose}", account.locale, account=account, **context
    )
    mail.send_once(key, mail.compose(account.email, subject, text, html, key))
