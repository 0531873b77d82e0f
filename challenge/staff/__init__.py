"""Campaign staff: roles on accounts, set from the command line (the staff console comes later)."""

from flask import Flask

ROLES = ("admin", "editor", "translator", "moderator", "analyst")


def is_staff(account, *roles: str) -> bool:
    """Whether the account (or current_user) is staff, with one of `roles` if any are given."""
    role = getattr(account, "staff_role", None) if account.is_authenticated else None
    return role in ROLES and (not roles or role in roles)


def init_app(app: Flask) -> None:
    from challenge.staff import cli

    app.cli.add_command(cli.staff)
