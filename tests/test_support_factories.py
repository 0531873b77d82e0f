"""The factories in tests/support/factories.py make rows the database accepts, linked as the site
links them, so tests that use them start from a state the site could have reached."""

from sqlalchemy import func, select

from challenge.extensions import db
from challenge.participation.models import Participant
from tests.support.factories import (
    AccountFactory,
    LessonCompletionFactory,
    OrganisationAdminFactory,
    ParticipantFactory,
    PledgeTakenFactory,
    QuizAttemptFactory,
)


def test_each_factory_commits_a_linked_row(app):
    with app.app_context():
        admin = OrganisationAdminFactory()
        participant = ParticipantFactory(country="IN")
        pledge = PledgeTakenFactory(participant_id=participant.id)
        lesson = LessonCompletionFactory(participant_id=participant.id)
        attempt = QuizAttemptFactory(participant_id=participant.id, score=3)
        made = {pledge.country, lesson.country, attempt.country}, attempt.percent, attempt.passed
        linked = admin.organisation_id and admin.account_id
        db.session.remove()  # a fresh session sees only what was committed
        assert db.session.scalar(select(func.count()).select_from(Participant)) == 1
        assert made == ({"IN"}, 60, False)
        assert linked


def test_accounts_get_distinct_addresses(app):
    with app.app_context():
        first, second = AccountFactory(), AccountFactory()
        assert first.email != second.email and first.is_verified
