"""Issuing is idempotent; revoking is audited in the same commit; merging keeps one per subject."""

import datetime as dt

import pytest
from sqlalchemy import func, select

from challenge.audit.models import AuditEntry
from challenge.certificates import operations
from challenge.certificates.models import Certificate
from challenge.extensions import db
from challenge.participation.models import Participant
from challenge.participation.operations import merge
from tests.support import certificates
from tests.support.certificates import KIND, SLUG


def new_participant(locale="en") -> Participant:
    participant = Participant(locale=locale, country="JP")
    db.session.add(participant)
    db.session.flush()
    return participant


def count() -> int:
    return db.session.scalar(select(func.count()).select_from(Certificate))


def test_issuing_twice_gives_the_same_certificate_unchanged(app):
    with app.app_context():
        participant = new_participant()
        first = operations.issue(
            participant, KIND, SLUG, dt.date(2023, 4, 14), name="Ada", locale="en"
        )
        again = operations.issue(
            participant, KIND, SLUG, dt.date(2023, 4, 20), name="Someone else", locale="ja"
        )
        db.session.commit()
        assert again.id == first.id and again.code == first.code
        assert (again.completed_on, again.name, again.locale) == (dt.date(2023, 4, 14), "Ada", "en")
        assert count() == 1


def test_each_participant_and_subject_has_its_own_code(app):
    with app.app_context():
        one, two = new_participant(), new_participant()
        codes = {
            operations.issue(one, KIND, SLUG, dt.date(2023, 4, 14), locale="en").code,
            operations.issue(two, KIND, SLUG, dt.date(2023, 4, 14), locale="en").code,
            operations.issue(one, KIND, "another", dt.date(2023, 4, 14), locale="en").code,
        }
        assert len(codes) == 3


def test_the_name_is_printed_only_when_given_and_cleaned(app):
    with app.app_context():
        given = operations.issue(
            new_participant(),
            KIND,
            SLUG,
            dt.date(2023, 4, 14),
            name="  Ada\x00\u202e ",
            locale="en",
        )
        blank = operations.issue(
            new_participant(), KIND, SLUG, dt.date(2023, 4, 14), name="   ", locale="en"
        )
        none = operations.issue(new_participant(), KIND, SLUG, dt.date(2023, 4, 14), locale="en")
        long = operations.issue(
            new_participant(), KIND, SLUG, dt.date(2023, 4, 14), name="x" * 500, locale="en"
        )
        assert given.name == "Ada"
        assert blank.name is None and none.name is None
        assert len(long.name) == operations.NAME_LENGTH


def test_only_registered_kinds_and_configured_locales(app):
    with app.app_context():
        participant = new_participant()
        with pytest.raises(ValueError, match="kind"):
            operations.issue(participant, "nothing-registered", SLUG, dt.date.today(), locale="en")
        with pytest.raises(ValueError, match="locale"):
            operations.issue(participant, KIND, SLUG, dt.date.today(), locale="fr")


def test_revoking_records_who_why_and_when_in_the_audit_log(app):
    code = certificates.issue(app)
    certificates.revoke(app, code, "rules_broken")
    revoked = certificates.certificate(app, code)
    assert revoked.revoked and revoked.revoke_reason == "rules_broken"
    with app.app_context():
        entries = db.session.scalars(select(AuditEntry)).all()
        assert [(e.action, e.actor, e.after["reason"]) for e in entries] == [
            ("certificate.revoke", "command line", "rules_broken")
        ]
        assert code in entries[0].target


def test_revoking_again_changes_and_records_nothing(app):
    code = certificates.issue(app)
    certificates.revoke(app, code, "rules_broken")
    first = certificates.certificate(app, code).revoked_at
    certificates.revoke(app, code, "replaced")
    again = certificates.certificate(app, code)
    assert (again.revoked_at, again.revoke_reason) == (first, "rules_broken")
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(AuditEntry)) == 1


def test_a_reason_off_the_list_or_an_unknown_code_is_refused(app):
    code = certificates.issue(app)
    with app.app_context():
        with pytest.raises(ValueError):
            operations.revoke(code, "because I said so", None)
        with pytest.raises(operations.UnknownCertificate):
            operations.revoke("QCC-0000-0000-0000-0000", "replaced", None)
        assert db.session.scalar(select(func.count()).select_from(AuditEntry)) == 0
    assert not certificates.certificate(app, code).revoked


def test_no_revocation_stands_without_its_audit_entry(app, monkeypatch):
    code = certificates.issue(app)

    def broken_log(*args, **kwargs):
        raise RuntimeError("the audit log is unavailable")

    monkeypatch.setattr(operations.audit, "record", broken_log)
    with app.app_context():
        with pytest.raises(RuntimeError):
            operations.revoke(code, "replaced", None)
        db.session.rollback()
    assert not certificates.certificate(app, code).revoked


def test_merging_moves_certificates_and_keeps_the_first_issued_of_twins(app):
    with app.app_context():
        browser, account_side = new_participant(), new_participant()
        older = operations.issue(browser, KIND, SLUG, dt.date(2023, 4, 14), locale="en")
        older.issued_at -= dt.timedelta(days=1)
        newer = operations.issue(account_side, KIND, SLUG, dt.date(2023, 4, 14), locale="en")
        only_browser = operations.issue(browser, KIND, "another", dt.date(2023, 4, 14), locale="en")
        older_code, newer_code, only_code = older.code, newer.code, only_browser.code
        db.session.commit()
        merge(browser, account_side)
        db.session.commit()
        held = {
            row.code: row.participant_id for row in db.session.scalars(select(Certificate)).all()
        }
        assert held == {older_code: account_side.id, only_code: account_side.id}
        assert newer_code not in held


def test_concurrent_issues_make_one_certificate(app):
    """Two workers finishing the same subject for one participant at once: one code, no error."""
    import threading
    from concurrent.futures import ThreadPoolExecutor

    with app.app_context():
        participant_id = new_participant().id
        db.session.commit()
    barrier = threading.Barrier(4)

    def issue_one(_):
        with app.app_context():
            participant = db.session.get(Participant, participant_id)
            barrier.wait(timeout=30)
            code = operations.issue(participant, KIND, SLUG, dt.date(2023, 4, 14), locale="en").code
            db.session.commit()
            return code

    with ThreadPoolExecutor(max_workers=4) as pool:
        codes = set(pool.map(issue_one, range(4)))
    assert len(codes) == 1
    with app.app_context():
        assert count() == 1
