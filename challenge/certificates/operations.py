"""Issuing and revoking certificates.

`issue` joins the caller's transaction (a feature issues a certificate in the same commit as the
step that finished its subject); `revoke` is a staff action and commits with its audit entry.
"""

import datetime as dt

from flask import current_app
from sqlalchemy import delete, select, update

from challenge import audit
from challenge.accounts import consents
from challenge.certificates.codes import new_code
from challenge.certificates.models import Certificate, new_salt
from challenge.certificates.queries import by_code
from challenge.certificates.reasons import REASONS
from challenge.certificates.registry import DESCRIBERS
from challenge.clock import utcnow
from challenge.conflicts import insert_unless_present
from challenge.extensions import db
from challenge.participation.models import Participant
from challenge.participation.registry import forgetter, merger

NAME_LENGTH = 80


class UnknownCertificate(LookupError):
    pass


def printable_name(name: str | None) -> str | None:
    """The name as it will be printed: trimmed, control characters dropped; None when empty."""
    if name is None:
        return None
    cleaned = "".join(char for char in name if char.isprintable()).strip()
    return cleaned[:NAME_LENGTH] or None


def issue(
    participant: Participant,
    kind: str,
    slug: str,
    completed_on: dt.date,
    *,
    name: str | None = None,
    locale: str,
) -> Certificate:
    """The participant's certificate for the subject, made now unless they already have one (then
    that one, unchanged: a repeat or a concurrent twin never makes a second code)."""
    if kind not in DESCRIBERS:
        raise ValueError(f"no subject kind {kind!r} is registered")
    if locale not in current_app.config["LOCALES"]:
        raise ValueError(f"{locale!r} is not a configured locale")
    insert_unless_present(
        Certificate.__table__,
        {
            "code": new_code(),
            "participant_id": participant.id,
            "subject_kind": kind,
            "subject_slug": slug,
            "completed_on": completed_on,
            "name": printable_name(name),
            "locale": locale,
            "issued_at": utcnow(),
            "badge_salt": new_salt(),
        },
        ["participant_id", "subject_kind", "subject_slug"],
    )
    return db.session.scalars(
        select(Certificate).where(
            Certificate.participant_id == participant.id,
            Certificate.subject_kind == kind,
            Certificate.subject_slug == slug,
        )
    ).one()


def revoke(code: str, reason: str, actor) -> Certificate:
    """Revoke the certificate with `code` for `reason` (a key of REASONS), recorded in the audit
    log in the same commit. Revoking a revoked certificate changes nothing and records nothing."""
    if reason not in REASONS:
        raise ValueError(f"{reason!r} is not a revocation reason")
    certificate = by_code(code)
    if certificate is None:
        raise UnknownCertificate(code)
    if certificate.revoked:
        return certificate
    certificate.revoked_at = utcnow()
    certificate.revoke_reason = reason
    certificate.revoked_by_id = getattr(actor, "id", None)
    audit.record(
        "certificate.revoke",
        f"{certificate.subject_kind}/{certificate.subject_slug}:{certificate.code}",
        before={"revoked": False},
        after={"revoked": True, "reason": reason},
        actor=actor,
    )
    db.session.commit()
    return certificate


def set_name(certificate: Certificate, name: str | None) -> Certificate:
    """Print `name` on the certificate (None: print no name); the caller decided the holder may
    give one (challenge/editions/certificate_name.py asks their age) and commits. The code and
    everything else the certificate says stay as they are."""
    if certificate.revoked:
        raise ValueError("a revoked certificate prints no name")
    certificate.name = printable_name(name)
    db.session.flush()
    return certificate


def erase_names_of_account(account_id: int) -> None:
    """Print no name on the certificates of the account's participant."""
    participant_ids = select(Participant.id).where(Participant.account_id == account_id)
    db.session.execute(
        update(Certificate).where(Certificate.participant_id.in_(participant_ids)).values(name=None)
    )


@consents.on_withdrawal(consents.CERTIFICATE_NAME)
def stop_printing_names(account) -> None:
    """Withdrawn on the account page: the certificates print no name from now on."""
    erase_names_of_account(account.id)


@consents.on_withdrawal(consents.PARENTAL)
def stop_printing_a_childs_name(account) -> None:
    """A guardian's consent withdrawn: a child's name was printed only under it."""
    erase_names_of_account(account.id)


@merger
def merge_certificates(anonymous: Participant, into: Participant) -> None:
    """Move a browser's certificates to the account's participant. Where both hold one for the
    same subject the one issued first stays (it is the one most likely shared already)."""
    theirs = {
        (row.subject_kind, row.subject_slug): row
        for row in db.session.scalars(
            select(Certificate).where(Certificate.participant_id == into.id)
        )
    }
    moving = db.session.scalars(
        select(Certificate).where(Certificate.participant_id == anonymous.id)
    ).all()
    for certificate in moving:
        twin = theirs.get((certificate.subject_kind, certificate.subject_slug))
        if twin is not None and twin.issued_at <= certificate.issued_at:
            db.session.execute(delete(Certificate).where(Certificate.id == certificate.id))
            continue
        if twin is not None:
            db.session.execute(delete(Certificate).where(Certificate.id == twin.id))
        db.session.flush()
        certificate.participant_id = into.id
    db.session.flush()


@forgetter
def forget_names(participant_id: int) -> None:
    """A deleted account's certificates stay valid, but no longer print the person's name."""
    db.session.execute(
        update(Certificate).where(Certificate.participant_id == participant_id).values(name=None)
    )
