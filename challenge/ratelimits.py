"""Rate limits for writes, configured in one place (RATE_LIMIT_WRITES, RATE_LIMIT_LOGIN)."""

from flask import current_app

from challenge.extensions import limiter


def writes():
    """Decorator for a view whose POST changes state."""
    return limiter.limit(lambda: current_app.config["RATE_LIMIT_WRITES"], methods=["POST"])


def logins():
    return limiter.limit(lambda: current_app.config["RATE_LIMIT_LOGIN"], methods=["POST"])
