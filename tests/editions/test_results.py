"""Final results: once every window of an edition has ended, the periodic job freezes its
standings once, and the page shows that record whatever happens to the tallies afterwards."""

import datetime as dt

import pytest
import time_machine
from sqlalchemy import func, select

from challenge.editions.models import EditionResult
from challenge.extensions import db
from tests.support.editions import EDITION, people_in, rebuild_tallies, sync_fixture
from tests.support.jobs import queued_settings, run_periodic

# Tokyo's window ends on 6 March, but New York's runs 11-13 March 2024.
TOKYO_OVER = dt.datetime(2024, 3, 7, 3, 0)
ALL_OVER = dt.datetime(2024, 3, 14, 6, 0)  # 02:00 on the 14th in New York
LATER = dt.datetime(2024, 3, 20, 6, 0)


@pytest.fixture
def queued_app(make_app, tmp_path):
    app = make_app(**queued_settings(tmp_path), PRIVACY_MIN_GROUP=3)
    sync_fixture(app)
    return app


def results(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(EditionResult))


def page_at(app, at: dt.datetime) -> str:
    with time_machine.travel(at.replace(tzinfo=dt.UTC), tick=False):
        return app.test_client().get(EDITION).text


def standings_of(page: str) -> str:
    start = page.index('id="standings"')
    return page[start : page.index("</section>", start)]


def test_the_results_freeze_once_when_the_last_window_has_ended(queued_app):
    people_in(queued_app, 4, "JP", finished=True)
    rebuild_tallies(queued_app)
    assert run_periodic(queued_app, "freeze-edition-results", TOKYO_OVER) == "0 frozen"
    live = page_at(queued_app, TOKYO_OVER)
    assert "Standings" in live and "Final results" not in live
    assert run_periodic(queued_app, "freeze-edition-results", ALL_OVER) == "1 frozen"
    assert run_periodic(queued_app, "freeze-edition-results", LATER) == "0 frozen"  # safe twice
    assert results(queued_app) == 1
    final = page_at(queued_app, LATER)
    assert "Final results" in final and "100%" in final and "Japan" in final


def test_the_final_results_never_change_afterwards(queued_app):
    people_in(queued_app, 4, "JP", finished=True)
    rebuild_tallies(queued_app)
    run_periodic(queued_app, "freeze-edition-results", ALL_OVER)
    before = standings_of(page_at(queued_app, LATER))
    # Late rows (a merge, a repair, a recount) and a new threshold move the tallies, not the record.
    people_in(queued_app, 6, "IN", finished=False)
    rebuild_tallies(queued_app)
    queued_app.config["PRIVACY_MIN_GROUP"] = 100
    after = standings_of(page_at(queued_app, LATER))
    assert "India" not in after and "Final results" in after and "Japan" in after
    assert before == after
