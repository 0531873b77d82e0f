"""What may be cached, said with standard headers; the caching itself is nginx's or a CDN's.

A view marked `@public_page` answers a GET from a visitor who has none of the site's cookies with a
page that is the same for everyone: no per-visitor token (challenge/cross_origin.py guards its
forms), no cookie set. Such an answer gets `Cache-Control: public, max-age=0, s-maxage=N`
(N = PAGE_CACHE_SECONDS): a shared cache may keep it N seconds, while a browser checks again each
time, so that a visitor who has just acted sees their own state. `Vary: Cookie` tells a cache that
a request with cookies needs an answer of its own. Every other answer that does not say otherwise
(a signed-in page, a dashboard, the console, a form with a token) is `private, no-store`.
"""

from collections.abc import Callable
from functools import wraps

from flask import Flask, current_app, request, session

PUBLIC = "challenge.public_page"


def public_page(view: Callable) -> Callable:
    """Mark a view whose GET answer to a visitor without cookies is the same for all of them."""

    @wraps(view)
    def marked(*args, **kwargs):
        request.environ[PUBLIC] = True
        return view(*args, **kwargs)

    return marked


def site_cookies() -> set[str]:
    config = current_app.config
    return {config["SESSION_COOKIE_NAME"], config["REMEMBER_COOKIE_NAME"], "qcc_participant"}


def is_shareable(response) -> bool:
    if request.method not in ("GET", "HEAD") or not request.environ.get(PUBLIC):
        return False
    if response.status_code != 200 or request.authorization is not None:
        return False
    if site_cookies() & request.cookies.keys():
        return False
    # session.modified: Flask sets the session cookie after these hooks, when it changed
    return not (response.headers.getlist("Set-Cookie") or session.modified)


def say_what_may_be_cached(response):
    if is_shareable(response):
        response.cache_control.public = True
        response.cache_control.private = None
        response.cache_control.no_store = None
        if response.cache_control.max_age is None:
            response.cache_control.max_age = 0
        response.cache_control.s_maxage = int(current_app.config["PAGE_CACHE_SECONDS"])
    elif "Cache-Control" not in response.headers or (
        request.environ.get(PUBLIC) and response.cache_control.public
    ):
        # nothing said, or a public page answered to someone with cookies: theirs alone
        response.headers["Cache-Control"] = "private, no-store"
    response.vary.add("Cookie")
    return response


def init_app(app: Flask) -> None:
    # Registered before the other hooks, so that it runs after them (Flask runs them in reverse)
    # and sees every cookie they set.
    app.after_request(say_what_may_be_cached)
