"""Help channels as content: their format, translations that cannot drift from the source, and
the reminder to re-check entries that were last checked too long ago."""

import datetime as dt
from pathlib import Path

import pytest
import time_machine

from challenge.config import Config
from challenge.content.ages import check_ages
from challenge.content.loader import load_tree
from tests.support.content_trees import copy_tree, replace_once

FIXTURE = Path(__file__).parents[1] / "fixtures" / "help-content"
LOCALES = ("en", "hi", "ja")


@pytest.fixture
def tree_copy(tmp_path) -> Path:
    return copy_tree(FIXTURE, tmp_path)


def load(root):
    return load_tree(root, LOCALES, "en")


def messages(tree):
    return [str(problem) for problem in tree.problems]


def test_the_fixture_channels_load_with_their_facts():
    tree = load(FIXTURE)
    assert tree.problems == []
    source = tree.items[("channels", "au")].files["en"]
    first = source.meta["channels"][0]
    assert first["phone"] == ["000"] and first["emergency"] is True
    assert first["last_checked"] == "2026-06-01"
    assert tree.items[("channels", "au")].files["hi"].meta["channels"][0]["name"] == (
        "नमूना आपातकालीन लाइन"
    )


def test_a_translation_may_not_state_a_number_or_address(tree_copy):
    replace_once(
        tree_copy / "channels/au/hi.md",
        "    hours: चौबीसों घंटे\n",
        '    hours: चौबीसों घंटे\n    phone: ["999"]\n',
    )
    assert any(
        "au/hi.md" in line
        and "channel 'emergency': 'phone' belongs in the source file only" in line
        for line in messages(load(tree_copy))
    )


def test_a_translation_lacking_or_adding_a_channel_fails(tree_copy):
    replace_once(tree_copy / "channels/au/hi.md", "  - id: consultation", "  - id: helpdesk")
    found = messages(load(tree_copy))
    assert any(
        "au/hi.md:6: the channels differ from the source's: it lacks consultation; "
        "it has helpdesk, which the source does not" in line
        for line in found
    ), found


def test_a_translation_in_another_order_fails(tree_copy):
    path = tree_copy / "channels/au/hi.md"
    text = path.read_text(encoding="utf-8")
    head, rest = text.split("  - id: emergency\n", 1)
    emergency, rest = rest.split("  - id: police-portal\n", 1)
    path.write_text(
        head
        + "  - id: police-portal\n"
        + rest.replace("---\n", "", 1).rstrip("\n")
        + "\n  - id: emergency\n"
        + emergency
        + "---\n",
        encoding="utf-8",
    )
    assert any("in a different order" in line for line in messages(load(tree_copy)))


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("    last_checked: 2026-01-15\n", "", "channel 'consultation': 'last_checked' is missing"),
        ('["#9110"]', '["call us"]', "channel 'consultation': 'phone' must be a number"),
        ("[identity-stolen]", "[hacked]", "channel 'consultation': 'situations' must be a list"),
        ("https://police.example", "http://police.example", "'url' must be an https:// address"),
        ("2026-01-15", "last week", "'last_checked' must be a date"),
        ("  - id: consultation", "  - id: emergency", "channel 'emergency' is listed twice"),
    ],
)
def test_bad_source_entries_are_errors(tree_copy, old, new, message):
    replace_once(tree_copy / "channels/au/en.md", old, new)
    tree = load(tree_copy)
    assert any("au/en.md" in line and message in line for line in messages(tree)), messages(tree)
    assert tree.errors


def test_entries_older_than_the_configured_age_are_reported():
    tree = load(FIXTURE)
    config = {"CHANNELS_MAX_AGE_MONTHS": 12}
    assert check_ages(tree, dt.date(2027, 1, 15), config) == []
    stale = check_ages(tree, dt.date(2027, 1, 16), config)
    assert [str(problem) for problem in stale] == [
        "help-content/channels/au/en.md:6: warning: channel 'consultation' was last checked on "
        "2026-01-15, more than 12 months ago: check it against the official source and "
        "update 'last_checked'"
    ]
    assert len(check_ages(tree, dt.date(2027, 1, 16), {"CHANNELS_MAX_AGE_MONTHS": 6})) == 4


def test_the_default_age_is_twelve_months():
    assert Config.CHANNELS_MAX_AGE_MONTHS == 12


def test_content_check_warns_about_stale_channels_and_strict_fails(runner):
    with time_machine.travel(dt.datetime(2027, 6, 2, tzinfo=dt.UTC), tick=False):
        relaxed = runner.invoke(args=["content", "check", "--dir", str(FIXTURE)])
        strict = runner.invoke(args=["content", "check", "--dir", str(FIXTURE), "--strict"])
    assert relaxed.exit_code == 0, relaxed.output
    assert "warning: channel 'police-portal' was last checked on 2026-06-01" in relaxed.output
    assert strict.exit_code == 1


def test_the_real_channels_are_complete_and_fresh(real_content_tree):
    channels = {
        slug: item
        for (folder, slug), item in real_content_tree.items.items()
        if folder == "channels"
    }
    assert set(channels) == {"au", "in", "jp", "us", "other"}
    for slug, item in channels.items():
        assert set(Config.LOCALES) <= set(item.files), slug  # every public locale has them
    today = dt.datetime.now(dt.UTC).date()
    stale = check_ages(
        real_content_tree, today, {"CHANNELS_MAX_AGE_MONTHS": Config.CHANNELS_MAX_AGE_MONTHS}
    )
    assert not stale, "re-check these channels (docs/staff-guide.md):\n" + "\n".join(
        map(str, stale)
    )
    for slug in ("au", "in", "jp", "us"):
        entries = channels[slug].files["en"].meta["channels"]
        assert entries[0]["emergency"] and entries[0]["phone"], slug
