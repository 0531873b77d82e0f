"""Open Badges 2.0 documents for certificates: the hosted Assertion, its BadgeClass (one per
subject and locale) and the issuer's Profile, as the 1EdTech Open Badges 2.0 specification
defines them (https://www.imsglobal.org/sites/default/files/Badges/OBv2p0Final/index.html).

The recipient is named by no personal data: its identity is the certificate's own verification
URL (type "url", a Profile identifier property the specification allows), hashed with SHA-256
and a per-certificate salt, so a holder can prove the badge is theirs by showing that URL.
"""

import hashlib
from urllib.parse import urlsplit

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _

from challenge.certificates.facts import Facts, absolute
from challenge.certificates.models import Certificate
from challenge.certificates.registry import Subject
from challenge.urls import public_url

CONTEXT = "https://w3id.org/openbadges/v2"


def issuer_email() -> str:
    configured = current_app.config.get("OPEN_BADGES_EMAIL")
    return configured or f"certificates@{urlsplit(current_app.config['PUBLIC_URL']).hostname}"


def issuer() -> dict:
    """The issuer's Profile: id, type, name, url and email are required of an issuer. In the
    default locale always: its address names no locale, and caches keep one answer for all."""
    public = current_app.config["PUBLIC_URL"]
    with force_locale(current_app.config["DEFAULT_LOCALE"]):
        return issuer_document(public)


def issuer_document(public: str) -> dict:
    return {
        "@context": CONTEXT,
        "type": "Issuer",
        "id": public_url("certificates.issuer"),
        "name": _("Quad Cyber Challenge"),
        "url": public + "/",
        "email": issuer_email(),
        "description": _(
            "The cyber-security awareness campaign of Australia, India, Japan and the United States."
        ),
        "image": public_url("certificates.badge_image"),
        # Hosted assertions are valid only on this site's own host.
        "verification": {
            "type": "VerificationObject",
            "allowedOrigins": urlsplit(public).netloc,
        },
    }


def badge_class_url(kind: str, slug: str, locale: str) -> str:
    return public_url("certificates.badge_class", kind=kind, slug=slug, locale=locale)


def badge_class(kind: str, slug: str, subject: Subject, locale: str) -> dict:
    """The BadgeClass of a subject in one locale; its criteria link to the subject's page."""
    with force_locale(locale):
        criteria = {
            "narrative": _("Finish %(title)s of the Quad Cyber Challenge.", title=subject.title)
        }
        page = absolute(subject.url) if subject.url else None
        if page:
            criteria["id"] = page
        return {
            "@context": CONTEXT,
            "type": "BadgeClass",
            "id": badge_class_url(kind, slug, locale),
            "name": subject.title,
            "description": subject.summary or criteria["narrative"],
            "image": public_url("certificates.badge_image"),
            "criteria": criteria,
            "issuer": public_url("certificates.issuer"),
            "tags": [_("cyber security"), _("Quad Cyber Challenge")],
        }


def hashed_identity(identity: str, salt: str) -> str:
    """An IdentityHash: "sha256$" and the hex digest of the identity followed by the salt."""
    return "sha256$" + hashlib.sha256((identity + salt).encode()).hexdigest()


def assertion_url(code: str) -> str:
    return public_url("certificates.badge_assertion", code=code)


def assertion(certificate: Certificate, facts: Facts) -> dict:
    """The hosted Assertion; once revoked, only its id and the revocation (as the specification
    allows), so a revoked badge carries nothing more."""
    identifier = assertion_url(certificate.code)
    if certificate.revoked:
        return {
            "@context": CONTEXT,
            "type": "Assertion",
            "id": identifier,
            "revoked": True,
            "revocationReason": facts.revoke_reason,
        }
    document = {
        "@context": CONTEXT,
        "type": "Assertion",
        "id": identifier,
        "recipient": {
            "type": "url",
            "hashed": True,
            "salt": certificate.badge_salt,
            "identity": hashed_identity(facts.verify_url, certificate.badge_salt),
        },
        "badge": badge_class_url(certificate.subject_kind, certificate.subject_slug, facts.locale),
        "verification": {"type": "hosted"},
        "issuedOn": certificate.issued_at.replace(microsecond=0).isoformat() + "+00:00",
        "evidence": facts.verify_url,
    }
    return document
