"""A participant without an account erasing what the site holds about them, from their page.

As when an account is deleted (operations.forget_account), the campaign's anonymous counts stay:
the rows behind them (pledges, lessons, quiz attempts, check-ins) are kept but can no longer be
linked to anyone. What names or singles out the person is erased: the display name and the
consents to show it, the daily origin hash, each feature's own personal fields (the registry's
forgetters: a certificate's printed name), and the token that tied the rows to the browser's
cookie, replaced by a random one nobody holds. The audit log records that it happened, with no
participant id, token or anything else that points back to the person.
"""

from sqlalchemy import update

from challenge import audit
from challenge.extensions import db
from challenge.participation.identity import bind_to_browser
from challenge.participation.models import Participant, new_token
from challenge.participation.registry import FORGETTERS

ACTION = "participant.erase"


class NotErasable(Exception):
    """An account's participation: erased by deleting the account, which asks for its password."""


def erase_browser_participant(participant: Participant) -> None:
    """Unlink this browser's participant from everything it did, audit it, commit, and have the
    response clear the cookie."""
    if participant.account_id is not None:
        raise NotErasable
    for forget in FORGETTERS:
        forget(participant.id)
    db.session.execute(
        update(Participant)
        .where(Participant.id == participant.id)
        .values(
            display_name=None,
            show_name=False,
            share_name_with_org=False,
            origin=None,
            token=new_token(),
        )
    )
    audit.record(ACTION, "a participant without an account", actor=audit.SELF_SERVICE)
    db.session.commit()
    bind_to_browser(None)
