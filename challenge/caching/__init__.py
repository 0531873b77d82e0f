"""Caching. Public figures: entries are keyed by a data revision that every commit changing those
figures moves forward, so a write through any server is visible at once on all (store.py). Whole
public pages, for visitors without cookies: kept for a second per process (pages.py)."""

from flask import Flask

from challenge.caching.pages import public_page
from challenge.caching.store import cached

__all__ = ["cached", "init_app", "public_page"]


def init_app(app: Flask) -> None:
    from challenge.caching import models, pages, revision  # noqa: F401 - table and session hooks
    from challenge.extensions import cache

    cache.init_app(app)
    pages.init_app(app)
