"""The same check-in sent from several tabs at once: never a 500, one row. On PostgreSQL, where
requests really run side by side (SQLite writes one at a time)."""

import pytest
import time_machine

from tests.support.concurrent import post_at_once, same_browser
from tests.support.editions import DAY_3, action_url, check_ins

TABS = 4


@pytest.fixture
def racing(edition_app, request):
    if request.config.getoption("--db") != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite runs one write at a time, so nothing races")
    return edition_app


def test_one_check_in_from_several_tabs_at_once_is_one_row(racing):
    client = racing.test_client()
    headers = {"Origin": racing.config["PUBLIC_URL"]}
    with time_machine.travel(DAY_3, tick=False):
        client.post(action_url("tell-a-friend"), data={"country": "IN"}, headers=headers)
        responses = post_at_once(
            same_browser(client, TABS), action_url("update-phone"), [], headers=headers
        )
    assert [response.status_code for response in responses] == [303] * TABS
    assert sorted(action for _, action, _ in check_ins(racing)) == ["tell-a-friend", "update-phone"]
