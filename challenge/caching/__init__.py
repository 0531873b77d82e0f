"""Shared caching for public figures: entries are keyed by a data revision that every commit
changing those figures moves forward, so a write through any server is visible at once on all."""

from flask import Flask

from challenge.caching.store import cached

__all__ = ["cached", "init_app"]


def init_app(app: Flask) -> None:
    from challenge.caching import models, revision  # noqa: F401 - the table and session hooks
    from challenge.extensions import cache

    cache.init_app(app)
