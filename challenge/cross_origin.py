"""Cross-site request forgery refused for every state change, without a per-visitor token.

A browser says where a request comes from: `Sec-Fetch-Site` (Fetch Metadata, sent by every
browser released since 2023) and `Origin` (sent with every POST by browsers since 2020). So a
POST, PUT, PATCH or DELETE is refused (403) when:

- `Sec-Fetch-Site` is there and is neither `same-origin` nor `none` (a request the person made
  themselves, e.g. from a bookmark); or
- without it, `Origin` is there and is not this site's (a trusted host, same scheme), or `null`.

A request with neither header does not come from a browser, so it cannot carry a visitor's cookies
against their will; it passes here (the forms' own checks and the rate limits still apply). This
is the algorithm of OWASP's CSRF cheat sheet ("Fetch Metadata" with the `Origin` fallback) and
of Go's `net/http.CrossOriginProtection`; with it, and SameSite=Lax cookies, pages that anyone
may be served from a shared cache need no token in their forms (docs/security.md). Forms of
signed-in and personal pages also carry Flask-WTF's token, as defence in depth.
"""

from urllib.parse import urlsplit

from flask import Flask, current_app, request
from werkzeug.exceptions import Forbidden

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
ALLOWED_FETCH_SITES = frozenset({"same-origin", "none"})


class CrossOriginRequest(Forbidden):
    """A state change sent from another site; errors.py answers it with a translated page."""


def is_own_origin(origin: str) -> bool:
    """Whether `origin` (scheme://host[:port]) is this site: one of its hosts, the request's scheme."""
    parts = urlsplit(origin)
    try:
        hostname = parts.hostname
    except ValueError:
        return False
    trusted = current_app.config["TRUSTED_HOSTS"]
    return parts.scheme == request.scheme and hostname is not None and hostname in trusted


def is_cross_origin() -> bool:
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site.strip().lower() not in ALLOWED_FETCH_SITES
    origin = request.headers.get("Origin")
    if origin is not None:
        return not is_own_origin(origin.strip())
    return False


def refuse_cross_origin_writes() -> None:
    if request.method in UNSAFE_METHODS and is_cross_origin():
        raise CrossOriginRequest()


def init_app(app: Flask) -> None:
    app.before_request(refuse_cross_origin_writes)
