"""`cached(name, params, compute)`: a computation's result, shared by every server through the cache.

Each entry holds the revision it was computed at, and is used only while the revision is unchanged:
a write anywhere changes the revision, so the next read recomputes (from the tallies, never from
participation rows). One key per computation and parameters, overwritten rather than piled up.
"""

import logging
from collections.abc import Callable, Iterable
from typing import TypeVar

from flask import current_app, render_template
from flask_caching.backends import NullCache
from markupsafe import Markup

from challenge.caching import revision
from challenge.extensions import cache

log = logging.getLogger(__name__)
T = TypeVar("T")
SHAPE = 1  # bump when cached objects change shape, so old pickles are never read


def cache_key(name: str, params: Iterable) -> str:
    parts = [name, str(SHAPE), str(current_app.config["PRIVACY_MIN_GROUP"])]
    parts += ["" if param is None else str(param) for param in params]
    return ":".join(parts)


def cached(name: str, params: Iterable, compute: Callable[[], T]) -> T:
    """compute(), or its result stored at the current revision; `params` must name everything
    the result depends on besides the data (window, sort, locale...)."""
    if isinstance(cache.cache, NullCache):
        return compute()
    key = cache_key(name, params)
    now = revision.current()
    try:
        entry = cache.get(key)
    except Exception as error:  # an unreachable cache slows pages down, never breaks them
        log.warning("cache read failed: %s", type(error).__name__)
        return compute()
    if isinstance(entry, tuple) and len(entry) == 2 and entry[0] == now:
        return entry[1]
    value = compute()
    try:
        cache.set(key, (now, value))
    except Exception as error:
        log.warning("cache write failed: %s", type(error).__name__)
    return value


def cached_html(name: str, params: Iterable, template: str, context: Callable[[], dict]) -> Markup:
    """A template rendered with context(), kept like any figure: for page parts that are the same
    for everyone, so a page shows them without rendering them again until the next write."""

    def render() -> Markup:
        return Markup(render_template(template, **context()))  # noqa: S704 - autoescaped output

    return cached(name, params, render)
