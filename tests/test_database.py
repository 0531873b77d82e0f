"""PostgreSQL connections: writes are one transaction, and a pooled connection the server ended is
replaced before a request uses it (SQLAlchemy's pool_pre_ping, set in challenge/config/)."""

import time

import psycopg
import pytest
from sqlalchemy import exc, func, select, text

from challenge.caching.models import DataRevision
from challenge.extensions import db
from tests.conftest import POSTGRES_ADMIN_URL


@pytest.fixture
def server_app(request, make_app):
    if request.config.getoption("--db") != "postgresql":
        pytest.skip("PostgreSQL's connections: run with --db postgresql")
    return make_app()


def backend_pid() -> int:
    return db.session.scalar(select(func.pg_backend_pid()))


def revision_names(*names):
    return db.session.scalars(select(DataRevision.name).where(DataRevision.name.in_(names))).all()


def test_writes_are_one_transaction_and_a_rollback_undoes_them_all(server_app):
    with server_app.app_context():
        db.session.add(DataRevision(name="first", value=1))
        db.session.flush()
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


def test_a_locking_select_blocks_another_writer_until_the_commit(server_app):
    with server_app.app_context():
        db.session.add(DataRevision(name="locked", value=1))
        db.session.commit()
        db.session.scalar(
            select(DataRevision.value).where(DataRevision.name == "locked").with_for_update()
        )
        pid = backend_pid()
        with db.engine.connect() as other:  # a second connection from the pool
            other.execute(text("SET lock_timeout = '100ms'"))
            with pytest.raises(exc.OperationalError, match="lock timeout"):
                other.execute(text("UPDATE data_revision SET value = 2 WHERE name = 'locked'"))
        assert backend_pid() == pid  # the same transaction held the lock throughout
        db.session.commit()


def test_a_pooled_connection_the_server_ended_is_replaced_before_the_request_uses_it(server_app):
    with server_app.app_context():
        pid = backend_pid()
        db.session.remove()  # back in the pool
    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
        while admin.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", (pid,)).fetchone():
            time.sleep(0.01)
    with server_app.app_context():
        assert db.session.scalar(select(1)) == 1  # no OperationalError: never met the dead one
        assert backend_pid() != pid
