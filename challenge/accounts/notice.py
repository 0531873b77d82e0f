"""Who may make an account (the age threshold of their country), and which privacy notice they
agreed to: the `version` in the front matter of content/pages/privacy, as synced."""

from flask import current_app
from sqlalchemy import select

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


def privacy_notice_version() -> int:
    """The privacy page's version (0 if no privacy page is loaded, which `flask content check`
    would report)."""
    version = db.session.scalar(
        select(ContentItem.version).where(ContentItem.kind == "page", ContentItem.slug == "privacy")
    )
    return version or 0
