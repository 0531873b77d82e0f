"""Fixtures: a migrated database per run (SQLite or PostgreSQL), an app and client per test."""

import os
import uuid
from pathlib import Path

import flask_migrate
import pytest
from jinja2 import BytecodeCache

from challenge import create_app
from challenge.config import PROJECT_ROOT, TestConfig, normalise_database_url
from challenge.content.loader import load_tree
from challenge.content.operations import sync_tree
from challenge.extensions import db
from tests.factories import ContentFactory
from tests.support.mailserver import MailServer

POSTGRES_ADMIN_URL = os.environ.get(
    "TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)
REAL_CONTENT = PROJECT_ROOT / "content"
LOCALES = ("en", "hi", "ja")
# The real content has files in every public locale and in those still being translated.
CONTENT_LOCALES = (*TestConfig.LOCALES, *TestConfig.UPCOMING_LOCALES)
# Fixtures shared by packages of the suite that start their own servers.
pytest_plugins = ["tests.support.redis_keys"]


class CompiledTemplates(BytecodeCache):
    """Jinja's compiled templates, shared by every app a test process builds: each test has an app
    of its own, and compiling the templates again for each was a tenth of the suite's time. Jinja
    checks each entry against the template's source, so an edited template is compiled afresh."""

    def __init__(self):
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket):
        self.compiled[bucket.key] = bucket.bytecode_to_string()


COMPILED_TEMPLATES = CompiledTemplates()


def pytest_addoption(parser):
    parser.addoption(
        "--db",
        choices=("sqlite", "postgresql"),
        default=os.environ.get("TEST_DATABASE", "sqlite"),
        help="database to run the suite on",
    )


def pytest_report_header(config):
    return f"database: {config.getoption('--db')}"


def create_postgres_database() -> tuple[str, str]:
    import psycopg

    name = f"challenge_test_{uuid.uuid4().hex[:12]}"
    try:
        with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True, connect_timeout=5) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as error:
        if os.environ.get("CI", "").lower() == "true":
            pytest.exit(f"PostgreSQL is unreachable in CI: {error}", returncode=1)
        pytest.skip(f"PostgreSQL is unreachable: {error}")
    base = POSTGRES_ADMIN_URL.rsplit("/", 1)[0]
    return name, f"{base}/{name}"


def drop_postgres_database(name: str) -> None:
    import psycopg

    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def database_url(request, tmp_path_factory):
    if request.config.getoption("--db") == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('database') / 'test.db'}"
        return
    name, url = create_postgres_database()
    yield url
    drop_postgres_database(name)


@pytest.fixture(scope="session")
def instance_path(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("instance")


def settings(database_url: str, **overrides) -> dict:
    base = {key: getattr(TestConfig, key) for key in dir(TestConfig) if key.isupper()}
    return {**base, "DATABASE_URL": database_url, **overrides}


@pytest.fixture(scope="session")
def migrated_database(database_url, instance_path):
    """The schema, built by the migrations themselves, once per run."""
    app = create_app(settings(database_url))
    with app.app_context():
        flask_migrate.upgrade()
        db.engine.dispose()
    return database_url


@pytest.fixture(scope="session", autouse=True)
def content_kinds(migrated_database):
    """Features register their kinds of content when an app is built (migrated_database builds
    one), so a test that reads a content tree without an app of its own sees them all too."""


@pytest.fixture(scope="session")
def real_content_tree():
    tree = load_tree(REAL_CONTENT, CONTENT_LOCALES, "en")
    assert not tree.errors, "\n".join(map(str, tree.errors))
    return tree


@pytest.fixture
def make_app(migrated_database, monkeypatch, instance_path):
    """Build apps on the test database; every table is emptied after the test."""
    monkeypatch.setenv("INSTANCE_PATH", str(instance_path))
    apps = []

    def build(**overrides):
        app = create_app(settings(migrated_database, **overrides))
        app.jinja_env.bytecode_cache = COMPILED_TEMPLATES
        apps.append(app)
        return app

    yield build
    test_database = normalise_database_url(migrated_database)
    on_the_test_database = [app for app in apps if app.config["DATABASE_URL"] == test_database]
    if apps and not on_the_test_database:
        on_the_test_database.append(build())
    for app in apps:
        with app.app_context():
            db.session.remove()
            if app is on_the_test_database[0]:
                for table in reversed(db.metadata.sorted_tables):
                    db.session.execute(table.delete())
                db.session.commit()
            db.engine.dispose()


@pytest.fixture
def app(make_app):
    return make_app()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def synced(app, real_content_tree):
    """The app with the real content/ tree imported."""
    with app.app_context():
        sync_tree(real_content_tree, "en")
    return app


@pytest.fixture
def content(tmp_path) -> ContentFactory:
    return ContentFactory(tmp_path / "content")


@pytest.fixture
def mail_server():
    """A real SMTP server on loopback; `mail_server.settings` send the app's mail to it."""
    with MailServer() as server:
        yield server
