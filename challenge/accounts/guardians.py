"""The parental-consent path: below their country's threshold a visitor may give a parent's or
guardian's address. Only what making the account needs is held, as a GuardianRequest; the
guardian gets one message (through the job queue) with a signed link, and only their confirming
makes the child's account, with an "account" and a "parental" consent under today's notice.
The parental consent keeps a salted hash of the guardian's address, not the address, which goes
with the request. Requests nobody confirms are deleted after RETENTION_GUARDIAN_REQUEST_DAYS (hourly purge)."""

import datetime as dt

from flask import current_app
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from huey import crontab
from sqlalchemy import delete, select

from challenge import audit, jobs, mail
from challenge.accounts import consents, emails, tokens
from challenge.accounts.models import Account, GuardianRequest
from challenge.accounts.operations import find, hash_password
from challenge.clock import utcnow
from challenge.conflicts import insert_unless_present
from challenge.extensions import db
from challenge.urls import public_url

JOB_KIND = "accounts.guardian-consent"
SUBJECT = _l("Your permission is asked for a Quad Cyber Challenge account")


def max_age() -> int:
    return current_app.config["RETENTION_GUARDIAN_REQUEST_DAYS"] * 24 * 3600


def ask(child_email: str, password: str, guardian_email: str, locale: str) -> None:
    """Hold the request and queue the guardian's message, in one commit. The visitor is told the
    same whatever the addresses (an existing account is handled when the guardian confirms)."""
    request = GuardianRequest(
        child_email=child_email,
        password_hash=hash_password(password),
        guardian_email=guardian_email,
        locale=locale,
    )
    db.session.add(request)
    db.session.flush()
    jobs.enqueue(JOB_KIND, f"{JOB_KIND}:{request.id}:{request.nonce}", {"id": request.id})
    db.session.commit()


def link_token(request: GuardianRequest) -> str:
    return tokens.make("guardian", {"id": request.id, "nonce": request.nonce})


def pending(token: str) -> GuardianRequest | None:
    """The request a guardian's link names, while it is waiting and not expired."""
    payload = tokens.read("guardian", token, max_age())
    if payload is None or not isinstance(payload.get("id"), int):
        return None
    request = db.session.get(GuardianRequest, payload["id"])
    if request is None or request.nonce != payload.get("nonce"):
        return None
    return request


def confirm(request: GuardianRequest) -> None:
    """The guardian consents: the child's account is made (its address still to be confirmed by
    the child, as at any sign-up), both consents recorded, the request (and with it the
    guardian's address) deleted; one commit."""
    child_email = request.child_email
    if find(child_email) is not None:
        emails.queue("exists", child_email)  # never touch an existing account
    else:
        new_id = insert_unless_present(
            Account.__table__,
            {
                "email": child_email,
                "password_hash": request.password_hash,
                "locale": request.locale,
            },
            ["email"],
        )
        if new_id is not None:
            consents.give(new_id, consents.ACCOUNT)
            parental = consents.give(
                new_id, consents.PARENTAL, guardian_email=request.guardian_email
            )
            emails.queue("verify", child_email)
            audit.record(
                "consent.parental",
                f"account #{new_id}",
                after={"notice_version": parental.notice_version},
                actor=consents.as_actor(db.session.get(Account, new_id)),
            )
    db.session.delete(request)
    db.session.commit()


@jobs.handler(JOB_KIND)
def send(payload: dict, key: str) -> None:
    """In the worker: the guardian's message, in the language the child used."""
    request = db.session.get(GuardianRequest, payload["id"])
    if request is None:  # confirmed or purged since it was queued
        db.session.rollback()
        return
    link = public_url("accounts.guardian_consent", token=link_token(request), locale=request.locale)
    with force_locale(request.locale):
        subject = str(SUBJECT)
    text, html = mail.render(
        "accounts/email/guardian",
        request.locale,
        child_email=request.child_email,
        link=link,
        days=current_app.config["RETENTION_GUARDIAN_REQUEST_DAYS"],
        notice=public_url("pages.privacy", locale=request.locale),
    )
    mail.send_once(key, mail.compose(request.guardian_email, subject, text, html, key))


@jobs.periodic("purge-guardian-requests", crontab(minute="47"))
def purge_guardian_requests() -> str:
    cutoff = utcnow() - dt.timedelta(seconds=max_age())
    stale = db.session.scalars(
        select(GuardianRequest.id).where(GuardianRequest.created_at < cutoff)
    ).all()
    if stale:
        db.session.execute(delete(GuardianRequest).where(GuardianRequest.id.in_(stale)))
    db.session.commit()
    return f"{len(stale)} deleted"
