"""/.well-known/security.txt (RFC 9116): where to report a vulnerability, and until when that holds.

Contact is SECURITY_CONTACT (comma-separated URIs), else mailto:security@<the PUBLIC_URL's host>. Expires is
SECURITY_TXT_EXPIRES when set, so a deployment left unattended says so; otherwise 180 days ahead of
today, a date that moves on only while the site is running and maintained.
"""

import datetime as dt
from urllib.parse import urlsplit

from flask import Response, current_app

from challenge.i18n.locales import language_tag
from challenge.urls import public_url

DEFAULT_LIFETIME = dt.timedelta(days=180)  # RFC 9116 asks for less than a year


def contacts() -> list[str]:
    configured = current_app.config.get("SECURITY_CONTACT") or ""
    found = [part.strip() for part in configured.split(",") if part.strip()]
    return found or [f"mailto:security@{urlsplit(current_app.config['PUBLIC_URL']).hostname}"]


def expires() -> dt.datetime:
    day = current_app.config.get("SECURITY_TXT_EXPIRES")
    if day is None:
        day = dt.datetime.now(dt.UTC).date() + DEFAULT_LIFETIME
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)


def text() -> str:
    default = current_app.config["DEFAULT_LOCALE"]
    languages = ", ".join(map(language_tag, current_app.config["SECURITY_LANGUAGES"]))
    lines = [f"Contact: {contact}" for contact in contacts()]
    lines += [
        f"Expires: {expires():%Y-%m-%dT%H:%M:%SZ}",
        f"Preferred-Languages: {languages}",
        f"Canonical: {public_url('pages.security_contact')}",
        f"Policy: {public_url('pages.security', locale=default)}",
    ]
    return "\n".join(lines) + "\n"


def response() -> Response:
    reply = Response(text(), mimetype="text/plain")
    reply.cache_control.public = True
    reply.cache_control.max_age = 3600
    return reply
