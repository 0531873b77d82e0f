"""Shared test helpers (moved out of test modules, which never import each other)."""

from sqlalchemy import func, select

from challenge.extensions import db
from tests.factories import submit
from tests.support.tallies import fold_pending

MFA = "/en/pledges/turn-on-mfa"
ADULT = "18-or-over"


def pledge(client, url=MFA, page=None, **data):
    """Take a pledge through its form, a display name with an adult's age band unless one is
    given (a visitor without an account is asked their age before a name is kept); then the job
    worker's fold, so the public counts have it (tests of the write-behind post the form
    without this helper)."""
    if data.get("display_name") and "age_band" not in data:
        data["age_band"] = ADULT
    answer = submit(client, url, {"country": "IN", **data}, page=page)
    fold_pending(client.application)
    return answer


def count_rows(app, model):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))
