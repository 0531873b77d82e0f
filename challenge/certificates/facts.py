"""What a certificate says, in one locale: the same facts for its page, its PDF and PNG, and its
Open Badge. Nothing about the holder but the name they chose to print."""

import datetime as dt
from dataclasses import dataclass

from flask_babel import force_locale, format_date
from flask_babel import gettext as _

from challenge.certificates import reasons
from challenge.certificates.models import Certificate
from challenge.certificates.qr import verify_url
from challenge.certificates.registry import Subject, describe
from challenge.urls import is_local_path, public_url_for_path


@dataclass(frozen=True)
class Facts:
    code: str
    locale: str
    title: str
    summary: str
    subject_url: str | None  # absolute
    campaign: str
    name: str | None  # None when not given, or when revoked
    completed_on: dt.date
    completed_on_text: str
    issued_at: dt.datetime
    revoked: bool
    revoked_on_text: str | None
    revoke_reason: str  # the general reason, translated; "" when valid
    verify_url: str


def absolute(url: str) -> str | None:
    if is_local_path(url):
        return public_url_for_path(url)
    return url if url.startswith(("https://", "http://")) else None


def subject_of(certificate: Certificate, locale: str) -> Subject:
    """The registered description; the slug alone when the subject is gone or its kind unknown."""
    found = describe(certificate.subject_kind, certificate.subject_slug, locale)
    return found or Subject(title=certificate.subject_slug, summary="", url="")


def facts(certificate: Certificate, locale: str | None = None) -> Facts:
    locale = locale or certificate.locale
    with force_locale(locale):
        subject = subject_of(certificate, locale)
        return Facts(
            code=certificate.code,
            locale=locale,
            title=subject.title,
            summary=subject.summary,
            subject_url=absolute(subject.url) if subject.url else None,
            campaign=_("Quad Cyber Challenge"),
            name=None if certificate.revoked else certificate.name,
            completed_on=certificate.completed_on,
            completed_on_text=format_date(certificate.completed_on, "long"),
            issued_at=certificate.issued_at,
            revoked=certificate.revoked,
            revoked_on_text=(
                format_date(certificate.revoked_at.date(), "long")
                if certificate.revoked_at
                else None
            ),
            revoke_reason=reasons.label(certificate.revoke_reason),
            verify_url=verify_url(certificate.code),
        )
