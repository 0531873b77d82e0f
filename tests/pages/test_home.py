"""The home page's first screen: what the Challenge is, the current edition with one primary
button, and live totals that hide any figure below the privacy threshold."""

import re

import pytest
import time_machine

from challenge.content.operations import sync_tree
from tests.support.pledges import pledge

RUNNING = "quad-cyber-challenge-2023"


def primary_buttons(html: str) -> list[str]:
    return re.findall(r'<a class="button primary"[^>]*>[^<]*</a>', html)


def totals_list(html: str) -> str:
    found = re.search(r'<ul class="totals".*?</ul>', html, re.S)
    return found.group(0) if found else ""


def test_no_figure_is_shown_below_the_threshold(synced):
    synced.config["PRIVACY_MIN_GROUP"] = 3
    home = synced.test_client().get("/en/").text
    assert totals_list(home) == ""  # no "0 people"
    assert "0 people" not in home and "0 pledges" not in home and "0 countries" not in home
    for _ in range(2):
        pledge(synced.test_client())
    home = synced.test_client().get("/en/").text
    assert totals_list(home) == "" and "2 people" not in home
    pledge(synced.test_client())
    totals = totals_list(synced.test_client().get("/en/").text)
    assert "3 people taking part" in totals
    assert "3 pledges" in totals
    assert "1 country" in totals


def test_the_totals_speak_the_pages_language(synced):
    synced.config["PRIVACY_MIN_GROUP"] = 1
    pledge(synced.test_client())
    assert "1 व्यक्ति भाग ले रहा है" in totals_list(synced.test_client().get("/hi/").text)
    assert "1 人が参加中" in totals_list(synced.test_client().get("/ja/").text)


@pytest.mark.parametrize("locale", ["en", "hi", "ja"])
def test_with_no_edition_running_the_one_button_takes_the_pledge(synced, locale):
    with time_machine.travel("2026-12-07 10:00Z", tick=False):
        home = synced.test_client().get(f"/{locale}/").text
    buttons = primary_buttons(home)
    assert len(buttons) == 1 and f'href="/{locale}/pledges/"' in buttons[0]
    assert f'href="/{locale}/for-organisations"' in home
    # the next edition, with its start date
    assert f'href="/{locale}/editions/quad-cyber-challenge-2027"' in home


def test_a_running_edition_offers_todays_action(make_app, real_content_tree):
    app = make_app(DEMO_RUNNING_EDITION=RUNNING)
    with app.app_context():
        sync_tree(real_content_tree, "en")
    with time_machine.travel("2026-12-07 10:00Z", tick=False):
        home = app.test_client().get("/en/").text
    buttons = primary_buttons(home)
    assert len(buttons) == 1 and "Take today's action" in buttons[0]
    assert f'href="/en/editions/{RUNNING}#action-' in buttons[0]
    assert "Today's action" in home
    assert "December 6, 2026 to December 10, 2026" in home
