"""Certificates for tests: a fake subject kind registered with the certificates registry (so no
feature is needed), and certificates issued to fresh participants."""

import datetime as dt

from sqlalchemy import select

from challenge.certificates import operations
from challenge.certificates.models import Certificate
from challenge.certificates.registry import Subject
from challenge.extensions import db
from challenge.participation.models import Participant

KIND = "test-course"
SLUG = "safe-habits-2023"
TITLES = {
    "en": "Safe habits week 2023",
    "hi": "सुरक्षित आदतों का सप्ताह 2023",
    "ja": "安全な習慣ウィーク2023",
}
SUMMARIES = {
    "en": "Five days of updates, passphrases and two-step verification.",
    "hi": "अपडेट, पासफ़्रेज़ और दो-चरणीय सत्यापन के पाँच दिन।",
    "ja": "アップデート、パスフレーズ、2段階認証の5日間。",
}
COMPLETED = dt.date(2023, 4, 14)


def describe(slug: str, locale: str) -> Subject | None:
    if slug != SLUG:
        return None
    return Subject(TITLES[locale], SUMMARIES[locale], f"/{locale}/")


def issue(app, *, locale: str = "en", name: str | None = None, slug: str = SLUG) -> str:
    """A new participant's certificate; its code."""
    with app.app_context():
        participant = Participant(locale=locale, country="IN")
        db.session.add(participant)
        db.session.flush()
        certificate = operations.issue(participant, KIND, slug, COMPLETED, name=name, locale=locale)
        db.session.commit()
        return certificate.code


def certificate(app, code: str) -> Certificate:
    with app.app_context():
        found = db.session.scalar(select(Certificate).where(Certificate.code == code))
        db.session.expunge(found)
        return found


def revoke(app, code: str, reason: str = "issued_in_error") -> None:
    with app.app_context():
        operations.revoke(code, reason, None)


def issue_to_account(app, email: str, *, name: str | None = None) -> str:
    """A certificate for the participant of the account with `email`; its code."""
    from challenge.accounts.models import Account

    with app.app_context():
        account = db.session.scalar(select(Account).where(Account.email == email))
        participant = db.session.scalar(
            select(Participant).where(Participant.account_id == account.id)
        )
        if participant is None:
            participant = Participant(locale="en", country="AU", account_id=account.id)
            db.session.add(participant)
            db.session.flush()
        certificate = operations.issue(participant, KIND, SLUG, COMPLETED, name=name, locale="en")
        db.session.commit()
        return certificate.code
