"""Move a revision forward in every transaction that changes what it covers: the figures (what
public figures read) or the published content.

Session hooks notice writes to the watched tables, whether through the ORM (organisations) or as
statements (tally upserts, rebuilds), and advance the revision once, just before the commit, in the
same transaction: a reader that sees the new revision sees the new figures too. Taking the row's
lock last, when the transaction has nothing else to wait for, keeps it out of lock cycles.
"""

import time
from functools import cache

from flask import current_app, has_app_context, has_request_context, request
from sqlalchemy import bindparam, case, event, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from challenge.caching.models import DataRevision
from challenge.extensions import db

FIGURES = "figures"
CONTENT = "content"
# Each revision and the tables that move it: the figures are what leaderboards, embeds and the
# open-data API read (add any table they come to read); the content is the published texts.
WATCHED = {
    FIGURES: frozenset({"tally", "daily_tally", "organisation", "organisation_name_review"}),
    CONTENT: frozenset({"content_item", "content_translation"}),
}
WATCHED_TABLES = WATCHED[FIGURES]
CHANGED = "revisions_changed"  # the names to advance, in Session.info
ADVANCED = "revisions_advanced"  # the names advanced, until the commit is done


# A Core statement on the session's connection: read on most requests, and the ORM's own path for
# a one-column select costs five times as much.
_REVISIONS = DataRevision.__table__
_READ = select(_REVISIONS.c.value).where(_REVISIONS.c.name == bindparam("name"))


def current(name: str = FIGURES) -> int:
    """A revision's value: one primary-key read, in the session's transaction."""
    return db.session.connection().execute(_READ, {"name": name}).scalar() or 0


MEMO = "challenge.revisions"  # in the request's WSGI environ


def seen(name: str) -> int:
    """The revision as this request first read it (one read a request); a commit in the request
    that moves it forgets it. Outside a request, read each time."""
    if not has_request_context():
        return current(name)
    memo = request.environ.setdefault(MEMO, {})
    if name not in memo:
        memo[name] = current(name)
    return memo[name]


PROCESS_MEMO = "challenge.revisions-read"  # in app.extensions: name -> (value, when read)
clock = time.monotonic


def content_seen() -> int:
    """The published content's revision as this process read it at most PAGE_CACHE_SECONDS ago:
    content changes seldom, and most requests would otherwise read it from the database. A
    commit in this process that moves it is seen at once; one in another process within that
    time, as shared caches keep public pages (caching/headers.py). 0 seconds: read once a request."""
    max_age = current_app.config["PAGE_CACHE_SECONDS"]
    if max_age <= 0:
        return seen(CONTENT)
    memo = current_app.extensions.setdefault(PROCESS_MEMO, {})
    found, now = memo.get(CONTENT), clock()
    if found is not None and now - found[1] < max_age:
        return found[0]
    value = seen(CONTENT)
    memo[CONTENT] = (value, now)
    return value


@cache
def _advance_statement(dialect: str):
    """INSERT ... ON CONFLICT moving the revision to `now`, or one past its value if that is later:
    built once per dialect, since every write runs it."""
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    now = bindparam("now")
    statement = insert(_REVISIONS).values(name=bindparam("name"), value=now)
    following = _REVISIONS.c.value + 1
    return statement.on_conflict_do_update(
        index_elements=["name"], set_={"value": case((following > now, following), else_=now)}
    )


def advance(connection, name: str = FIGURES) -> None:
    now = time.time_ns() // 1000
    connection.execute(_advance_statement(connection.dialect.name), {"name": name, "now": now})


def _note(session, table_name: str | None) -> None:
    for name, tables in WATCHED.items():
        if table_name in tables:
            session.info.setdefault(CHANGED, set()).add(name)


def _table_name(statement) -> str | None:
    return getattr(getattr(statement, "table", None), "name", None)


@event.listens_for(Session, "do_orm_execute")
def _notice_statement(state) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        _note(state.session, _table_name(state.statement))


@event.listens_for(Session, "after_flush")
def _notice_flush(session, _context) -> None:
    for instance in (*session.new, *session.dirty, *session.deleted):
        _note(session, getattr(instance, "__tablename__", None))


@event.listens_for(Session, "before_commit")
def _advance_before_commit(session) -> None:
    session.flush()  # so that the flush hook has seen everything this commit writes
    for name in sorted(session.info.pop(CHANGED, ())):  # in one order: no lock cycles
        advance(session.connection(), name)
        session.info.setdefault(ADVANCED, set()).add(name)
        if has_request_context():
            request.environ.get(MEMO, {}).pop(name, None)


@event.listens_for(Session, "after_commit")
def _forget_what_this_process_read(session) -> None:
    advanced = session.info.pop(ADVANCED, ())
    if advanced and has_app_context():
        memo = current_app.extensions.get(PROCESS_MEMO, {})
        for name in advanced:
            memo.pop(name, None)


@event.listens_for(Session, "after_rollback")
def _forget(session) -> None:
    session.info.pop(CHANGED, None)
    session.info.pop(ADVANCED, None)
