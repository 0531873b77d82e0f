import sqlite3
import stat

import pytest
from sqlalchemy import text

from challenge import create_app
from challenge.config import (
    ConfigurationError,
    TestConfig,
    instance_secret_key,
    normalise_database_url,
    settings_from_environment,
)
from challenge.extensions import db


def test_test_config_is_used(app):
    assert app.testing
    assert app.config["SECRET_KEY"] == TestConfig.SECRET_KEY
    assert app.config["LOCALES"] == TestConfig.LOCALES


def test_environment_overrides_defaults(monkeypatch, tmp_path):
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("PUBLIC_URL", "https://challenge.example")
    monkeypatch.setenv("LOCALES", "en, ja")
    monkeypatch.setenv("CONTENT_DIR", str(tmp_path / "elsewhere"))
    monkeypatch.setenv("SESSION_COOKIE_SECURE", "false")
    app = create_app()
    assert app.config["LOCALES"] == ("en", "ja")
    assert app.config["CONTENT_DIR"] == str(tmp_path / "elsewhere")
    assert app.config["SESSION_COOKIE_SECURE"] is False


def test_factory_argument_overrides_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("PUBLIC_URL", "https://challenge.example")
    monkeypatch.setenv("SITE_NAME", "From the environment")
    app = create_app({"SITE_NAME": "From the argument"})
    assert app.config["SITE_NAME"] == "From the argument"


def test_production_defaults_are_safe(monkeypatch, tmp_path):
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("PUBLIC_URL", "https://challenge.example")
    app = create_app()
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert not app.debug
    assert app.config["DATABASE_URL"] == f"sqlite:///{tmp_path / 'challenge.db'}"


def test_secret_key_is_generated_once_into_the_instance_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("PUBLIC_URL", "https://challenge.example")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = create_app().config["SECRET_KEY"]
    second = create_app().config["SECRET_KEY"]
    assert first == second and len(first) >= 40
    key_file = tmp_path / "secret_key"
    assert key_file.read_text() == first
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert list(tmp_path.glob(".secret_key.*")) == []


def test_secret_key_from_the_environment_wins(monkeypatch, tmp_path):
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("PUBLIC_URL", "https://challenge.example")
    monkeypatch.setenv("SECRET_KEY", "k" * 50)
    assert create_app().config["SECRET_KEY"] == "k" * 50
    assert not (tmp_path / "secret_key").exists()


def test_instance_secret_keys_differ_between_instances(tmp_path):
    assert instance_secret_key(str(tmp_path / "a")) != instance_secret_key(str(tmp_path / "b"))


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgres://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
        ("sqlite:////tmp/x.db", "sqlite:////tmp/x.db"),
    ],
)
def test_database_urls_use_psycopg_3(given, expected):
    assert normalise_database_url(given) == expected


def test_bad_settings_are_refused(monkeypatch, tmp_path):
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("PUBLIC_URL", "https://challenge.example")
    with pytest.raises(ValueError, match="SESSION_COOKIE_SECURE"):
        settings_from_environment({"SESSION_COOKIE_SECURE": "perhaps"})
    with pytest.raises(ValueError, match="DEFAULT_LOCALE"):
        create_app({"DEFAULT_LOCALE": "fr"})


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(monkeypatch, tmp_path):
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("PUBLIC_URL", "https://challenge.example")
    app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'wal.db'}"})
    with app.app_context():
        assert db.session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert db.session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert db.session.execute(text("PRAGMA busy_timeout")).scalar() == 15000
        db.engine.dispose()
    assert (
        sqlite3.connect(tmp_path / "wal.db").execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    )


def test_wsgi_module_exposes_the_app(monkeypatch, tmp_path):
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("PUBLIC_URL", "https://challenge.example")
    import importlib

    import wsgi

    assert importlib.reload(wsgi).app.name == "challenge"


def test_only_a_server_connection_is_pinged_before_use(monkeypatch, tmp_path):
    """A SQLite file has no server to drop it; a PostgreSQL connection the server ended is replaced
    (tests/test_database.py)."""
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("PUBLIC_URL", "https://challenge.example")
    sqlite = create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'ping.db'}"})
    assert "pool_pre_ping" not in sqlite.config["SQLALCHEMY_ENGINE_OPTIONS"]
    server = create_app({"DATABASE_URL": "postgresql://postgres@127.0.0.1:5432/test"})
    assert server.config["SQLALCHEMY_ENGINE_OPTIONS"]["pool_pre_ping"] is True


def test_a_production_start_without_public_url_says_how_to_fix_it(monkeypatch, tmp_path):
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path))
    monkeypatch.delenv("PUBLIC_URL", raising=False)
    with pytest.raises(ConfigurationError, match=r"PUBLIC_URL is not set\..*https://"):
        create_app()


@pytest.mark.parametrize(
    "public_url",
    [
        "challenge.example",
        "ftp://challenge.example",
        "https://challenge.example/path",
        "https://user@challenge.example",
        "https://challenge.example:99999",
        "https://",
    ],
)
def test_a_public_url_that_is_not_an_origin_is_refused(monkeypatch, tmp_path, public_url):
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path))
    with pytest.raises(ConfigurationError, match="PUBLIC_URL"):
        create_app({"PUBLIC_URL": public_url})


def test_the_public_origin_is_the_only_trusted_host(monkeypatch, tmp_path):
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("PUBLIC_URL", "https://Challenge.Example/")
    monkeypatch.setenv("EXTRA_HOSTS", "www.challenge.example")
    app = create_app()
    assert app.config["PUBLIC_URL"] == "https://challenge.example"
    assert app.config["TRUSTED_HOSTS"] == ["challenge.example", "www.challenge.example"]
    assert app.test_client().get("/healthz", headers={"Host": "evil.example"}).status_code == 400
