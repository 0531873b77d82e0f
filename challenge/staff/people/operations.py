"""Granting, changing and revoking staff roles, and translators' locales; every change audited.
The console (/staff/people) and `flask staff` both go through here.

An admin cannot take away their own admin role, and the last admin cannot be removed, so the
console always has someone who can manage it. A role goes only to an account whose address is
confirmed: anyone can sign up with a new hire's address before they do.
"""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from challenge import audit
from challenge.accounts.models import Account
from challenge.accounts.roles import ROLES
from challenge.extensions import db


class Refused(Exception):
    """A change the rules forbid; the message says why, in the staff member's language."""


def staff_list() -> list[Account]:
    order = {role: index for index, role in enumerate(ROLES)}
    accounts = db.session.scalars(
        select(Account).where(Account.staff_role.is_not(None)).order_by(Account.email)
    ).all()
    return sorted(accounts, key=lambda account: (order.get(account.staff_role, 99), account.email))


def unverified_message(account: Account):
    return _l(
        "%(email)s has not confirmed their email address, so anyone could have signed up with it. Ask them to open the confirmation link we emailed them (or to ask for a new one on their account page), then give them the role.",
        email=account.email,
    )


def _check_admin_kept(account: Account, new_role: str | None, actor: Account | None) -> None:
    """`actor` None: the command line, whose operator may change any role but not the last admin."""
    if account.staff_role != "admin" or new_role == "admin":
        return
    if actor is not None and account.id == actor.id:
        raise Refused(_l("You cannot take away your own admin role. Ask another admin to do it."))
    if not account.is_verified:
        return  # an admin role on an unconfirmed address opens nothing: not one of the admins kept
    # Lock the admins' rows, so two admins demoting each other at once cannot leave none. Only
    # admins with a confirmed address count: the others cannot use the console.
    admins = db.session.scalars(
        select(Account.id)
        .where(Account.staff_role == "admin", Account.email_verified_at.is_not(None))
        .with_for_update()
    ).all()
    if len(admins) <= 1:
        raise Refused(_l("The console needs at least one admin. Make someone else an admin first."))


def _state(account: Account) -> dict:
    return {"role": account.staff_role, "locales": list(account.staff_locales or [])}


def set_role(account: Account, role: str, actor: Account | None) -> bool:
    """Give `account` the role (granting or changing it); False when it had it already. Commits.

    `actor` is the admin making the change, or None for the command line."""
    if role not in ROLES:
        raise ValueError(role)
    if account.staff_role == role:
        return False
    if not account.is_verified:
        raise Refused(unverified_message(account))
    try:
        _check_admin_kept(account, role, actor)
    except Refused:
        db.session.rollback()
        raise
    before = _state(account)
    account.staff_role = role
    if role != "translator":
        account.staff_locales = []  # least privilege: locales mean something to translators only
    audit.record("staff.role", account.email, before=before, after=_state(account))
    db.session.commit()
    return True


def revoke(account: Account, actor: Account | None) -> None:
    """Take the staff role away; the account stays. Commits."""
    try:
        _check_admin_kept(account, None, actor)
    except Refused:
        db.session.rollback()
        raise
    before = _state(account)
    account.staff_role = None
    account.staff_locales = []
    audit.record("staff.revoke", account.email, before=before, after=_state(account))
    db.session.commit()


def set_locales(account: Account, locales: list[str]) -> None:
    """The locales a translator may translate into. Commits."""
    if account.staff_role != "translator":
        raise Refused(_l("Only translators are given languages."))
    before = _state(account)
    account.staff_locales = sorted(set(locales))
    audit.record("staff.locales", account.email, before=before, after=_state(account))
    db.session.commit()
