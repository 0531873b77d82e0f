"""Optional accounts: sign up, log in, verify e-mail, reset password, settings, export, delete."""

from flask import Blueprint, Flask
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from challenge.extensions import db, login_manager

bp = Blueprint("accounts", __name__, url_prefix="/<locale:locale>/account")


def init_app(app: Flask) -> None:
    from challenge.accounts import (  # noqa: F401 - routes and the periodic purges
        guardian_views,
        retention,
        settings_views,
        views,
    )
    from challenge.accounts.models import Account

    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = _l("Please log in to see that page.")
    login_manager.session_protection = "basic"

    @login_manager.user_loader
    def load_account(session_token: str):
        return db.session.scalar(select(Account).where(Account.session_token == session_token))

    app.register_blueprint(bp)
