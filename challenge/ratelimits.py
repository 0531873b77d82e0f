"""Rate limits for writes, configured in one place (RATE_LIMIT_WRITES, RATE_LIMIT_LOGIN,
RATE_LIMIT_PARTICIPANT), and for the one kind of read worth limiting: looking up a certificate
by its code (RATE_LIMIT_VERIFY)."""

import hashlib
import time

from flask import Flask, Response, current_app, request
from flask_login import current_user

from challenge.extensions import limiter
from challenge.participation.identity import cookie_token

READ_METHODS = ("GET", "HEAD", "OPTIONS")


@limiter.request_filter
def reads_are_never_limited() -> bool:
    """Every limit here is on writes but lookups(): any other read skips the limiter's work."""
    if request.method not in READ_METHODS:
        return False
    view = current_app.view_functions.get(request.endpoint or "")
    return not getattr(view, "limits_reads", False)


def lookups():
    """Decorator for a read that answers whether a secret exists (a certificate code): one budget
    per client address, shared by every such view, so codes cannot be tried at speed."""
    shared = limiter.shared_limit(
        lambda: current_app.config["RATE_LIMIT_VERIFY"], scope="lookups", methods=["GET", "HEAD"]
    )

    def decorator(view):
        limited = shared(view)
        limited.limits_reads = True
        return limited

    return decorator


def writes():
    """Decorator for a view whose POST changes state: a limit per client address."""
    return limiter.limit(lambda: current_app.config["RATE_LIMIT_WRITES"], methods=["POST"])


def logins():
    return limiter.limit(lambda: current_app.config["RATE_LIMIT_LOGIN"], methods=["POST"])


def client_address() -> str:
    """The client's address as the limits see it (the proxy's X-Forwarded-For, with PROXY_COUNT)."""
    return request.remote_addr or ""


def participant_key() -> str | None:
    """Who is taking part, for limits: the account, else the participant cookie; hashed, so the
    limiter's storage never holds the cookie's secret. None for a first action (no cookie yet)."""

    if current_user.is_authenticated:
        return f"account:{current_user.id}"
    token = cookie_token()
    if token is None:
        return None
    return "participant:" + hashlib.sha256(token.encode()).hexdigest()[:32]


def participation():
    """Decorator for pledges, lessons read and quizzes, beside writes(): one limit per participant,
    shared by all of them, so one browser cannot replay actions from many addresses."""
    return limiter.shared_limit(
        lambda: current_app.config["RATE_LIMIT_PARTICIPANT"],
        scope="participation",
        key_func=lambda: participant_key() or "",
        exempt_when=lambda: participant_key() is None,
        methods=["POST"],
    )


FALLBACK_RETRY_AFTER = 60  # seconds, when no limit of the view's says when it resets


def state_retry_after(response: Response) -> Response:
    """A refusal says when to try again. Only refusals: the limiter's own headers would cost its
    storage a round trip on every write (RATELIMIT_HEADERS_ENABLED is off)."""
    if response.status_code != 429 or "Retry-After" in response.headers:
        return response
    limit = limiter.current_limit
    seconds = limit.reset_at - time.time() if limit is not None else FALLBACK_RETRY_AFTER
    response.headers["Retry-After"] = str(max(1, int(seconds)))
    return response


def init_app(app: Flask) -> None:
    app.after_request(state_retry_after)
