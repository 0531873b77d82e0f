"""The per-feature row mergers run when two participants become one (see operations.merge)."""

from collections.abc import Callable

MERGERS: list[Callable] = []


def merger(function: Callable) -> Callable:
    """Register `function(anonymous, into)`, which moves or drops one feature's rows."""
    MERGERS.append(function)
    return function
