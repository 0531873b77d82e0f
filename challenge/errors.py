"""Error pages in the reader's language."""

import json
import logging

from flask import Flask, Response, current_app, make_response, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DBAPIError, OperationalError
from werkzeug.exceptions import HTTPException, InternalServerError, SecurityError

from challenge.cross_origin import CrossOriginRequest
from challenge.extensions import db

log = logging.getLogger(__name__)

MESSAGES = {
    400: (
        _l("Bad request"),
        _l("The request could not be understood. Please go back and try again."),
    ),
    403: (_l("Not allowed"), _l("You do not have permission to see this page.")),
    404: (
        _l("Page not found"),
        _l("We could not find that page. It may have moved, or the address may be mistyped."),
    ),
    405: (_l("Not allowed"), _l("That action is not available here.")),
    413: (_l("Too much data"), _l("What you sent is too large. Please shorten it and try again.")),
    429: (
        _l("Too many requests"),
        _l("You have done that too often. Please wait a minute and try again."),
    ),
    500: (
        _l("Something went wrong"),
        _l("Sorry, something went wrong on our side. Please try again in a moment."),
    ),
}


FORM_NOT_FROM_THIS_SITE = _l(
    "This form has expired or did not come from this site. Go back, reload the page and try again."
)


def render_error(status: int, description=None):
    title, message = MESSAGES.get(status, MESSAGES[500] if status >= 500 else MESSAGES[400])
    return render_template(
        "errors/error.html", status=status, title=title, message=description or message
    ), status


# Seconds a client is asked to wait when the database is briefly unreachable (a restart, a failover).
RETRY_AFTER_SECONDS = 3


def database_unavailable(error: OperationalError):
    """A 503 the visitor can retry (every write is safe to send again), not a 500; the connection
    pool reconnects by itself (pool_pre_ping, challenge/config/)."""
    # The driver's first line only: SQLAlchemy's own message carries the statement's values.
    reason = (str(error.orig).splitlines() or [""])[0]
    log.warning("Database unavailable (%s: %s)", type(error.orig).__name__, reason)
    try:
        db.session.rollback()
        body, status = render_error(503)
    except Exception:  # the error page itself may need the database (a signed-in visitor)
        body, status = str(MESSAGES[500][1]), 503
    return body, status, {"Retry-After": str(RETRY_AFTER_SECONDS)}


def release_session(error: BaseException | None) -> None:
    """End the request's session; a connection the database server dropped (a restart) after the
    response was ready is only logged, so a finished page does not become a 500."""
    try:
        db.session.remove()
    except DBAPIError as failure:
        if not failure.connection_invalidated:
            raise
        log.warning("Database connection lost at the end of a request; the pool reconnects")
        db.session.registry.clear()


def json_error(message: str, status: int = 400) -> Response:
    """The JSON API's error body, also for requests refused before the API saw them."""
    body = json.dumps({"error": message}, ensure_ascii=False, separators=(",", ":"))
    response = current_app.response_class(body, status=status, mimetype="application/json")
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


def init_app(app: Flask) -> None:
    app.register_error_handler(OperationalError, database_unavailable)
    # Registered after Flask-SQLAlchemy's, so it runs first (teardowns run in reverse order).
    app.teardown_appcontext(release_session)

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        return render_error(400, FORM_NOT_FROM_THIS_SITE)

    @app.errorhandler(CrossOriginRequest)
    def cross_origin_error(error: CrossOriginRequest):
        if request.path.startswith("/api/"):
            return json_error(error.name, error.code)
        return render_error(403, FORM_NOT_FROM_THIS_SITE)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code is None or error.code < 400:
            return error
        if isinstance(error, SecurityError):
            # A Host that is not PUBLIC_URL's (TRUSTED_HOSTS): no page, and no link, is built
            # against a host the request merely claims.
            return "Unknown host\n", 400, {"Content-Type": "text/plain; charset=utf-8"}
        if request.path.startswith("/api/"):
            # API clients read JSON, also when the request was refused before the API saw it.

            response = json_error(error.name, error.code)
        else:
            response = make_response(render_error(error.code))
        # What the error itself says besides its body: a 405's Allow (RFC 9110), a 429's Retry-After.
        for name, value in error.get_headers():
            if name.lower() != "content-type":
                response.headers[name] = value
        return response

    @app.errorhandler(InternalServerError)
    def server_error(error: InternalServerError):
        log.error("Unhandled error", exc_info=error.original_exception)
        return render_error(500)
