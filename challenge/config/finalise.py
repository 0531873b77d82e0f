"""The settings derived from the others once they are all known (database URI, trusted hosts,
secret key, locales), with the checks that stop the site starting on an unusable value."""

import os
import re
import secrets
from pathlib import Path
from urllib.parse import urlsplit


def normalise_database_url(url: str) -> str:
    """Point PostgreSQL URLs at psycopg 3, whichever spelling the platform hands us."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def instance_secret_key(instance_path: str) -> str:
    """Read the instance's secret key, creating it once; safe when several workers start at once."""
    path = Path(instance_path) / "secret_key"
    if not path.exists():
        Path(instance_path).mkdir(parents=True, exist_ok=True)
        draft = path.with_name(f".secret_key.{os.getpid()}")
        fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(48))
        try:
            os.link(draft, path)  # atomic: the first worker wins, the others read its key
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    return path.read_text().strip()


DEVELOPMENT_PUBLIC_URL = "http://127.0.0.1:8000"


class ConfigurationError(ValueError):
    """A setting that the site cannot start with; the message says how to fix it."""


def public_origin(config: dict) -> str:
    """PUBLIC_URL checked and normalised to scheme://host[:port]; a clear error when it is unusable."""
    raw = (config.get("PUBLIC_URL") or "").strip()
    if not raw:
        if not (config.get("DEBUG") or config.get("TESTING")):
            raise ConfigurationError(
                "PUBLIC_URL is not set. Set it to the address people use to reach the site, "
                "for example PUBLIC_URL=https://cyberchallenge.example: every link the site sends "
                "is built from it, and it answers for no other host."
            )
        raw = DEVELOPMENT_PUBLIC_URL
    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigurationError(
            f"PUBLIC_URL {raw!r} must look like https://host or https://host:port"
        )
    if parts.path not in ("", "/") or parts.query or parts.fragment or parts.username:
        raise ConfigurationError(
            f"PUBLIC_URL {raw!r} must be an origin only (scheme, host and port), with no path"
        )
    try:
        parts.port  # noqa: B018 - raises on a port that is not a number in range
    except ValueError as error:
        raise ConfigurationError(f"PUBLIC_URL {raw!r} has an invalid port") from error
    return f"{parts.scheme}://{parts.netloc.lower()}"


PASSWORD_HASH_METHOD_FORM = re.compile(r"scrypt:[1-9][0-9]*:[1-9][0-9]*:[1-9][0-9]*")


def finalise(config: dict, instance_path: str) -> None:
    """Derive the settings that depend on others (database URI, secret key, locales)."""
    config["PUBLIC_URL"] = public_origin(config)
    public = urlsplit(config["PUBLIC_URL"])
    # Flask refuses (400) a request whose Host is not one of these, before any view runs.
    config["TRUSTED_HOSTS"] = [public.hostname, *config["EXTRA_HOSTS"]]
    # url_for outside a request (the command line, the worker) builds against the public origin.
    config["SERVER_NAME"] = public.netloc
    config["PREFERRED_URL_SCHEME"] = public.scheme
    config["EXTRA_HOSTS"] = tuple(config["EXTRA_HOSTS"])
    if not config.get("SECRET_KEY"):
        config["SECRET_KEY"] = instance_secret_key(instance_path)
    url = config.get("DATABASE_URL") or f"sqlite:///{Path(instance_path) / 'challenge.db'}"
    config["DATABASE_URL"] = normalise_database_url(url)
    config["SQLALCHEMY_DATABASE_URI"] = config["DATABASE_URL"]
    if config["DATABASE_URL"].startswith("sqlite"):
        # A file has no server to drop the connection: no ping before each request's first query.
        engine_options = {"connect_args": {"timeout": config["SQLITE_BUSY_TIMEOUT_MS"] / 1000}}
    else:
        # A pooled connection the server ended (a restart, a failover) is replaced before use.
        engine_options = {"pool_pre_ping": True}
    config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", engine_options)
    config["REMEMBER_COOKIE_SECURE"] = config["SESSION_COOKIE_SECURE"]
    if not config.get("JOBS_QUEUE_PATH"):
        config["JOBS_QUEUE_PATH"] = str(Path(instance_path) / "jobs-queue.sqlite3")
    config.setdefault("RATELIMIT_STORAGE_URI", config.get("REDIS_URL") or "memory://")
    redis_url, prefix = config.get("REDIS_URL"), config["REDIS_KEY_PREFIX"]
    config.setdefault("CACHE_TYPE", "RedisCache" if redis_url else "SimpleCache")
    config.setdefault("CACHE_KEY_PREFIX", f"{prefix}:cache:")
    if redis_url:
        config.setdefault("CACHE_REDIS_URL", redis_url)
        config.setdefault("RATELIMIT_STORAGE_OPTIONS", {"key_prefix": f"{prefix}:limits"})
    if not PASSWORD_HASH_METHOD_FORM.fullmatch(config["PASSWORD_HASH_METHOD"]):
        raise ValueError(
            f"PASSWORD_HASH_METHOD {config['PASSWORD_HASH_METHOD']!r} is not scrypt:N:r:p"
        )
    warning, keep = (
        config["RETENTION_INACTIVE_WARNING_DAYS"],
        config["RETENTION_INACTIVE_ACCOUNT_DAYS"],
    )
    if not 0 < warning < keep:
        raise ValueError(
            "RETENTION_INACTIVE_WARNING_DAYS must be above 0 and below RETENTION_INACTIVE_ACCOUNT_DAYS"
        )
    config["LOCALES"] = tuple(config["LOCALES"])
    config["UPCOMING_LOCALES"] = tuple(
        code for code in config["UPCOMING_LOCALES"] if code not in config["LOCALES"]
    )
    config["BADGE_FONT_DIRS"] = tuple(config["BADGE_FONT_DIRS"])
    if config["DEFAULT_LOCALE"] not in config["LOCALES"]:
        raise ValueError(f"DEFAULT_LOCALE {config['DEFAULT_LOCALE']!r} is not one of LOCALES")
    config["BABEL_DEFAULT_LOCALE"] = config["DEFAULT_LOCALE"]
    config["CONTENT_DIR"] = str(Path(config["CONTENT_DIR"]).resolve())
