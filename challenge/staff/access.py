"""Who may do what in the staff console: one table of permissions, checked by every staff view."""

from functools import wraps

from flask import abort
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from challenge.extensions import login_manager

EVERY_ROLE = frozenset({"admin", "editor", "translator", "moderator", "analyst"})

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
    "audit.view": frozenset({"admin"}),
    "staff.manage": frozenset({"admin"}),
}


def can(account, permission: str, locale: str | None = None) -> bool:
    """Whether `account` holds `permission`; for translating, in `locale` too."""
    if not getattr(account, "is_authenticated", False):
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
            if not can(current_user, permission):
                abort(403)
            return view(*args, **kwargs)

        wrapped.permission = permission
        return wrapped

    return decorator


def role_name(role: str | None) -> str:
    return str(ROLE_NAMES.get(role, role or ""))
