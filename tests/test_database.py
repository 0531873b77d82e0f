"""PostgreSQL connections: reads outside a transaction, writes inside one, and a pooled connection
checked before use only when in doubt (challenge/database.py)."""

import socket
import time

import psycopg
import pytest
from psycopg.pq import TransactionStatus
from sqlalchemy import event, exc, select

from challenge import create_app, database
from challenge.caching.models import DataRevision
from challenge.extensions import db
from tests.conftest import POSTGRES_ADMIN_URL


@pytest.fixture
def server_app(request, make_app):
    if request.config.getoption("--db") != "postgresql":
        pytest.skip("PostgreSQL's connections: run with --db postgresql")
    return make_app()


def driver_connection():
    return db.session.connection().connection.dbapi_connection


def revision_names(*names):
    return db.session.scalars(select(DataRevision.name).where(DataRevision.name.in_(names))).all()


def transaction_status():
    return driver_connection().pgconn.transaction_status


@pytest.mark.parametrize(
    ("statement", "needs"),
    [
        ("SELECT data_revision.value FROM data_revision WHERE name = $1", False),
        ("  select 1", False),
        ("SELECT organisation.id FROM organisation WHERE id = %s FOR UPDATE", True),
        ("SELECT id FROM account FOR NO KEY UPDATE", True),
        ("SELECT id FROM account\nFOR SHARE", True),
        ("SELECT id FROM account FOR KEY SHARE", True),
        ("INSERT INTO tally (metric, scope, value) VALUES (%s, %s, %s)", True),
        ("UPDATE participant SET country = %s", True),
        ("DELETE FROM pledge_taken", True),
        ("WITH moved AS (DELETE FROM tally RETURNING *) SELECT count(*) FROM moved", True),
        ("SAVEPOINT sa_savepoint_1", True),
        ("SET LOCAL synchronous_commit = off", True),
        ("CREATE TABLE t (id integer)", True),
        ("SELECTED_NOTHING", True),
    ],
)
def test_only_a_plain_select_runs_outside_a_transaction(statement, needs):
    assert database.needs_transaction(statement) is needs


class FakeDriverConnection:
    """Enough of a psycopg connection for the checkout check, on a socket we control."""

    def __init__(self, sock, closed=False, fails=False):
        self.sock, self.closed, self.fails, self.pings = sock, closed, fails, 0

    def fileno(self):
        return self.sock.fileno()

    def execute(self, query):
        assert query == ";"
        self.pings += 1
        if self.fails:
            raise psycopg.OperationalError("server closed the connection unexpectedly")


class FakeRecord:
    def __init__(self, idle_seconds):
        self.info = {database.RETURNED_AT: time.monotonic() - idle_seconds}


@pytest.fixture
def socket_pair():
    ours, servers = socket.socketpair()
    yield ours, servers
    ours.close()
    servers.close()


def test_a_connection_back_from_a_request_a_moment_ago_is_used_without_a_ping(socket_pair):
    connection = FakeDriverConnection(socket_pair[0])
    database.ping_if_in_doubt(connection, FakeRecord(idle_seconds=0.01), None)
    assert connection.pings == 0


@pytest.mark.parametrize(
    ("idle_seconds", "server_wrote", "closed"),
    [
        (database.PING_AFTER_IDLE_SECONDS + 1, False, False),
        (0.01, True, False),
        (0.01, False, True),
    ],
    ids=["idle too long", "server wrote unasked", "closed"],
)
def test_a_connection_in_doubt_is_pinged(socket_pair, idle_seconds, server_wrote, closed):
    ours, servers = socket_pair
    if server_wrote:
        servers.sendall(b"E")  # the start of the server's farewell
    connection = FakeDriverConnection(ours, closed=closed)
    database.ping_if_in_doubt(connection, FakeRecord(idle_seconds), None)
    assert connection.pings == 1


def test_a_connection_that_fails_its_ping_is_handed_back_for_a_new_one(socket_pair):
    socket_pair[1].close()  # the server end is gone: the socket reads its end
    connection = FakeDriverConnection(socket_pair[0], fails=True)
    with pytest.raises(exc.DisconnectionError, match="server closed"):
        database.ping_if_in_doubt(connection, FakeRecord(idle_seconds=0.01), None)


def test_sqlite_connections_get_none_of_it(monkeypatch, tmp_path):
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("PUBLIC_URL", "https://challenge.example")
    app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'plain.db'}"})
    with app.app_context():
        assert not event.contains(db.engine, "checkout", database.ping_if_in_doubt)
        assert not event.contains(db.engine, "before_cursor_execute", database.begin_before_writing)
        db.engine.dispose()


def test_reads_leave_no_transaction_open(server_app):
    with server_app.app_context():
        db.session.scalar(select(DataRevision.value).where(DataRevision.name == "figures"))
        assert transaction_status() == TransactionStatus.IDLE
        assert driver_connection().autocommit is True


def test_a_request_that_only_reads_opens_no_transaction(server_app):
    @server_app.get("/probe")
    def probe():
        db.session.scalar(select(DataRevision.value))
        return TransactionStatus(transaction_status()).name

    assert server_app.test_client().get("/probe").text == "IDLE"


def test_writes_are_one_transaction_and_a_rollback_undoes_them_all(server_app):
    with server_app.app_context():
        db.session.add(DataRevision(name="first", value=1))
        db.session.flush()
        assert transaction_status() == TransactionStatus.INTRANS
        db.session.add(DataRevision(name="second", value=2))
        db.session.flush()
        db.session.rollback()
        assert revision_names("first", "second") == []


def test_a_failed_write_keeps_nothing_of_its_transaction(server_app):
    with server_app.app_context():
        db.session.add(DataRevision(name="kept?", value=1))
        db.session.flush()
        db.session.add(DataRevision(name="kept?", value=2))  # the same primary key
        with pytest.raises(exc.IntegrityError):
            db.session.flush()
        db.session.rollback()
        assert revision_names("kept?") == []


def test_a_locking_select_holds_its_lock_until_the_commit(server_app):
    with server_app.app_context():
        db.session.add(DataRevision(name="locked", value=1))
        db.session.commit()
        db.session.scalar(
            select(DataRevision.value).where(DataRevision.name == "locked").with_for_update()
        )
        assert transaction_status() == TransactionStatus.INTRANS
        db.session.commit()


def test_a_connection_goes_back_to_the_pool_ready_to_read_outside_a_transaction(server_app):
    with server_app.app_context():
        db.session.add(DataRevision(name="written", value=1))
        db.session.commit()
        db.session.remove()
        assert driver_connection().autocommit is True
        assert revision_names("written") == ["written"]
        assert transaction_status() == TransactionStatus.IDLE


def test_a_pooled_connection_the_server_ended_is_replaced_before_the_request_uses_it(server_app):
    with server_app.app_context():
        pid = driver_connection().info.backend_pid
        db.session.remove()  # back in the pool, used a moment ago
    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
        while admin.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", (pid,)).fetchone():
            time.sleep(0.01)
    with server_app.app_context():
        assert db.session.scalar(select(1)) == 1  # no OperationalError: never met the dead one
    with server_app.app_context():
        assert driver_connection().info.backend_pid != pid
