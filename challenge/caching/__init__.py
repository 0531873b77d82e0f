"""Caching. Public figures: entries are keyed by a data revision that every commit changing those
figures moves forward, so a write through any server is visible at once on all (store.py). Whole
pages: the app says which may be kept by shared caches (headers.py); nginx or a CDN keeps them."""

from flask import Flask

from challenge.caching.headers import public_page
from challenge.caching.store import cached

__all__ = ["cached", "init_app", "public_page"]


def init_app(app: Flask) -> None:
    from challenge.caching import headers, models, revision  # noqa: F401 - table and session hooks
    from challenge.extensions import cache

    cache.init_app(app)
    headers.init_app(app)
