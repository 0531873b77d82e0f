"""Shared test helpers (moved out of test modules, which never import each other)."""

from sqlalchemy import func, select

from challenge.extensions import db
from tests.factories import submit

MFA = "/en/pledges/turn-on-mfa"


def pledge(client, url=MFA, page=None, **data):
    return submit(client, url, {"country": "IN", **data}, page=page)


def count_rows(app, model):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))
