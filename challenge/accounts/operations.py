"""Writes to accounts: sign-up, e-mail verification, password reset, settings, export and deletion."""

import hmac
from functools import cache

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash

from challenge import mail
from challenge.accounts import passwords, tokens
from challenge.accounts.models import Account, new_session_token
from challenge.content.models import utcnow
from challenge.extensions import db
from challenge.participation.models import Participant
from challenge.participation.operations import change_country, claim_for_account, forget_account
from challenge.urls import public_url


def _method() -> str:
    return current_app.config["PASSWORD_HASH_METHOD"]


@cache
def dummy_hash(method: str) -> str:
    """Checked when no account matches, so a wrong address takes as long as a wrong password."""
    return generate_password_hash("not-a-real-password", method=method)


def hash_password(password: str) -> str:
    return generate_password_hash(passwords.normalise(password), method=_method())


def _spellings(password: str) -> list[str]:
    """The password as hashed now (NFKC), then as typed: hashes made before normalising."""
    normalised = passwords.normalise(password)
    return [normalised] if normalised == password else [normalised, password]


def check_password(account: Account | None, password: str) -> bool:
    """Whether `password` is the account's; with no account, the same work against a dummy hash,
    so a wrong address takes as long as a wrong password. A hash made before normalising, or with
    other parameters than PASSWORD_HASH_METHOD's (a raised cost), is made again on success."""
    for spelling in _spellings(password):
        if account is None:
            check_password_hash(dummy_hash(_method()), spelling)
        elif check_password_hash(account.password_hash, spelling):
            made_with = account.password_hash.split("$", 1)[0]
            if spelling != passwords.normalise(password) or made_with != _method():
                account.password_hash = hash_password(password)
                db.session.commit()
            return True
    return False


def find(email: str) -> Account | None:
    return db.session.scalar(select(Account).where(Account.email == email.strip().lower()))


def send_template(account: Account, subject, template: str, **context) -> None:
    """Mail the account in its own language; `subject` is a lazy string, resolved in that locale."""
    with force_locale(account.locale):
        body = render_template(f"accounts/email/{template}.txt", account=account, **context)
        mail.send(account.email, str(subject), body)


def send_verification(account: Account) -> None:
    token = tokens.make("verify", {"id": account.id, "email": account.email})
    link = public_url("accounts.verify", token=token, locale=account.locale)
    send_template(account, _l("Confirm your email address"), "verify", link=link)


def sign_up(email: str, password: str, locale: str) -> Account | None:
    """Create the account and claim this browser's participation; None if the address is taken.

    A taken address gets an e-mail instead, so the page never reveals which addresses have accounts.
    """
    existing = find(email)
    if existing is not None:
        hash_password(password)  # the same work as a new account, so timing tells nothing
        link = public_url("accounts.login", locale=existing.locale)
        send_template(existing, _l("You already have an account"), "exists", link=link)
        return None
    account = Account(email=email, password_hash=hash_password(password), locale=locale)
    db.session.add(account)
    db.session.flush()
    claim_for_account(account.id)
    db.session.commit()
    send_verification(account)
    return account


def authenticate(email: str, password: str) -> Account | None:
    account = find(email)
    return account if check_password(account, password) else None


def verify_email(token: str) -> Account | None:
    payload = tokens.read("verify", token, tokens.VERIFY_MAX_AGE)
    if payload is None:
        return None
    account = db.session.get(Account, payload.get("id"))
    if account is None or account.email != payload.get("email"):
        return None
    if account.email_verified_at is None:
        account.email_verified_at = utcnow()
        db.session.commit()
    return account


def _reset_stamp(account: Account) -> str:
    """Changes with the password, so a reset link works once."""
    return account.password_hash[-16:]


def request_reset(email: str) -> None:
    account = find(email)
    if account is None:
        return
    token = tokens.make("reset", {"id": account.id, "stamp": _reset_stamp(account)})
    link = public_url("accounts.reset", token=token, locale=account.locale)
    send_template(account, _l("Reset your password"), "reset", link=link)


def account_for_reset(token: str) -> Account | None:
    payload = tokens.read("reset", token, tokens.RESET_MAX_AGE)
    if payload is None:
        return None
    account = db.session.get(Account, payload.get("id"))
    if account is None or not hmac.compare_digest(_reset_stamp(account), str(payload.get("stamp"))):
        return None
    return account


def set_password(account: Account, password: str, *, by_email_link: bool = True) -> None:
    """Change the password and end every session; the caller starts the current one afresh."""
    account.password_hash = hash_password(password)
    account.session_token = new_session_token()
    if by_email_link and account.email_verified_at is None:
        account.email_verified_at = utcnow()  # the reset link proved the address
    db.session.commit()


def end_sessions(account: Account) -> None:
    """Log the account out everywhere: its sessions and remember-me cookies name the old token."""
    account.session_token = new_session_token()
    db.session.commit()


def log_in(account: Account) -> None:
    claim_for_account(account.id)
    db.session.commit()


def participant_of(account: Account) -> Participant | None:
    return db.session.scalar(select(Participant).where(Participant.account_id == account.id))


def update_settings(account: Account, *, display_name, show_name, country, language) -> None:
    participant = participant_of(account)
    if participant is None and not (country or display_name):
        account.locale = language  # only the language: nothing to take part with yet
        db.session.commit()
        return
    if participant is None:
        participant = Participant(account_id=account.id, locale=language, country=None)
        db.session.add(participant)
        db.session.flush()
        from challenge.participation import tallies

        tallies.count_participant(None, participant.created_at.date())
    participant.display_name = display_name
    participant.show_name = bool(show_name and display_name)
    participant.locale = language
    if country != participant.country:
        change_country(participant, country)
    account.locale = language
    db.session.commit()


def export_data(account: Account) -> dict:
    from challenge.organisations.queries import administered_by
    from challenge.participation.export import participation_export

    participant = participant_of(account)
    return {
        "account": {
            "email": account.email,
            "email_verified": account.is_verified,
            "language": account.locale,
            "created_at": account.created_at.isoformat() + "Z",
            "staff_role": account.staff_role,
            "organisations_administered": [
                {"name": organisation.name, "slug": organisation.slug}
                for organisation in administered_by(account)
            ],
        },
        "participation": participation_export(participant),
    }


def delete_account(account: Account) -> None:
    forget_account(account.id)
    db.session.delete(account)
    db.session.commit()
