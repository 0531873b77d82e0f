"""The end of the journey on a fresh install: a demo participant who has done every action of an
edition, and the certificate that earned them, so a newcomer can open its verification page."""

from flask import current_app

from challenge.certificates import qr
from challenge.clock import utcnow
from challenge.editions import hooks, queries, standing
from challenge.editions import tallies as edition_tallies
from challenge.editions.certificates import certificate_of
from challenge.editions.models import EditionCheckIn
from challenge.extensions import db
from challenge.participation import tallies
from challenge.participation.models import Participant

DEMO_COUNTRY = "au"


def demo_edition_slug() -> str | None:
    """The running demo edition (DEMO_RUNNING_EDITION), else the first published edition."""
    configured = current_app.config.get("DEMO_RUNNING_EDITION")
    if configured:
        return configured
    published = queries.editions("en")
    return published[0].slug if published else None


def finish_an_edition() -> str | None:
    """A new demo participant with every action of the demo edition done and its certificate;
    returns the certificate's verification address, or None when there is no edition. Commits."""
    slug = demo_edition_slug()
    entry = queries.edition(slug, "en") if slug else None
    if entry is None:
        return None
    participant = Participant(country=DEMO_COUNTRY, locale="en")
    db.session.add(participant)
    db.session.flush()
    tallies.count_participant(DEMO_COUNTRY, participant.created_at.date())
    now = utcnow()
    for day in entry.days:
        for action in day.actions:
            db.session.add(
                EditionCheckIn(
                    participant_id=participant.id,
                    item_id=entry.item_id,
                    action_id=action.id,
                    day_index=day.index,
                    via=action.kind,
                    country=DEMO_COUNTRY,
                    created_at=now,
                )
            )
    db.session.flush()
    rows = edition_tallies.rows_of(participant.id, entry.item_id)
    edition_tallies.bump_difference(
        [], edition_tallies.share(entry.plan, entry.item_id, rows, None)
    )
    completion = standing.completion(participant, entry)
    if completion is None:
        db.session.rollback()
        return None
    hooks.completed(participant, completion)
    code = certificate_of(participant, slug).code
    db.session.commit()
    return qr.verify_url(code)
