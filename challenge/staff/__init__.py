"""Campaign staff: roles on accounts, the staff console under /staff/, and its audit log."""

from flask import Blueprint, Flask

ROLES = ("admin", "editor", "translator", "moderator", "analyst")

bp = Blueprint("staff", __name__, url_prefix="/staff")


def is_staff(account, *roles: str) -> bool:
    """Whether the account (or current_user) is staff, with one of `roles` if any are given. A
    role counts only once the account's address is confirmed (see access.has_verified_address)."""
    if not account.is_authenticated or getattr(account, "email_verified_at", None) is None:
        return False
    role = getattr(account, "staff_role", None)
    return role in ROLES and (not roles or role in roles)


def init_app(app: Flask) -> None:
    from challenge.staff import cli, job_commands, views  # noqa: F401 - routes and commands
    from challenge.staff import content as content_section  # noqa: F401
    from challenge.staff.certificates import views as certificate_views  # noqa: F401
    from challenge.staff.dashboard import views as dashboard_views  # noqa: F401
    from challenge.staff.moderation import names
    from challenge.staff.moderation import views as moderation_views  # noqa: F401
    from challenge.staff.orgs import views as organisation_views  # noqa: F401
    from challenge.staff.people import views as people_views  # noqa: F401

    app.cli.add_command(cli.staff)
    app.register_blueprint(bp)
    # For members and link holders: an organisation's name unless moderators hid it.
    app.jinja_env.globals["shown_organisation_name"] = names.shared_name
