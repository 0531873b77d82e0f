"""Page numbers for the console's long lists, through Flask-SQLAlchemy's paginate."""

from flask import request
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import Select

from challenge.extensions import db

MAX_PAGE = 100_000


def requested_page() -> int:
    """The ?page= argument, 1 when missing or not a whole number in range."""
    page = request.args.get("page", 1, type=int)
    return page if page and 0 < page <= MAX_PAGE else 1


def page_of(query: Select, per_page: int) -> Pagination:
    """The requested page of a select of one entity. A page past the last (a bookmark, after a
    filter) shows the last, so the number shown is the page read."""
    page = db.paginate(query, page=requested_page(), per_page=per_page, error_out=False)
    if page.page > page.pages > 0:
        page = db.paginate(query, page=page.pages, per_page=per_page, error_out=False)
    return page


# For lists paginate cannot page: the moderation queue is a union of two kinds of rows.
def page_count(total: int, size: int) -> int:
    return max(1, -(-total // size))
