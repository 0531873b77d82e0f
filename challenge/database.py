"""PostgreSQL connections that spend round trips only where they buy something.

Most requests only read (pages, leaderboards, the revision every cached page checks), and each
round trip to the server costs both sides CPU: with the driver's defaults a one-query page took
four (the pool's ping, BEGIN, the query, ROLLBACK), and a rollback also made psycopg drop its
prepared statements (DEALLOCATE ALL). So, on PostgreSQL:

- Reads run outside a transaction (the connection waits in autocommit). At READ COMMITTED, the
  server's default and ours, every statement takes its own snapshot anyway, so a plain SELECT
  sees the same data either way. The first statement that is not a plain SELECT (a write, a
  locking SELECT ... FOR UPDATE, a savepoint, DDL) turns autocommit off just before it runs, so
  it and everything after it, until the commit or rollback, is one transaction as before.
  A statement is a plain SELECT only if it starts with SELECT and takes no row lock: never call
  a function that must hold a transaction-scoped lock (pg_advisory_xact_lock) from a bare SELECT.
- A pooled connection is pinged before use only when it is in doubt: it has waited longer than
  PING_AFTER_IDLE_SECONDS, or the server has written to it unasked (a server ending a connection,
  on a restart or pg_terminate_backend, says so before closing it). A dead one is replaced before
  the request uses it.
SQLite needs none of this: it has no server and its driver already begins only before a write.
"""

import contextlib
import re
import select
import time

import psycopg
from flask import Flask
from sqlalchemy import event, exc

from challenge.extensions import db

PING_AFTER_IDLE_SECONDS = 1.0  # a server restart takes longer: its connections all get pinged
RETURNED_AT = "challenge.returned_at"  # in the pool's record of the connection
PLAIN_SELECT = re.compile(r"\s*SELECT\b", re.IGNORECASE)
ROW_LOCK = re.compile(r"\bFOR\s+(?:NO\s+KEY\s+UPDATE|UPDATE|KEY\s+SHARE|SHARE)\b", re.IGNORECASE)


def needs_transaction(statement: str) -> bool:
    return PLAIN_SELECT.match(statement) is None or ROW_LOCK.search(statement) is not None


def begin_before_writing(conn, _cursor, statement, _parameters, _context, _executemany) -> None:
    driver_connection = conn.connection.dbapi_connection
    if driver_connection.autocommit and needs_transaction(statement):
        # Refused only on a lost connection, where the statement itself then fails (a 503).
        with contextlib.suppress(psycopg.ProgrammingError):
            driver_connection.autocommit = False  # psycopg sends BEGIN before this statement


def wait_in_autocommit(driver_connection, record) -> None:
    driver_connection.autocommit = True
    record.info[RETURNED_AT] = time.monotonic()


def back_to_autocommit(driver_connection, record) -> None:
    """On the way back into the pool, after the pool's rollback has ended any transaction."""
    if driver_connection is None or driver_connection.closed:
        return
    try:
        driver_connection.autocommit = True
    except Exception:  # a transaction the rollback could not end: a broken connection
        record.info.pop(RETURNED_AT, None)  # so the next checkout pings it
        return
    record.info[RETURNED_AT] = time.monotonic()


def server_has_spoken(driver_connection) -> bool:
    """Bytes waiting on an idle connection: the server's farewell, or the socket's end."""
    poller = select.poll()
    poller.register(driver_connection.fileno(), select.POLLIN | select.POLLERR | select.POLLHUP)
    return bool(poller.poll(0))


def ping_if_in_doubt(driver_connection, record, _proxy) -> None:
    idle = time.monotonic() - record.info.get(RETURNED_AT, 0.0)
    try:
        if (
            driver_connection.closed
            or idle > PING_AFTER_IDLE_SECONDS
            or server_has_spoken(driver_connection)
        ):
            driver_connection.execute(";")
    except Exception as failure:  # psycopg.OperationalError, or a closed file descriptor
        # The pool discards this connection and checks out another (SQLAlchemy's documented way).
        raise exc.DisconnectionError(str(failure).splitlines()[0] if str(failure) else "") from None


def init_app(app: Flask) -> None:
    with app.app_context():
        engine = db.engine
    if engine.dialect.name != "postgresql":
        return
    event.listen(engine, "connect", wait_in_autocommit)
    event.listen(engine, "checkout", ping_if_in_doubt)
    event.listen(engine, "checkin", back_to_autocommit)
    event.listen(engine, "before_cursor_execute", begin_before_writing)
