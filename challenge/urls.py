"""Redirect targets that can never leave the site."""

from urllib.parse import urlsplit

from flask import request


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
