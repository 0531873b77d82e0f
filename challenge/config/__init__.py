"""Configuration: defaults in code, overridden by environment variables (read in
`environment.py`), then by the factory's argument."""

import datetime as dt
from collections.abc import Mapping
from pathlib import Path

from challenge.config.environment import ENVIRONMENT_SETTINGS as ENVIRONMENT_SETTINGS
from challenge.config.environment import parse_bool as parse_bool
from challenge.config.environment import settings_from_environment as settings_from_environment
from challenge.config.finalise import ConfigurationError as ConfigurationError
from challenge.config.finalise import finalise as finalise
from challenge.config.finalise import instance_secret_key as instance_secret_key
from challenge.config.finalise import normalise_database_url as normalise_database_url

PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent


class Config:
    """Defaults for a development machine; every value can be set from the environment."""

    SECRET_KEY: str | None = None  # generated once into the instance folder when unset
    # The site's public origin, e.g. https://cyberchallenge.example: the only source of every
    # absolute URL the site emits (e-mails, canonical and share links, security.txt, the API), and
    # the only host it answers for. Required unless DEBUG or TESTING.
    PUBLIC_URL: str | None = None
    # Further host names the site answers for (a health check by address, say); links never use them.
    EXTRA_HOSTS: tuple[str, ...] = ()
    DATABASE_URL: str | None = None  # SQLite file in the instance folder when unset
    CONTENT_DIR = str(PROJECT_ROOT / "content")
    # A help channel (content/channels/) last checked longer ago than this is reported by
    # `flask content check` (a warning; an error with --strict) so that staff check it again.
    CHANNELS_MAX_AGE_MONTHS = 12
    REDIS_URL: str | None = None
    REDIS_KEY_PREFIX = "qcc"  # starts every key kept in Redis, so deployments can share one
    CACHE_DEFAULT_TIMEOUT = 300  # seconds; entries are keyed by the data revision, so never stale
    # Seconds a shared cache (nginx, a CDN) may keep a public page (challenge/caching/headers.py).
    PAGE_CACHE_SECONDS = 1.0
    # The languages the public site is in: served, negotiated, in the switcher and in hreflang.
    # A locale is listed here only once its UI catalog is complete (`flask translate check` and
    # tests/i18n fail otherwise); its content may still fall back to English item by item.
    LOCALES = ("en", "hi", "ja")
    # Languages being translated: their catalogs follow the code (`flask translate update`), their
    # content files load and the staff console translates into them, but no public page is in
    # them until they move to LOCALES (docs/staff-guide.md, "Adding a language").
    UPCOMING_LOCALES = ("es", "zh_Hans", "ta", "bn", "ur", "vi")
    DEFAULT_LOCALE = "en"
    SITE_NAME = "Quad Cyber Challenge"
    LOG_LEVEL = "INFO"
    SQLITE_BUSY_TIMEOUT_MS = 15000
    BADGE_FONT_DIRS = ("/usr/share/fonts",)  # searched for the PNG badge's Noto fonts
    # No group (country, organisation, sector) is shown publicly with fewer participants than this.
    PRIVACY_MIN_GROUP = 10
    CAMPAIGN_START: dt.date | None = None  # campaign weeks count from here (Mondays when unset)
    # For demonstrations only: the slug of an edition whose windows are moved to start yesterday,
    # so that it is always running (`make serve` sets it; real content keeps its real dates).
    DEMO_RUNNING_EDITION: str | None = None

    BABEL_TRANSLATION_DIRECTORIES = str(PROJECT_ROOT / "translations")
    MIGRATIONS_DIR = str(PROJECT_ROOT / "migrations")

    SESSION_COOKIE_NAME = "qcc_session"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_NAME = "qcc_remember"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_DURATION = 30 * 24 * 3600
    # Trusted reverse proxies in front of the app. Each must overwrite X-Forwarded-For and
    # X-Forwarded-Proto (docs/deployment.md); no other forwarded header is ever read.
    PROXY_COUNT = 0

    # werkzeug's scrypt, its cost stated (N=2^15, r=8, p=1: 32 MiB a hash); a hash made with other
    # parameters is made again at the next log-in, so raising the cost reaches every account.
    PASSWORD_HASH_METHOD = "scrypt:32768:8:1"  # noqa: S105 - a method name, not a password

    RATE_LIMIT_WRITES = "20 per minute; 200 per hour"
    RATE_LIMIT_LOGIN = "10 per minute; 50 per hour"
    # Failed password checks per account (any address), and participation writes per participant.
    # Failed log-ins slow the next try (1 s, 2 s, 4 s... up to the maximum) once the free ones are
    # used, per e-mail address and per client address; nobody is locked out (accounts/throttle.py).
    LOGIN_FREE_FAILURES_PER_ACCOUNT = 5
    LOGIN_FREE_FAILURES_PER_SOURCE = 20  # a school or office shares one address
    LOGIN_MAX_DELAY_SECONDS = 900
    LOGIN_FAILURE_MEMORY_SECONDS = 24 * 3600
    RATE_LIMIT_PARTICIPANT = "10 per minute; 100 per hour"
    # Certificate lookups (/verify/<code> and its downloads) per client address: far more than a
    # person checking certificates needs, far too few to guess an 80-bit code.
    RATE_LIMIT_VERIFY = "30 per minute; 300 per hour"
    # How long a browser may keep a certificate's page, downloads and badge (a revocation shows to
    # it within this); shared caches keep them PAGE_CACHE_SECONDS. The issuer's email in its Open
    # Badges profile; certificates@<host of PUBLIC_URL> when unset.
    CERTIFICATE_CACHE_SECONDS = 60
    OPEN_BADGES_EMAIL: str | None = None
    # No X-RateLimit-* headers: each costs the limiter's storage another round trip on every write,
    # and a refusal states its Retry-After anyway (challenge/ratelimits.py).
    RATELIMIT_HEADERS_ENABLED = False
    # Stated on every app: the limiter is one object, and Flask-Limiter would otherwise carry the
    # switch of the last app bound to it over to the next.
    RATELIMIT_ENABLED = True
    # /.well-known/security.txt (RFC 9116): where to report; mailto:security@<host> when unset.
    SECURITY_CONTACT: str | None = None
    SECURITY_TXT_EXPIRES: dt.date | None = None  # 180 days ahead, day by day, when unset
    # The languages a report may be written in (security.txt's Preferred-Languages; the security
    # page says the same): those the security team reads, not every language the site is in.
    SECURITY_LANGUAGES = ("en", "hi", "ja")
    # Where people write about their data, and parents or guardians about a child's account: a
    # mailto: or https: URI, shown on the privacy page; mailto:privacy@<host> when unset.
    PRIVACY_CONTACT: str | None = None

    # Every message goes through the job queue; the worker hands it to the backend.
    MAIL_BACKEND = "file"  # smtp, file (instance/outbox/) or memory (tests)
    MAIL_DEFAULT_SENDER = "Quad Cyber Challenge <no-reply@localhost>"
    MAIL_SERVER = "localhost"
    MAIL_PORT = 587
    MAIL_USE_TLS = True
    MAIL_USERNAME: str | None = None
    MAIL_PASSWORD: str | None = None
    MAIL_TIMEOUT_SECONDS = 15  # in the worker, never in a request
    MAIL_KEEP_DAYS = 30  # how long a sent message's idempotency key is kept

    # The job queue (challenge/jobs): huey on Redis when REDIS_URL is set, else on this SQLite file
    # (None: instance/jobs-queue.sqlite3); JOBS_IMMEDIATE runs jobs in-process as they commit.
    JOBS_IMMEDIATE = False
    JOBS_QUEUE_PATH: str | None = None
    JOBS_MAX_ATTEMPTS = 8
    JOBS_RETRY_BASE_SECONDS = 30.0  # doubled at each attempt, with jitter
    JOBS_RETRY_MAX_SECONDS = 3600.0
    JOBS_LEASE_SECONDS = 300  # a job running longer is taken again (its worker is presumed dead)
    JOBS_KEEP_DAYS = 14  # finished jobs are deleted after this
    # How often each worker runs the frequent jobs: folding the tally changes written behind
    # into the public counts (challenge/participation/fold.py), so this bounds how far they lag.
    JOBS_FREQUENT_SECONDS = 1.0

    # Children (docs/privacy.md "Children"): the age below which a country's law wants a parent's
    # or guardian's consent before an account (an e-mail address) is collected. Below it, sign-up
    # stores nothing and offers the anonymous path. Sources, as read on 2026-12-07:
    # - IN 18: Digital Personal Data Protection Act 2023 s. 2(f) ("child" is under 18) and s. 9;
    #   DPDP Rules 2025, Rule 10 (verifiable parental consent), in force from 13 May 2027 (the
    #   Rules' staged commencement; notified 13 November 2025).
    # - US 13: COPPA, 15 U.S.C. 6501(1); 16 CFR Part 312 as amended in 2025 (compliance from
    #   22 April 2026).
    # - AU 18: a choice. The Privacy Act 1988 sets no age; the OAIC is making the Children's
    #   Online Privacy Code for services likely to be accessed by children (under 18; to be
    #   registered by 10 December 2026), so until it is made we treat every child as needing a
    #   guardian.
    # - JP 15: a choice. The APPI sets no age; the PPC's guidelines (Q&A on the General Rules)
    #   treat children of roughly 12 to 15 and under as needing a guardian's consent; we take the
    #   top of that range.
    # Any other country: CHILD_AGE_DEFAULT_THRESHOLD (the strictest of the four, to be safe).
    CHILD_AGE_THRESHOLDS: Mapping[str, int] = {"IN": 18, "US": 13, "AU": 18, "JP": 15}
    CHILD_AGE_DEFAULT_THRESHOLD = 18
    # From this date (UTC) the e-mail parental-consent path is no longer offered to a child of the
    # country; the anonymous path stays. India's DPDP Rule 10, in force 13 May 2027, wants the
    # fiduciary to check that the person consenting is an identifiable adult (identity and age
    # details, or a DigiLocker token): a mailbox shows neither. Closed RETENTION_GUARDIAN_REQUEST_DAYS
    # and a day early, so no request made before is confirmed after. Remove the entry once such a
    # check is built (docs/privacy.md "Known gaps").
    GUARDIAN_EMAIL_CONSENT_CLOSES: Mapping[str, dt.date] = {"IN": dt.date(2027, 5, 5)}

    # Retention (docs/privacy.md "Data inventory"): applied by periodic jobs in the worker.
    # An account whose address was never confirmed is deleted this many days after sign-up.
    # (Links are signed tokens and sessions live in cookies: there is no table of either to purge.)
    RETENTION_UNCONFIRMED_ACCOUNT_DAYS = 7
    # A child's sign-up waiting for a parent's or guardian's consent is deleted after this many
    # days, and the link mailed to the guardian stops working then too.
    RETENTION_GUARDIAN_REQUEST_DAYS = 7
    # The guardian's second message, confirming their consent with a link to withdraw it (COPPA's
    # "email plus"), this long after they consented; the link works this many days.
    GUARDIAN_CONFIRMATION_DELAY_HOURS = 24
    GUARDIAN_WITHDRAW_LINK_DAYS = 365
    # A confirmed account nobody has signed in to for this many days is deleted (its participation
    # kept, anonymous, as at any deletion), after an e-mail warning sent this many days earlier;
    # signing in keeps it. Staff accounts are never deleted this way.
    RETENTION_INACTIVE_ACCOUNT_DAYS = 730
    RETENTION_INACTIVE_WARNING_DAYS = 30
    SEND_FILE_MAX_AGE_DEFAULT = 3600
    MAX_CONTENT_LENGTH = 1024 * 1024
    JSON_SORT_KEYS = False


class TestConfig(Config):
    """What the test suite's app is built with; DATABASE_URL is given per run."""

    TESTING = True
    PUBLIC_URL = "http://localhost"  # the test client's host
    SECRET_KEY = "test-secret-key-not-for-production"  # noqa: S105 - tests only
    SESSION_COOKIE_SECURE = False
    LOG_LEVEL = "WARNING"
    MAIL_BACKEND = "memory"
    JOBS_IMMEDIATE = True  # each job runs as its transaction commits; tests of the queue opt out
    # A 32nd of the production cost: the suites hash hundreds of passwords, and the cost is a
    # setting (tests/accounts/test_passwords.py checks the production one and the rehash).
    PASSWORD_HASH_METHOD = "scrypt:1024:8:1"  # noqa: S105 - a method name
    RATE_LIMIT_WRITES = "1000 per minute"
    RATE_LIMIT_LOGIN = "1000 per minute"
    RATE_LIMIT_PARTICIPANT = "1000 per minute"
    RATE_LIMIT_VERIFY = "1000 per minute"
    CACHE_TYPE = "NullCache"  # tests opt in with CACHE_TYPE="SimpleCache"
    PAGE_CACHE_SECONDS = 0  # public pages still say public, with s-maxage=0
    CACHE_NO_NULL_WARNING = True


def translation_locales(config: Mapping) -> tuple[str, ...]:
    """Every locale the project translates: the public ones, then those still being translated."""
    return (*config["LOCALES"], *config.get("UPCOMING_LOCALES", ()))
