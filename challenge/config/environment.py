"""The environment variables the app reads, and how each is parsed."""

import datetime as dt
import os
from collections.abc import Mapping

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off"}

# Environment variables read, and how each is parsed.
ENVIRONMENT_SETTINGS = {
    "SECRET_KEY": str,
    "PUBLIC_URL": str,
    "EXTRA_HOSTS": "list",
    "DATABASE_URL": str,
    "CONTENT_DIR": str,
    "CHANNELS_MAX_AGE_MONTHS": int,
    "REDIS_URL": str,
    "REDIS_KEY_PREFIX": str,
    "LOCALES": "list",
    "SECURITY_LANGUAGES": "list",
    "UPCOMING_LOCALES": "list",
    "DEFAULT_LOCALE": str,
    "SITE_NAME": str,
    "LOG_LEVEL": str,
    "SESSION_COOKIE_SECURE": bool,
    "SQLITE_BUSY_TIMEOUT_MS": int,
    "PROXY_COUNT": int,
    "PASSWORD_HASH_METHOD": str,
    "RATE_LIMIT_WRITES": str,
    "RATE_LIMIT_LOGIN": str,
    "LOGIN_FREE_FAILURES_PER_ACCOUNT": int,
    "LOGIN_FREE_FAILURES_PER_SOURCE": int,
    "LOGIN_MAX_DELAY_SECONDS": int,
    "LOGIN_FAILURE_MEMORY_SECONDS": int,
    "RATE_LIMIT_PARTICIPANT": str,
    "RATE_LIMIT_VERIFY": str,
    "CERTIFICATE_CACHE_SECONDS": int,
    "OPEN_BADGES_EMAIL": str,
    "SECURITY_CONTACT": str,
    "PRIVACY_CONTACT": str,
    "SECURITY_TXT_EXPIRES": "date",
    "MAIL_BACKEND": str,
    "MAIL_DEFAULT_SENDER": str,
    "MAIL_SERVER": str,
    "MAIL_PORT": int,
    "MAIL_USE_TLS": bool,
    "MAIL_USERNAME": str,
    "MAIL_PASSWORD": str,
    "MAIL_TIMEOUT_SECONDS": float,
    "MAIL_KEEP_DAYS": int,
    "JOBS_IMMEDIATE": bool,
    "JOBS_QUEUE_PATH": str,
    "JOBS_MAX_ATTEMPTS": int,
    "JOBS_RETRY_BASE_SECONDS": float,
    "JOBS_RETRY_MAX_SECONDS": float,
    "JOBS_LEASE_SECONDS": int,
    "JOBS_KEEP_DAYS": int,
    "JOBS_FREQUENT_SECONDS": float,
    "CHILD_AGE_DEFAULT_THRESHOLD": int,
    "RETENTION_UNCONFIRMED_ACCOUNT_DAYS": int,
    "RETENTION_GUARDIAN_REQUEST_DAYS": int,
    "GUARDIAN_CONFIRMATION_DELAY_HOURS": int,
    "GUARDIAN_WITHDRAW_LINK_DAYS": int,
    "RETENTION_INACTIVE_ACCOUNT_DAYS": int,
    "RETENTION_INACTIVE_WARNING_DAYS": int,
    "BADGE_FONT_DIRS": "paths",
    "PRIVACY_MIN_GROUP": int,
    "CAMPAIGN_START": "date",
    "PAGE_CACHE_SECONDS": float,
    "DEMO_RUNNING_EDITION": str,
}


def parse_bool(name: str, raw: str) -> bool:
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueError(f"{name} must be true or false, not {raw!r}")


def settings_from_environment(environ: Mapping[str, str]) -> dict:
    """The settings given in the environment, parsed; unset or empty variables are left out."""
    settings = {}
    for name, kind in ENVIRONMENT_SETTINGS.items():
        raw = environ.get(name, "").strip()
        if not raw:
            continue
        if kind == "list":
            settings[name] = tuple(part.strip() for part in raw.split(",") if part.strip())
        elif kind == "paths":  # colon-separated, like PATH
            settings[name] = tuple(part for part in raw.split(os.pathsep) if part)
        elif kind == "date":  # YYYY-MM-DD
            settings[name] = dt.date.fromisoformat(raw)
        elif kind is bool:
            settings[name] = parse_bool(name, raw)
        elif kind is int:
            settings[name] = int(raw)
        elif kind is float:
            settings[name] = float(raw)
        else:
            settings[name] = raw
    return settings
