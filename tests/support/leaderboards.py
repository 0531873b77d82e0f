"""Leaderboard rows for tests: participants counted by country and organisations with tallies."""

import datetime as dt

from challenge.clock import utcnow
from challenge.extensions import db
from challenge.participation import tallies
from tests.support.factories import OrganisationFactory

TODAY = dt.datetime.now(dt.UTC).date()


def take_part(country, people, *, pledges=0, lessons=0, day=TODAY):
    """Count `people` participants of `country`, each with some actions, on `day`."""
    for _ in range(people):
        tallies.count_participant(country, day)
        for n in range(pledges):
            tallies.count_action("pledge", country, f"pledge:{n}", day)
        for n in range(lessons):
            tallies.count_action("lesson", country, f"lesson:{n}", day)
    db.session.commit()


def organisation(
    slug,
    *,
    headcount,
    members,
    points_each=10,
    verified=True,
    country="IN",
    sector="business",
    day=TODAY,
):
    org = OrganisationFactory(
        slug=slug,
        country=country,
        sector=sector,
        headcount=headcount,
        verified_at=utcnow() if verified else None,
    )
    changes = {
        ("participants", scope): members
        for scope in tallies.scopes_for(country, organisation_id=org.id)
    }
    changes[("points", f"org:{org.id}")] = members * points_each
    tallies.bump(changes, day)
    db.session.commit()
    return org
