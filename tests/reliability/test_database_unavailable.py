"""A database that goes away for a moment (a restart, a failover) gets a 503 to retry, never a 500."""

import time

import psycopg
import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import OperationalError

from challenge.extensions import db
from tests.conftest import POSTGRES_ADMIN_URL


def test_an_unreachable_database_is_a_translated_503_with_retry_after(make_app):
    app = make_app()

    @app.get("/<locale>/down")
    def down():
        raise OperationalError("SELECT 1", {"token": "secret-value"}, Exception("server closed"))

    app.testing = False
    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = app.test_client().get("/hi/down")
    assert response.status_code == 503
    assert response.headers["Retry-After"].isdigit()
    assert '<html lang="hi"' in response.text
    assert "secret-value" not in response.text and "server closed" not in response.text


@pytest.mark.postgresql_only
def test_a_connection_dropped_after_the_response_was_made_is_not_a_500(make_app, request):
    if request.config.getoption("--db") != "postgresql":
        pytest.skip("needs PostgreSQL: the server ends the connection")
    app = make_app()
    ended = []

    @app.get("/dropped")
    def dropped():
        pid = db.session.scalar(text("SELECT pg_backend_pid()"))
        with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
        ended.append(pid)
        return "made"

    client = app.test_client()
    response = client.get("/dropped")
    assert (response.status_code, response.text) == (200, "made")
    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as admin:  # the server is done
        while admin.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", ended).fetchone():
            time.sleep(0.01)
    # The pool sees the server's farewell and reconnects: the next request reads the database.
    assert client.get("/healthz").status_code == 200
    with app.app_context():
        assert db.session.scalar(select(1)) == 1
