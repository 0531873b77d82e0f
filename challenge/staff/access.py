"""Who may do what in the staff console: one table of permissions, checked by every staff view."""

from functools import wraps

from flask import abort
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from challenge.accounts.roles import ROLES
from challenge.errors import render_error
from challenge.extensions import login_manager

EVERY_ROLE = frozenset(ROLES)

ROLE_NAMES = {
    "admin": _l("Administrator"),
    "editor": _l("Editor"),
    "translator": _l("Translator"),
    "moderator": _l("Moderator"),
    "analyst": _l("Analyst"),
}

# Least privilege: each role gets what its work needs. Admins get everything.
PERMISSIONS: dict[str, frozenset[str]] = {
    "console.view": EVERY_ROLE,
    "dashboard.view": frozenset({"admin", "editor", "analyst", "moderator"}),
    "dashboard.export": frozenset({"admin", "analyst"}),
    "content.view": frozenset({"admin", "editor", "translator"}),
    "content.edit": frozenset({"admin", "editor"}),  # the source locale and item settings
    "content.translate": frozenset({"admin", "editor", "translator"}),  # translator: own locales
    "content.publish": frozenset({"admin", "editor"}),
    "moderation.review": frozenset({"admin", "moderator"}),
    "organisations.manage": frozenset({"admin", "moderator"}),
    "certificates.revoke": frozenset({"admin", "moderator"}),  # look up and revoke
    "audit.view": frozenset({"admin"}),
    # Jobs carry mail for every account and staff member: only admins see or change them.
    "jobs.manage": frozenset({"admin"}),
    "staff.manage": frozenset({"admin"}),
}


UNVERIFIED = _l(
    "Confirm your email address to use the staff console: open the link we emailed you, or ask for a new one on your account page."
)


def has_verified_address(account) -> bool:
    """A role works only for an account whose owner confirmed its address: anyone can sign up
    with a new hire's address before they do, and must not get what was meant for them."""
    return getattr(account, "email_verified_at", None) is not None


def can(account, permission: str, locale: str | None = None) -> bool:
    """Whether `account` holds `permission`; for translating, in `locale` too. Never for an
    account whose address is not confirmed."""
    if not getattr(account, "is_authenticated", False) or not has_verified_address(account):
        return False
    role = account.staff_role
    if role not in PERMISSIONS[permission]:
        return False
    if permission == "content.translate" and locale is not None and role == "translator":
        return locale in (account.staff_locales or [])
    return True


def require(permission: str):
    """View decorator: anonymous visitors go to log in; accounts without `permission` get 403."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if current_user.staff_role is not None and not has_verified_address(current_user):
                return render_error(403, UNVERIFIED)
            if not can(current_user, permission):
                abort(403)
            return view(*args, **kwargs)

        wrapped.permission = permission
        return wrapped

    return decorator


def role_name(role: str | None) -> str:
    return str(ROLE_NAMES.get(role, role or ""))
