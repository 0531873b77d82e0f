"""The staff console's home page and audit log; each section's views live in its own module."""

from flask import current_app, g, render_template, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from challenge.i18n.locales import negotiated_locale
from challenge.staff import audit, bp
from challenge.staff.access import can, require, role_name

# The console's sections, in menu order: (endpoint, label, permission). A section shows in the
# menu only for staff who hold its permission, and only once its views are registered.
SECTIONS = (
    ("staff.dashboard", _l("Campaign dashboard"), "dashboard.view"),
    ("staff.content", _l("Content"), "content.view"),
    ("staff.translations", _l("Translations"), "content.view"),
    ("staff.moderation", _l("Moderation"), "moderation.review"),
    ("staff.organisations", _l("Organisations"), "organisations.manage"),
    ("staff.people", _l("Staff"), "staff.manage"),
    ("staff.audit_log", _l("Audit log"), "audit.view"),
)


@bp.before_request
def staff_locale():
    """Staff pages have no locale in their address: they speak the account's language."""
    locale = getattr(current_user, "locale", None)
    g.locale = locale if locale in current_app.config["LOCALES"] else negotiated_locale()


@bp.after_request
def private(response):
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Robots-Tag"] = "noindex"
    return response


@bp.app_context_processor
def staff_menu():
    def sections():
        return [
            (endpoint, label)
            for endpoint, label, permission in SECTIONS
            if endpoint in current_app.view_functions and can(current_user, permission)
        ]

    return {"staff_sections": sections, "staff_role_name": role_name}


@bp.get("/")
@require("console.view")
def home():
    return render_template("staff/home.html")


@bp.get("/audit")
@require("audit.view")
def audit_log():
    page = request.args.get("page", 1, type=int)
    page = page if page and page > 0 else 1
    action = request.args.get("action", "")[:64]
    rows, total = audit.entries(page, action or None)
    pages = max(1, -(-total // audit.PAGE_SIZE))
    return render_template(
        "staff/audit.html",
        rows=rows,
        total=total,
        page=min(page, pages),
        pages=pages,
        action=action,
        actions=audit.actions(),
    )
