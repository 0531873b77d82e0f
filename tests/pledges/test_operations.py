"""take_pledge under a race: the same participant's second request, sent before the first
committed, finds no pledge, then meets the first one's row in the database."""

from sqlalchemy import select

from challenge.extensions import db
from challenge.participation.models import Participant
from challenge.pledges import operations
from tests.factories import form_token
from tests.support.pledges import MFA, count_rows
from tests.support.tallies import recount, stored


def test_the_request_that_lost_the_race_records_nothing_and_fails_nothing(synced, monkeypatch):
    client = synced.test_client()
    form = {**form_token(client.get(MFA).text), "country": "IN"}  # one page, two sends
    assert client.post(MFA, data=form).status_code == 302
    looked, real = [], operations.taken

    def not_yet_committed_at_first(*args):
        looked.append(args)
        return len(looked) > 1 and real(*args)

    monkeypatch.setattr(operations, "taken", not_yet_committed_at_first)
    again = client.post(MFA, data=form)
    assert again.status_code == 200 and "already" in again.text  # not a 500
    assert len(looked) == 1  # before the insert, which itself met the other row and did nothing
    monkeypatch.undo()
    with synced.app_context():
        assert count_rows(synced, operations.PledgeTaken) == 1
        assert recount() == stored()


def test_a_new_participant_is_attached_to_the_session_without_another_read(synced):
    """The participant inserted by one statement is the request's participant, fully loaded."""
    with synced.test_request_context(MFA, method="POST"):
        from challenge.content.queries import published_item

        item = published_item("pledge", "turn-on-mfa", "en").item
        assert operations.take_pledge(
            item, country="JP", locale="en", display_name="Aiko", show_name=True
        )
        participant = db.session.scalar(select(Participant))
        assert (participant.country, participant.display_name, participant.show_name) == (
            "JP",
            "Aiko",
            True,
        )
        assert recount() == stored()
