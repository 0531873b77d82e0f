"""Organisations as participation knows them: the groups people take part with, by join code,
and the accounts that administer them. The organisations feature (challenge/organisations) builds
sign-up, dashboards and invitations on top; every other layer that needs an organisation's name,
code or admins reads it here."""

import datetime as dt
import re
import secrets
import unicodedata

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey, String, false, func, select
from sqlalchemy.orm import Mapped, mapped_column

from challenge.clock import utcnow
from challenge.extensions import db

SECTORS = {
    "government": _l("Government"),
    "critical_infrastructure": _l("Critical infrastructure"),
    "business": _l("Business"),
    "education": _l("Education"),
    "nonprofit": _l("Nonprofit"),
    "other": _l("Other"),
}
HEADCOUNT_MAX = 10_000_000
SLUG_MAX = 60
# Paths under /orgs/ that are not organisations.
RESERVED_SLUGS = frozenset({"new", "invitations", "leave"})
FALLBACK_SLUG = "org"  # for names with no Latin letters or digits


def new_code() -> str:
    return secrets.token_urlsafe(16)


def slug_base(name: str) -> str:
    """An ASCII, lower-case, hyphenated form of the name: "Ministère de l'Intérieur" -> "ministere-de-l-interieur"."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return slug[:SLUG_MAX].rstrip("-") or FALLBACK_SLUG


class Organisation(db.Model):
    __tablename__ = "organisation"
    __table_args__ = (
        CheckConstraint(f"headcount BETWEEN 1 AND {HEADCOUNT_MAX}", name="headcount_range"),
        CheckConstraint("goal_percent BETWEEN 1 AND 100", name="goal_percent_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    country: Mapped[str] = mapped_column(String(2))
    sector: Mapped[str] = mapped_column(String(32))
    headcount: Mapped[int]  # declared, for the participation rate
    website: Mapped[str | None] = mapped_column(String(200))
    email_domain: Mapped[str | None] = mapped_column(String(253))
    verified_at: Mapped[dt.datetime | None]
    join_code: Mapped[str] = mapped_column(String(64), unique=True, default=new_code)
    domain_only: Mapped[bool] = mapped_column(default=False, server_default=false())
    goal_percent: Mapped[int | None]  # the participation rate the admins aim for
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None

    @property
    def sector_label(self):
        return SECTORS.get(self.sector, self.sector)

    def __repr__(self) -> str:
        return f"<Organisation {self.slug}>"


class OrganisationAdmin(db.Model):
    __tablename__ = "organisation_admin"

    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), primary_key=True
    )
    account_id: Mapped[int] = mapped_column(
        ForeignKey("account.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


def by_slug(slug: str) -> Organisation | None:
    return db.session.scalar(select(Organisation).where(Organisation.slug == slug))


def by_code(code: str) -> Organisation | None:
    if not code or len(code) > 64:
        return None
    return db.session.scalar(select(Organisation).where(Organisation.join_code == code))


def by_id(organisation_id: int | None) -> Organisation | None:
    return db.session.get(Organisation, organisation_id) if organisation_id else None


def is_admin(organisation: Organisation, account) -> bool:
    if not account.is_authenticated:
        return False
    return db.session.get(OrganisationAdmin, (organisation.id, account.id)) is not None


def administered_by(account) -> list[Organisation]:
    if not account.is_authenticated:
        return []
    return list(
        db.session.scalars(
            select(Organisation)
            .join(OrganisationAdmin, OrganisationAdmin.organisation_id == Organisation.id)
            .where(OrganisationAdmin.account_id == account.id)
            .order_by(func.lower(Organisation.name))
        )
    )


def email_domain(email: str) -> str:
    domain = email.rsplit("@", 1)[-1].strip().lower()
    try:
        return domain.encode("idna").decode("ascii")
    except UnicodeError:
        return domain


def domain_refusal(organisation: Organisation, account) -> str | None:
    """Why this visitor may not join a domain-only organisation ("login", "unverified", "domain")."""
    if not organisation.domain_only or not organisation.email_domain:
        return None
    if not account.is_authenticated:
        return "login"
    if not account.is_verified:
        return "unverified"
    # Exactly the domain: subdomains may be run by someone else (students.example.edu).
    if email_domain(account.email) != organisation.email_domain:
        return "domain"
    return None
