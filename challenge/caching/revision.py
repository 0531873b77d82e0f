"""Move the figures' revision forward in every transaction that changes what public figures read.

Session hooks notice writes to the watched tables, whether through the ORM (organisations) or as
statements (tally upserts, rebuilds), and advance the revision once, just before the commit, in the
same transaction: a reader that sees the new revision sees the new figures too. Taking the row's
lock last, when the transaction has nothing else to wait for, keeps it out of lock cycles.
"""

import time

from sqlalchemy import case, event, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from challenge.caching.models import DataRevision
from challenge.extensions import db

FIGURES = "figures"
# The tables that leaderboards, embeds and the open-data API read. Add any table they come to read.
WATCHED_TABLES = {"tally", "daily_tally", "organisation", "organisation_name_review"}
CHANGED = "figures_changed"  # flag in Session.info


def current() -> int:
    """The figures' revision: one primary-key read."""
    return db.session.scalar(select(DataRevision.value).where(DataRevision.name == FIGURES)) or 0


def advance(connection) -> None:
    now = time.time_ns() // 1000
    insert = postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert
    following = DataRevision.value + 1
    statement = (
        insert(DataRevision)
        .values(name=FIGURES, value=now)
        .on_conflict_do_update(
            index_elements=["name"], set_={"value": case((following > now, following), else_=now)}
        )
    )
    connection.execute(statement)


def _table_name(statement) -> str | None:
    return getattr(getattr(statement, "table", None), "name", None)


@event.listens_for(Session, "do_orm_execute")
def _notice_statement(state) -> None:
    if (state.is_insert or state.is_update or state.is_delete) and _table_name(
        state.statement
    ) in WATCHED_TABLES:
        state.session.info[CHANGED] = True


@event.listens_for(Session, "after_flush")
def _notice_flush(session, _context) -> None:
    for instance in (*session.new, *session.dirty, *session.deleted):
        if getattr(instance, "__tablename__", None) in WATCHED_TABLES:
            session.info[CHANGED] = True
            return


@event.listens_for(Session, "before_commit")
def _advance_before_commit(session) -> None:
    session.flush()  # so that the flush hook has seen everything this commit writes
    if session.info.pop(CHANGED, False):
        advance(session.connection())


@event.listens_for(Session, "after_rollback")
def _forget(session) -> None:
    session.info.pop(CHANGED, None)
