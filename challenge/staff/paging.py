"""Page numbers for the console's long lists."""

from flask import request

MAX_PAGE = 100_000


def requested_page() -> int:
    """The ?page= argument, 1 when missing or not a whole number in range."""
    page = request.args.get("page", 1, type=int)
    return page if page and 0 < page <= MAX_PAGE else 1


def page_count(total: int, size: int) -> int:
    return max(1, -(-total // size))
