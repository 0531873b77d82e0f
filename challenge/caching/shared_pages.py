"""The page cache's second tier: pages that one server process rendered, for the others.

With a cache that every process shares (Redis, through REDIS_URL), a page a process renders for
visitors without cookies is put there too, with the wall-clock time its freshness ends. A process
whose own copy has gone stale asks there before rendering it again (only for pages it has kept, so
files, errors and personal pages cost no round trip). When the page there has just gone
stale, one process claims the right to render it anew (an atomic add), and the others go on
answering with the stale page for at most `STALE_GRACE` seconds more while it does. So a machine
of N workers, or N machines, renders a public page about once per `PAGE_CACHE_SECONDS` instead of
N times, and they do not all render it at the same moment when it goes stale. A per-process cache
(SimpleCache, the embedded default) shares nothing, so there is no second tier.
"""

import hashlib
import logging
import math
import time
from dataclasses import replace

from flask_caching.backends import NullCache, SimpleCache

log = logging.getLogger(__name__)
SHAPE = 1  # bump when Page changes shape, so that pages kept by older code are never read
STALE_GRACE = 0.25  # seconds a stale page may still be given while another process renders it
RECHECK = 0.05  # seconds a process keeps a stale page before asking the shared cache again


class SharedPages:
    def __init__(self, backend, seconds: float):
        self.backend, self.seconds = backend, seconds
        self.timeout = max(1, math.ceil(seconds + STALE_GRACE))

    @classmethod
    def for_backend(cls, backend, seconds: float) -> "SharedPages | None":
        if backend is None or isinstance(backend, NullCache | SimpleCache):
            return None
        return cls(backend, seconds)

    @staticmethod
    def name(key: tuple) -> str:
        return "page:" + hashlib.blake2b(repr(key).encode(), digest_size=16).hexdigest()

    def get(self, key: tuple):
        """The page another process kept, with its local expiry set, or None: render it."""
        try:
            entry = self.backend.get(self.name(key))
        except Exception as error:  # an unreachable cache means rendering, never an error
            log.warning("shared page cache read failed: %s", type(error).__name__)
            return None
        if not (isinstance(entry, tuple) and len(entry) == 3 and entry[0] == SHAPE):
            return None
        _shape, fresh_until, page = entry
        remaining = fresh_until - time.time()
        if remaining > 0:
            return replace(page, expires=time.monotonic() + min(remaining, self.seconds))
        if remaining > -STALE_GRACE and not self.claim(key):
            return replace(page, expires=time.monotonic() + RECHECK)  # another is rendering it
        return None

    def claim(self, key: tuple) -> bool:
        """True for the one process that should render a page gone stale."""
        try:
            return bool(self.backend.add(self.name(key) + ":rendering", 1, timeout=self.timeout))
        except Exception as error:
            log.warning("shared page cache claim failed: %s", type(error).__name__)
            return True

    def put(self, key: tuple, page) -> None:
        entry = (SHAPE, time.time() + self.seconds, page)
        try:
            self.backend.set(self.name(key), entry, timeout=self.timeout)
            self.backend.delete(self.name(key) + ":rendering")
        except Exception as error:
            log.warning("shared page cache write failed: %s", type(error).__name__)
