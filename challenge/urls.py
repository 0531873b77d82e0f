"""Links: redirect targets that can never leave the site, and absolute URLs on the public origin."""

from urllib.parse import urlsplit

from flask import current_app, g, request, url_for


def is_local_path(target: str) -> bool:
    """A path on this site: one leading slash, nothing a browser could read as another host.

    Browsers drop tabs and newlines from URLs and read backslashes as slashes, so "/\\t/evil" and
    "/\\evil" would become "//evil"; any control character, space or backslash is refused.
    """
    if not target.startswith("/") or target.startswith("//"):
        return False
    if "\\" in target or any(ch.isspace() or ord(ch) < 0x20 or ord(ch) == 0x7F for ch in target):
        return False
    parts = urlsplit(target)
    return not (parts.scheme or parts.netloc)


def safe_next(default: str) -> str:
    """The `next` parameter if it is a path on this site, else `default`."""
    target = request.args.get("next", "")
    return target if is_local_path(target) else default


def public_url(endpoint: str, **values) -> str:
    """The absolute URL of `endpoint` on the configured public origin (PUBLIC_URL), never on the
    host a request claims: in a request, in a command and in the worker alike."""
    values.pop("_external", None)
    return current_app.config["PUBLIC_URL"] + url_for(endpoint, _external=False, **values)


def public_url_for_path(path: str) -> str:
    """An absolute URL for a path on this site (one that `is_local_path` accepts)."""
    if not is_local_path(path):
        raise ValueError(f"not a path on this site: {path!r}")
    return current_app.config["PUBLIC_URL"] + path


def keep_query(**values: str) -> None:
    """Query parameters that make this page what it is (the help page's ?country=): kept in its
    canonical address and in the links to it in other languages."""
    g.page_query = values


def page_query() -> dict[str, str]:
    return g.get("page_query", {})


def canonical_url() -> str | None:
    """This page's address on the public origin (with only the query `keep_query` kept), or
    None off a route."""
    if request.endpoint is None or request.routing_exception is not None:
        return None
    return public_url(request.endpoint, **(request.view_args or {}), **page_query())
