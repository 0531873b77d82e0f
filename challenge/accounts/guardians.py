"""The parental-consent path: below their country's threshold a visitor may give a parent's or
guardian's address. Only what making the account needs is held, as a GuardianRequest; the
guardian gets a message (through the job queue) with a signed link, and only their confirming
makes the child's account, with an "account" and a "parental" consent under today's notice.
The parental consent keeps a salted hash of the guardian's address, not the address.

A second message follows GUARDIAN_CONFIRMATION_DELAY_HOURS later (the "email plus" method of
the US COPPA Rule): it confirms the consent and carries a link to withdraw it, which deletes the
child's account. Until it is sent the request keeps only the guardian's address; then it is
deleted. Requests nobody confirms are deleted after RETENTION_GUARDIAN_REQUEST_DAYS (hourly)."""

import datetime as dt
from types import SimpleNamespace

from flask import current_app
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from huey import crontab
from sqlalchemy import delete, select

from challenge import audit, jobs, mail
from challenge.accounts import consents, emails, tokens
from challenge.accounts.models import Account, Consent, GuardianRequest
from challenge.accounts.operations import delete_account, find, hash_password
from challenge.clock import utcnow
from challenge.conflicts import insert_unless_present
from challenge.extensions import db
from challenge.urls import public_url

JOB_KIND = "accounts.guardian-consent"
CONFIRMATION_JOB_KIND = "accounts.guardian-confirmation"
SUBJECT = _l("Your permission is asked for a Quad Cyber Challenge account")
CONFIRMATION_SUBJECT = _l("You gave permission for a Quad Cyber Challenge account")


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
    if request is None or request.nonce != payload.get("nonce") or request.consented_at:
        return None
    return request


def confirm(request: GuardianRequest) -> None:
    """The guardian consents: the child's account is made (its address still to be confirmed by
    the child, as at any sign-up), both consents recorded, the request (and with it the
    guardian's address) deleted; one commit."""
    child_email = request.child_email
    new_id = None
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
    if new_id is None:
        db.session.delete(request)
    else:  # kept for the confirmatory message only
        request.consented_at, request.account_id = utcnow(), new_id
        request.password_hash = ""
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
        select(GuardianRequest.id).where(
            GuardianRequest.created_at < cutoff, GuardianRequest.consented_at.is_(None)
        )
    ).all()
    if stale:
        db.session.execute(delete(GuardianRequest).where(GuardianRequest.id.in_(stale)))
    db.session.commit()
    return f"{len(stale)} deleted"


def withdrawal_token(request: GuardianRequest, consent_id: int) -> str:
    return tokens.make("guardian-withdraw", {"account": request.account_id, "consent": consent_id})


def withdrawable(token: str) -> Account | None:
    """The child's account a guardian's withdrawal link names, while its parental consent stands."""
    max_age = current_app.config["GUARDIAN_WITHDRAW_LINK_DAYS"] * 24 * 3600
    payload = tokens.read("guardian-withdraw", token, max_age)
    if payload is None or not all(isinstance(payload.get(k), int) for k in ("account", "consent")):
        return None
    consent = db.session.get(Consent, payload["consent"])
    if (
        consent is None
        or consent.account_id != payload["account"]
        or consent.purpose != consents.PARENTAL
        or consent.withdrawn_at is not None
    ):
        return None
    return db.session.get(Account, consent.account_id)


def withdraw(account: Account) -> None:
    """The guardian withdraws their consent: the child's account and all it holds are deleted,
    as at the account's own deletion; audited without anyone's address."""
    audit.record(
        "consent.parental.withdraw",
        f"account #{account.id}",
        after={"account": "deleted"},
        actor=SimpleNamespace(id=None, email=f"guardian of account #{account.id}"),
    )
    delete_account(account)  # commits, with the audit entry


@jobs.periodic("guardian-confirmations", crontab(minute="17"))
def queue_guardian_confirmations() -> str:
    """Hourly: queue the confirmatory message of each consent given long enough ago."""
    delay = dt.timedelta(hours=current_app.config["GUARDIAN_CONFIRMATION_DELAY_HOURS"])
    due = db.session.scalars(
        select(GuardianRequest.id).where(GuardianRequest.consented_at <= utcnow() - delay)
    ).all()
    for request_id in due:
        key = f"{CONFIRMATION_JOB_KIND}:{request_id}"
        jobs.enqueue(CONFIRMATION_JOB_KIND, key, {"id": request_id})
    db.session.commit()
    return f"{len(due)} queued"


@jobs.handler(CONFIRMATION_JOB_KIND)
def send_confirmation(payload: dict, key: str) -> None:
    """In the worker: the guardian's second message, then the request (and the address) goes."""
    request = db.session.get(GuardianRequest, payload["id"])
    if request is None:  # sent already, or the account was deleted (the request with it)
        db.session.rollback()
        return
    parental = consents.active(request.account_id, consents.PARENTAL)
    if parental is not None:
        link = public_url(
            "accounts.guardian_withdraw",
            token=withdrawal_token(request, parental.id),
            locale=request.locale,
        )
        with force_locale(request.locale):
            subject = str(CONFIRMATION_SUBJECT)
        text, html = mail.render(
            "accounts/email/guardian_confirmation",
            request.locale,
            child_email=db.session.get(Account, request.account_id).email,
            given_at=parental.given_at,
            link=link,
            link_days=current_app.config["GUARDIAN_WITHDRAW_LINK_DAYS"],
            notice=public_url("pages.privacy", locale=request.locale),
        )
        mail.send_once(key, mail.compose(request.guardian_email, subject, text, html, key))
    db.session.delete(request)
    db.session.commit()
