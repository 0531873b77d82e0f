"""What other parts of the platform may hear from editions: a participant finishing one.

A listener (the certificates service, say) registers with `@on_completed` and is called as
`listener(participant, completion)` inside the transaction that recorded the finishing check-in
(or the merge that finished it), so what it writes commits, or rolls back, with it.
"""

from collections.abc import Callable

COMPLETION_LISTENERS: list[Callable] = []


def on_completed(function: Callable) -> Callable:
    """Register `function(participant, completion)`; completion is a standing.Completion."""
    COMPLETION_LISTENERS.append(function)
    return function


def completed(participant, completion) -> None:
    for listener in COMPLETION_LISTENERS:
        listener(participant, completion)
