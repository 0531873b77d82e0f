"""Everything recorded about one participant, for their data download."""

from sqlalchemy import select

from challenge.accounts.models import Consent
from challenge.accounts.operations import participant_of
from challenge.certificates.models import Certificate
from challenge.content.models import ContentItem
from challenge.editions.models import EditionCheckIn
from challenge.extensions import db
from challenge.lessons.models import LessonCompletion
from challenge.participation.models import Participant
from challenge.participation.organisations import Organisation, administered_by
from challenge.pledges.models import PledgeTaken
from challenge.quizzes.models import QuizAttempt


def _rows(model, participant_id: int) -> list[dict]:
    rows = db.session.execute(
        select(ContentItem.slug, model.country, model.locale, model.created_at)
        .join(ContentItem, ContentItem.id == model.item_id)
        .where(model.participant_id == participant_id)
        .order_by(model.created_at)
    )
    return [
        {"slug": slug, "country": country, "language": locale, "at": created.isoformat() + "Z"}
        for slug, country, locale, created in rows
    ]


def _attempts(participant_id: int) -> list[dict]:
    rows = db.session.execute(
        select(ContentItem.slug, QuizAttempt)
        .join(ContentItem, ContentItem.id == QuizAttempt.item_id)
        .where(QuizAttempt.participant_id == participant_id)
        .order_by(QuizAttempt.created_at, QuizAttempt.id)
    )
    return [
        {
            "slug": slug,
            "country": attempt.country,
            "language": attempt.locale,
            "at": attempt.created_at.isoformat() + "Z",
            "score": attempt.score,
            "max_score": attempt.max_score,
            "percent": attempt.percent,
            "passed": attempt.passed,
            "answers": attempt.answers,
        }
        for slug, attempt in rows
    ]


def _check_ins(participant_id: int) -> list[dict]:
    rows = db.session.execute(
        select(ContentItem.slug, EditionCheckIn)
        .join(ContentItem, ContentItem.id == EditionCheckIn.item_id)
        .where(EditionCheckIn.participant_id == participant_id)
        .order_by(EditionCheckIn.created_at, EditionCheckIn.id)
    )
    return [
        {
            "edition": slug,
            "action": check_in.action_id,
            "day": check_in.day_index + 1,
            "country": check_in.country,
            "at": check_in.created_at.isoformat() + "Z",
        }
        for slug, check_in in rows
    ]


def _membership(participant: Participant) -> dict | None:

    organisation = db.session.get(Organisation, participant.organisation_id or 0)
    if organisation is None:
        return None
    return {
        "organisation": organisation.name,
        "slug": organisation.slug,
        "joined_at": participant.joined_at.isoformat() + "Z",
        "name_shown_to_admins": participant.share_name_with_org,
    }


def _certificates(participant_id: int) -> list[dict]:
    rows = db.session.scalars(
        select(Certificate)
        .where(Certificate.participant_id == participant_id)
        .order_by(Certificate.issued_at, Certificate.id)
    )
    return [
        {
            "code": row.code,
            "for": f"{row.subject_kind}/{row.subject_slug}",
            "completed_on": row.completed_on.isoformat(),
            "name_printed": row.name,
            "language": row.locale,
            "issued_at": row.issued_at.isoformat() + "Z",
            "revoked": row.revoked,
        }
        for row in rows
    ]


def participation_export(participant: Participant | None) -> dict | None:
    if participant is None:
        return None
    return {
        "country": participant.country,
        "language": participant.locale,
        "display_name": participant.display_name,
        "show_display_name": participant.show_name,
        "since": participant.created_at.isoformat() + "Z",
        "membership": _membership(participant),
        "pledges": _rows(PledgeTaken, participant.id),
        "lessons_read": _rows(LessonCompletion, participant.id),
        "quiz_attempts": _attempts(participant.id),
        "edition_check_ins": _check_ins(participant.id),
        "certificates": _certificates(participant.id),
    }


def account_export(account) -> dict:
    """Everything about a signed-in account: the account itself and its participation."""
    return {
        "account": {
            "email": account.email,
            "email_verified": account.is_verified,
            "language": account.locale,
            "created_at": account.created_at.isoformat() + "Z",
            "staff_role": account.staff_role,
            "organisations_administered": [
                {"name": organisation.name, "slug": organisation.slug}
                for organisation in administered_by(account)
            ],
            "consents": [
                {
                    "purpose": consent.purpose,
                    "privacy_notice_version": consent.notice_version,
                    "given_at": consent.given_at.isoformat() + "Z",
                    "withdrawn_at": consent.withdrawn_at.isoformat() + "Z"
                    if consent.withdrawn_at
                    else None,
                }
                for consent in db.session.scalars(
                    select(Consent).where(Consent.account_id == account.id).order_by(Consent.id)
                )
            ],
        },
        "participation": participation_export(participant_of(account)),
    }
