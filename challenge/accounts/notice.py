"""Who may make an account (the age threshold of their country), and which privacy notice they
agreed to: the `version` in the front matter of content/pages/privacy, as synced."""

from urllib.parse import urlsplit

from flask import current_app
from sqlalchemy import select

from challenge.clock import utcnow
from challenge.content.models import ContentItem
from challenge.extensions import db


def age_threshold(country: str | None) -> int:
    """The age below which `country`'s law wants a guardian's consent (config, sources there)."""
    thresholds = current_app.config["CHILD_AGE_THRESHOLDS"]
    return thresholds.get(country or "", current_app.config["CHILD_AGE_DEFAULT_THRESHOLD"])


def needs_guardian(youngest_age: int, country: str | None) -> bool:
    """Whether someone in an age band whose youngest age is `youngest_age` may be under the
    threshold: a band that straddles it counts as under (13-15 in Japan, whose threshold is 15)."""
    return youngest_age < age_threshold(country)


def privacy_contact() -> str:
    """Where people write about their data (and guardians about a child's account): a URI."""
    configured = (current_app.config.get("PRIVACY_CONTACT") or "").strip()
    return configured or f"mailto:privacy@{urlsplit(current_app.config['PUBLIC_URL']).hostname}"


def guardian_consent_offered(country: str | None) -> bool:
    """Whether a child of `country` may ask a parent or guardian to consent by e-mail: not from
    the date GUARDIAN_EMAIL_CONSENT_CLOSES sets for it (config says why)."""
    closes = current_app.config["GUARDIAN_EMAIL_CONSENT_CLOSES"].get(country or "")
    return closes is None or utcnow().date() < closes


def privacy_notice_version() -> int:
    """The privacy page's version (0 if no privacy page is loaded, which `flask content check`
    would report)."""
    version = db.session.scalar(
        select(ContentItem.version).where(ContentItem.kind == "page", ContentItem.slug == "privacy")
    )
    return version or 0
