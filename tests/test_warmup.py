"""The warm-up gunicorn runs before forking its workers: every public page type in every locale,
and nothing written."""

import re

from sqlalchemy import func, select

from challenge.extensions import db
from challenge.participation.models import Participant
from challenge.warmup import warm_up


def test_every_page_type_in_every_locale_answers_and_nothing_is_written(synced):
    line = warm_up(synced)
    pages = int(re.search(r"on (\d+) pages", line).group(1))
    locales = len(synced.config["LOCALES"])
    assert pages == 2 + locales * (8 + 4)  # the API, then per locale the lists and one of each kind
    assert line.endswith("(0 not 200)")
    with synced.app_context():
        assert db.session.scalar(select(func.count()).select_from(Participant)) == 0


def test_a_database_that_is_not_ready_does_not_stop_the_server(make_app):
    app = make_app(DATABASE_URL="sqlite:////nonexistent/folder/challenge.db")
    assert warm_up(app).startswith("Could not warm up (")
