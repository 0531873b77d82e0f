"""What a browser's session keeps across logging in: log-in starts a new session (against session
fixation), and features name the keys that must survive it, such as quiz forms already open."""

CARRIED_OVER: set[str] = set()


def carry_over(key: str) -> str:
    """Keep session[`key`] when the visitor logs in; returns the key."""
    CARRIED_OVER.add(key)
    return key
