"""The staff console's home page and audit log; each section's views live in its own module."""

from flask import current_app, g, render_template, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from challenge import audit
from challenge.i18n.locales import negotiated_locale
from challenge.staff import bp
from challenge.staff.access import can, require, role_name
from challenge.staff.paging import page_of

AUDIT_PAGE_SIZE = 50

# The console's sections, in menu order: (endpoint, label, permission). A section shows in the
# menu only for staff who hold its permission, and only once its views are registered.
SECTIONS = (
    ("staff.dashboard", _l("Campaign dashboard"), "dashboard.view"),
    ("staff.content", _l("Content"), "content.view"),
    ("staff.translations", _l("Translations"), "content.view"),
    ("staff.editions_list", _l("Editions"), "dashboard.view"),
    ("staff.moderation", _l("Moderation"), "moderation.review"),
    ("staff.organisations", _l("Organisations"), "organisations.manage"),
    ("staff.certificates", _l("Certificates"), "certificates.revoke"),
    ("staff.people", _l("Staff"), "staff.manage"),
    ("staff.jobs", _l("Background jobs"), "jobs.manage"),
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
    action = request.args.get("action", "")[:64]
    # A page past the last (a bookmark, after a filter) shows the last: the number shown is the
    # page read.
    listed = page_of(audit.entries(action or None), AUDIT_PAGE_SIZE)
    return render_template(
        "staff/audit.html",
        rows=listed.items,
        total=listed.total,
        page=listed.page,
        pages=max(1, listed.pages),
        action=action,
        actions=audit.actions(),
    )
