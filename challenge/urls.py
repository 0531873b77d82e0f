"""Redirect targets that can never leave the site."""

from urllib.parse import urlsplit

from flask import request


def safe_next(default: str) -> str:
    """The `next` parameter if it is a path on this site, else `default`."""
    target = request.args.get("next", "")
    parts = urlsplit(target)
    if (
        not target.startswith("/")
        or target.startswith("//")
        or parts.scheme
        or parts.netloc
        or "\\" in target
    ):
        return default
    return target
