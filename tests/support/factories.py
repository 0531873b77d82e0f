"""factory_boy factories for database rows, for tests that need rows without going through the
site's forms. Every factory commits (sqlalchemy_session_persistence="commit") into the
Flask-SQLAlchemy session, so call them inside an app context:

    with app.app_context():
        organisation = OrganisationFactory(slug="acme", verified_at=None)
"""

import factory
from factory.alchemy import SQLAlchemyModelFactory

from challenge.accounts.models import Account
from challenge.clock import utcnow
from challenge.content.models import ContentItem
from challenge.extensions import db
from challenge.lessons.models import LessonCompletion
from challenge.participation.models import Participant
from challenge.participation.organisations import Organisation, OrganisationAdmin
from challenge.pledges.models import PledgeTaken
from challenge.quizzes.models import QuizAttempt


class Factory(SQLAlchemyModelFactory):
    class Meta:
        abstract = True
        sqlalchemy_session_factory = lambda: db.session  # noqa: E731 (the app context's session)
        sqlalchemy_session_persistence = "commit"


class AccountFactory(Factory):
    """An account with a confirmed address that never logs in (no real password hash)."""

    class Meta:
        model = Account

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    password_hash = "not-a-hash"
    locale = "en"
    email_verified_at = factory.LazyFunction(utcnow)
    staff_role = None
    staff_locales = factory.LazyFunction(list)


class OrganisationFactory(Factory):
    """A verified organisation; `verified_at=None` for one waiting for review."""

    class Meta:
        model = Organisation

    slug = factory.Sequence(lambda n: f"organisation-{n}")
    name = factory.LazyAttribute(lambda o: o.slug.replace("-", " ").title())
    country = "IN"
    sector = "business"
    headcount = 40
    verified_at = factory.LazyFunction(utcnow)


class OrganisationAdminFactory(Factory):
    class Meta:
        model = OrganisationAdmin

    organisation_id = factory.LazyFunction(lambda: OrganisationFactory().id)
    account_id = factory.LazyFunction(lambda: AccountFactory().id)


class ParticipantFactory(Factory):
    class Meta:
        model = Participant

    country = "JP"
    locale = "en"


class ContentItemFactory(Factory):
    class Meta:
        model = ContentItem

    kind = "pledge"
    slug = factory.Sequence(lambda n: f"item-{n}")


class RecordFactory(Factory):
    """A once-per-item action of a participant (the participant's country and locale)."""

    class Meta:
        abstract = True

    participant_id = factory.LazyFunction(lambda: ParticipantFactory().id)
    country = factory.LazyAttribute(lambda r: db.session.get(Participant, r.participant_id).country)
    locale = "en"


class PledgeTakenFactory(RecordFactory):
    class Meta:
        model = PledgeTaken

    item_id = factory.LazyFunction(lambda: ContentItemFactory(kind="pledge").id)


class LessonCompletionFactory(RecordFactory):
    class Meta:
        model = LessonCompletion

    item_id = factory.LazyFunction(lambda: ContentItemFactory(kind="lesson").id)


class QuizAttemptFactory(RecordFactory):
    """A passed attempt, all answers right (`answers` empty unless given)."""

    class Meta:
        model = QuizAttempt

    item_id = factory.LazyFunction(lambda: ContentItemFactory(kind="quiz").id)
    nonce = factory.Sequence(lambda n: f"nonce-{n:026d}")
    answers = factory.LazyFunction(dict)
    score = 5
    max_score = 5
    percent = factory.LazyAttribute(lambda a: 100 * a.score // a.max_score)
    passed = factory.LazyAttribute(lambda a: a.percent >= 80)
    first_pass = False
