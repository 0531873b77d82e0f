"""Moderation of the names people choose: the policy (names.py), each name's review state
(models.py), moderators' decisions (operations.py) and the queue (queries.py). The staff console's
moderation pages (challenge/staff/moderation) are built on it."""

from flask import Flask


def init_app(app: Flask) -> None:
    from challenge.moderation.names import shared_name

    # For members and link holders: an organisation's name unless moderators hid it.
    app.jinja_env.globals["shown_organisation_name"] = shared_name
