"""Campaign staff: roles on accounts, the staff console under /staff/, and its audit log."""

from flask import Blueprint, Flask

ROLES = ("admin", "editor", "translator", "moderator", "analyst")

bp = Blueprint("staff", __name__, url_prefix="/staff")


def is_staff(account, *roles: str) -> bool:
    """Whether the account (or current_user) is staff, with one of `roles` if any are given."""
    role = getattr(account, "staff_role", None) if account.is_authenticated else None
    return role in ROLES and (not roles or role in roles)


def init_app(app: Flask) -> None:
    from challenge.staff import cli, views  # noqa: F401 - registers the routes

    app.cli.add_command(cli.staff)
    app.register_blueprint(bp)
