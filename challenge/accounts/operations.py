"""Writes to accounts: sign-up, e-mail verification, password reset, settings, export and deletion."""

import hmac
from functools import cache

from flask import current_app
from sqlalchemy import delete, select
from werkzeug.security import check_password_hash, generate_password_hash

from challenge.accounts import consents, emails, passwords, tokens
from challenge.accounts.models import Account, Consent, GuardianRequest, new_session_token
from challenge.accounts.notice import privacy_notice_version
from challenge.clock import utcnow
from challenge.conflicts import insert_unless_present
from challenge.extensions import db
from challenge.participation import tallies
from challenge.participation.models import Participant
from challenge.participation.operations import change_country, claim_for_account, forget_account


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


def _password_stamp(account: Account) -> str:
    return emails.password_stamp(account)


def send_verification(account: Account) -> None:
    emails.queue("verify", account.email)
    db.session.commit()


def sign_up(email: str, password: str, locale: str) -> None:
    """Create an unconfirmed account and mail the link that confirms it; nobody is logged in.

    An address that already has an account gets an e-mail instead (log in, or set a new password
    with the link in it), so the answer, the cookies and the work are the same either way and the
    page never reveals which addresses have accounts. The existing account is left as it is: a
    stranger signing up with someone's address can neither change their password nor get in.
    """
    existing = find(email)
    if existing is not None:
        hash_password(password)  # the same work as a new account, so timing tells nothing
        emails.queue("exists", email)  # the same kind of job as a new account's
        db.session.commit()
        return
    new_id = insert_unless_present(
        Account.__table__,
        {"email": email, "password_hash": hash_password(password), "locale": locale},
        ["email"],
    )
    if new_id is not None:  # else the same sign-up sent twice at once: the other one mails
        db.session.add(
            Consent(account_id=new_id, purpose="account", notice_version=privacy_notice_version())
        )
        emails.queue("verify", email)  # in the account's transaction: both or neither
    db.session.commit()


def authenticate(email: str, password: str) -> Account | None:
    """The account, if the password is right and its address confirmed; the same work otherwise."""
    account = find(email)
    if not check_password(account, password):
        return None
    return account if account.is_verified else None


def verify_email(token: str) -> tuple[Account | None, bool]:
    """(the account, whether this link confirmed it now); (None, False) for a link that fails.

    A link works until the password changes; only its first use confirms (and logs in)."""
    payload = tokens.read("verify", token, tokens.VERIFY_MAX_AGE)
    if payload is None:
        return None, False
    account = db.session.get(Account, payload.get("id"))
    if account is None or account.email != payload.get("email"):
        return None, False
    if not hmac.compare_digest(_password_stamp(account), str(payload.get("stamp"))):
        return None, False
    if account.email_verified_at is not None:
        return account, False
    account.email_verified_at = utcnow()
    db.session.commit()
    return account, True


def send_sign_in_link(email: str) -> None:
    """E-mail a one-time sign-in link if an account uses the address; nothing otherwise. The page
    says the same either way. The way in that failed log-ins can never close to the owner."""
    emails.queue("sign_in", email)  # the worker looks the address up
    db.session.commit()


def account_for_sign_in(token: str, *, use: bool = True) -> Account | None:
    """The account a sign-in link is for, once: using it ends every other session, which also
    retires the link. Following it proves the address, so an unconfirmed account is confirmed.
    With use=False, only whether the link still works."""
    payload = tokens.read("sign-in", token, tokens.SIGN_IN_MAX_AGE)
    if payload is None:
        return None
    account = db.session.get(Account, payload.get("id"))
    if account is None:
        return None
    if not hmac.compare_digest(account.session_token[-16:], str(payload.get("stamp"))):
        return None
    if not use:
        return account
    account.session_token = new_session_token()
    if account.email_verified_at is None:
        account.email_verified_at = utcnow()
    db.session.commit()
    return account


def request_reset(email: str) -> None:
    """Mail a reset link if an account uses the address; the page says the same either way."""
    emails.queue("reset", email)  # the worker looks the address up
    db.session.commit()


def account_for_reset(token: str) -> Account | None:
    payload = tokens.read("reset", token, tokens.RESET_MAX_AGE)
    if payload is None:
        return None
    account = db.session.get(Account, payload.get("id"))
    if account is None or not hmac.compare_digest(
        _password_stamp(account), str(payload.get("stamp"))
    ):
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
    account.last_active_at = utcnow()
    account.inactivity_warned_at = None  # in use again: the deletion it was warned of is off
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

        tallies.count_participant(None, participant.created_at.date())
    participant.display_name = display_name
    participant.show_name = bool(show_name and display_name)
    showing = consents.active(account.id, consents.SHOW_NAME)
    if participant.show_name and showing is None:
        consents.give(account.id, consents.SHOW_NAME)
    elif not participant.show_name and showing is not None:
        showing.withdrawn_at = utcnow()  # unticking the box is withdrawing it
    participant.locale = language
    if country != participant.country:
        change_country(participant, country)
    account.locale = language
    db.session.commit()


def delete_account(account: Account) -> None:
    forget_account(account.id)
    db.session.execute(delete(Consent).where(Consent.account_id == account.id))
    # A guardian's address waiting for its confirmatory message goes with the account.
    db.session.execute(delete(GuardianRequest).where(GuardianRequest.account_id == account.id))
    db.session.delete(account)
    db.session.commit()


@consents.on_withdrawal(consents.SHOW_NAME)
def hide_name(account: Account) -> None:
    participant = participant_of(account)
    if participant is not None:
        participant.show_name = False
