"""One edition's leaderboards: countries and organisations from the edition tallies, held back
below the privacy threshold so that no difference of shown figures isolates a few people."""

import time_machine

from challenge.editions.leaderboard import standings
from tests.support.editions import (
    DAY_1,
    DAY_2,
    EDITION,
    action_url,
    edition_item_id,
    listed_organisation,
    people_in,
    rebuild_tallies,
    tally_drift,
)


def test_check_ins_through_the_form_keep_the_edition_tallies_exact(edition_app):
    with time_machine.travel(DAY_1, tick=False):
        for country in ("IN", "IN", "JP"):
            client = edition_app.test_client()
            assert (
                client.post(action_url("tell-a-friend"), data={"country": country}).status_code
                == 303
            )
            client.post(action_url("tell-a-friend"), data={"country": country})  # a replay
    assert tally_drift(edition_app) == []
    item_id = edition_item_id(edition_app)
    with edition_app.app_context():
        board = standings(item_id, 1)
    assert board.participants == 3 and board.completions is None  # nobody finished: 0 < k
    assert [(group.key, group.participants) for group in board.countries] == [("IN", 2), ("JP", 1)]


def test_a_country_below_the_threshold_is_held_back_with_the_smallest_shown_one(edition_app):
    people_in(edition_app, 3, "JP", finished=True)
    people_in(edition_app, 1, "JP", finished=False)
    people_in(edition_app, 3, "IN", finished=False)
    people_in(edition_app, 1, "AU", finished=False)
    rebuild_tallies(edition_app)
    with edition_app.app_context():
        board = standings(edition_item_id(edition_app), 3)
    # AU (1) is under 3; the 1 left over would give it away, so IN (3) is held back with it.
    assert [(group.key, group.participants, group.rate) for group in board.countries] == [
        ("JP", 4, 75)
    ]
    assert board.other_countries == 4
    assert board.participants == 8 and board.participants - 4 == board.other_countries


def test_completions_are_held_back_when_the_rest_would_give_a_few_finishers_away(edition_app):
    people_in(edition_app, 5, "JP", finished=True)
    people_in(edition_app, 5, "IN", finished=False)
    people_in(edition_app, 1, "IN", finished=True)
    rebuild_tallies(edition_app)
    with edition_app.app_context():
        board = standings(edition_item_id(edition_app), 3)
    rates = {group.key: (group.completions, group.rate) for group in board.countries}
    # 6 finished: JP's 5 shown would leave India's 1 finisher as the difference.
    assert rates == {"JP": (None, None), "IN": (None, None)}
    assert board.completions == 6


def test_only_verified_organisations_with_approved_names_are_listed(edition_app):
    listed = listed_organisation(edition_app, "Listed Works")
    people_in(edition_app, 3, "JP", finished=True, organisation_id=listed)
    people_in(edition_app, 3, "JP", finished=False)
    rebuild_tallies(edition_app)
    with edition_app.app_context():
        board = standings(edition_item_id(edition_app), 3)
    assert [(group.name, group.participants, group.rate) for group in board.organisations] == [
        ("Listed Works", 3, 100)
    ]
    assert board.other_organisations == 3


def test_the_edition_page_shows_its_standings_in_the_readers_language(edition_app):
    edition_app.config["PRIVACY_MIN_GROUP"] = 3
    people_in(edition_app, 4, "JP", finished=True)
    rebuild_tallies(edition_app)
    with time_machine.travel(DAY_2, tick=False):
        english = edition_app.test_client().get(EDITION).text
        japanese = edition_app.test_client().get("/ja/editions/test-week").text
    assert "Standings" in english and "Japan" in english and "100%" in english
    assert "日本" in japanese and "Final results" not in english


def test_joining_an_organisation_brings_the_members_editions_with_them(edition_app):
    from challenge.extensions import db
    from challenge.participation.models import Participant
    from challenge.participation.operations import set_organisation

    listed = listed_organisation(edition_app, "Joined Later")
    people_in(edition_app, 3, "JP", finished=True)
    rebuild_tallies(edition_app)
    with edition_app.app_context():
        for participant in db.session.query(Participant).all():
            set_organisation(participant, listed)
        db.session.commit()
    assert tally_drift(edition_app) == []
    with edition_app.app_context():
        board = standings(edition_item_id(edition_app), 3)
    assert [(group.name, group.participants) for group in board.organisations] == [
        ("Joined Later", 3)
    ]
