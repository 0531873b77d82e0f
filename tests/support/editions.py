"""Shared helpers for the editions tests: the fixture tree and its edition."""

from pathlib import Path

import factory
from sqlalchemy import func, select

from challenge.clock import utcnow
from challenge.content.loader import load_tree
from challenge.content.models import ContentItem
from challenge.content.operations import sync_tree
from challenge.editions.models import EditionCheckIn
from challenge.extensions import db
from challenge.moderation.models import OrganisationNameReview
from tests.support.factories import Factory, OrganisationFactory, ParticipantFactory

FIXTURE = Path(__file__).parents[1] / "fixtures" / "edition-content"
EDITION = "/en/editions/test-week"
# Asia/Tokyo is the default window (4-6 March 2024); the us window is 11-13 March in New York.
DAY_1 = "2024-03-04 03:00Z"  # noon in Tokyo
DAY_2 = "2024-03-05 03:00Z"
DAY_3 = "2024-03-06 03:00Z"
AFTER = "2024-03-07 03:00Z"
BEFORE = "2024-03-03 03:00Z"


# A five-day edition `five-days` (2-6 June 2025 in Kolkata, 9-13 June in New York for `us`),
# for the journey test: a lesson, a quiz and a pledge among its tasks.
JOURNEY = FIXTURE.parent / "journey-content"


def sync_fixture(app, folder: Path = FIXTURE) -> None:
    with app.app_context():
        tree = load_tree(folder, ("en", "hi", "ja"), "en")
        assert not tree.errors, tree.errors
        sync_tree(tree, "en")


def action_url(action_id: str, locale: str = "en") -> str:
    return f"/{locale}/editions/test-week/actions/{action_id}"


def check_ins(app, **filters) -> list[tuple]:
    with app.app_context():
        query = select(
            EditionCheckIn.participant_id, EditionCheckIn.action_id, EditionCheckIn.day_index
        ).order_by(EditionCheckIn.id)
        for name, value in filters.items():
            query = query.where(getattr(EditionCheckIn, name) == value)
        return list(db.session.execute(query))


def check_in_count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(EditionCheckIn))


class EditionCheckInFactory(Factory):
    """A check-in of a new participant (from the participant's country) unless one is given:
    EditionCheckInFactory(item_id=..., action_id="tell-a-friend", day_index=0)."""

    class Meta:
        model = EditionCheckIn

    participant_id = factory.LazyFunction(lambda: ParticipantFactory().id)
    via = "task"
    country = "JP"


def edition_item_id(app, slug: str = "test-week") -> int:
    with app.app_context():
        return db.session.scalar(
            select(ContentItem.id).where(ContentItem.kind == "edition", ContentItem.slug == slug)
        )


# The fixture edition's days and their actions (day 2 needs only the quiz).
DAYS = (("tell-a-friend", "read-lesson"), ("pass-quiz",), ("take-pledge", "update-phone"))


def participant_ids(app, count: int, country: str | None = "JP") -> list[int]:
    with app.app_context():
        return [ParticipantFactory(country=country).id for _ in range(count)]


def finish_days(app, participant_id: int, days, country: str = "JP") -> None:
    """Check `participant_id` in on every action of each day (0-based) in `days`."""
    item_id = edition_item_id(app)
    with app.app_context():
        for index in days:
            for action_id in DAYS[index]:
                EditionCheckInFactory(
                    participant_id=participant_id,
                    item_id=item_id,
                    action_id=action_id,
                    day_index=index,
                    country=country,
                )


def rebuild_tallies(app) -> None:
    """The tallies recounted from the rows (check-ins made by factory count nowhere until then)."""
    from challenge.participation.reconcile import rebuild

    with app.app_context():
        rebuild()


def tally_drift(app) -> list:
    """[(key, stored, recounted)] wherever the tallies disagree with the rows."""
    from challenge.participation.reconcile import drift

    with app.app_context():
        return drift()


def people_in(app, count: int, country: str, *, finished: bool, organisation_id=None) -> None:
    """`count` new participants from `country` who checked in on day 1; `finished`: on day 2 too
    (the fixture edition needs two full days)."""
    with app.app_context():
        ids = [
            ParticipantFactory(
                country=country,
                organisation_id=organisation_id,
                joined_at=utcnow() if organisation_id else None,
            ).id
            for _ in range(count)
        ]
    for id_ in ids:
        finish_days(app, id_, (0, 1) if finished else (0,), country=country)


def listed_organisation(app, name: str) -> int:
    """A verified organisation whose name moderators approved (shown on public pages); its id."""
    with app.app_context():
        organisation = OrganisationFactory(name=name)
        db.session.flush()
        review = db.session.get(OrganisationNameReview, organisation.id)
        if review is None:
            review = OrganisationNameReview(organisation_id=organisation.id)
            db.session.add(review)
        review.state = "approved"
        db.session.commit()
        return organisation.id
