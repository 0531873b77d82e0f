"""The edition file format: `flask content check` names the file and line of every problem."""

import pytest

from challenge.content.loader import load_tree
from tests.support.editions import FIXTURE

SOURCE = (FIXTURE / "editions" / "test-week" / "en.md").read_text()
TRANSLATION = (FIXTURE / "editions" / "test-week" / "ja.md").read_text()


@pytest.fixture
def tree(tmp_path):
    """Write the fixture tree, with some files replaced, and load it."""

    def load(**files):
        for path in FIXTURE.rglob("*.md"):
            target = tmp_path / path.relative_to(FIXTURE)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(path.read_text())
        for name, text in files.items():
            (tmp_path / "editions" / "test-week" / f"{name}.md").write_text(text)
        return load_tree(tmp_path, ("en", "hi", "ja"), "en")

    return load


def messages(tree) -> list[str]:
    return [str(problem) for problem in tree.errors]


def test_the_fixture_is_valid_and_keeps_its_plan_and_texts(tree):
    loaded = tree()
    assert messages(loaded) == []
    item = loaded.items[("editions", "test-week")]
    source = item.files["en"].meta
    assert (source["starts"], source["ends"], source["time_zone"]) == (
        "2024-03-04",
        "2024-03-06",
        "Asia/Tokyo",
    )
    assert source["windows"]["us"] == {
        "starts": "2024-03-11",
        "ends": "2024-03-13",
        "time_zone": "America/New_York",
    }
    assert item.files["ja"].meta["days"][0]["actions"][0]["title"] == "友だちに話す"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("time_zone: Asia/Tokyo", "time_zone: Asia/Atlantis"),
            ":7: 'time_zone' names no known IANA",
        ),
        (("time_zone: Asia/Tokyo", "time_zone: JST"), ":7: 'time_zone' must be an IANA time zone"),
        (
            ("ends: 2024-03-06", "ends: 2024-03-07"),
            ":16: 3 days, but the window from 2024-03-04 to 2024-03-07 has 4",
        ),
        (("ends: 2024-03-06", "ends: 2024-03-01"), ":6: 'ends' is before 'starts'"),
        (("ends: 2024-03-13,", "ends: 2024-03-15,"), ":8: the window of 'us' is not 3 days"),
        (("  us: {", "  usa: {"), ":8: 'windows' 'usa' is not a two-letter country code"),
        (("complete_after: 2", "complete_after: 4"), ":12: 'complete_after' is more than"),
        (
            ("ref: a-pledge", "ref: no-such-pledge"),
            ":35: action 'take-pledge' names pledges/no-such-pledge",
        ),
        (("kind: quiz", "kind: exam"), ":16: day 2, action 'pass-quiz': 'kind' must be one of"),
        (
            ("min_score: 50", "min_score: 500"),
            ":16: day 2, action 'pass-quiz': 'min_score' must be",
        ),
        (("      - id: update-phone", "      - id: tell-a-friend"), "the id is used twice"),
        (("        why: Updates close holes.\n", ""), "action 'update-phone': a task needs 'why'"),
        (("        ref: a-lesson\n", ""), "a lesson action needs 'ref'"),
        (("starts: 2024-03-04\n", ""), ":1: 'starts' is missing"),
    ],
)
def test_a_bad_source_is_reported_with_its_line(tree, change, expected):
    old, new = change
    assert old in SOURCE
    found = messages(tree(en=SOURCE.replace(old, new, 1)))
    assert any(
        expected in message and "editions/test-week/en.md" in message for message in found
    ), found


def test_a_day_without_actions_or_with_too_many_is_refused(tree):
    four = SOURCE.replace(
        "      - id: pass-quiz\n",
        "      - {id: a, kind: task, title: A, how: B, why: C}\n"
        "      - {id: b, kind: task, title: A, how: B, why: C}\n"
        "      - {id: c, kind: task, title: A, how: B, why: C}\n"
        "      - id: pass-quiz\n",
    )
    assert any("day 2 must have 1 to 3 actions" in message for message in messages(tree(en=four)))


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("      - id: read-lesson\n", ""),
            ":10: day 1 has actions tell-a-friend; the source has tell-a-friend, read-lesson",
        ),
        (
            ("        why: 更新は穴をふさぎます。\n", ""),
            ":21: task 'update-phone' needs its translated 'why'",
        ),
        (
            ("      - id: pass-quiz\n", "      - id: pass-quiz\n        kind: quiz\n"),
            "'kind' belongs in the source file only",
        ),
        (
            ("  - title: 約束する", "  - title: 約束する\n    actions: []\n  - title: 余分"),
            "must have 1 to 3 actions",
        ),
    ],
)
def test_a_translation_out_of_step_is_reported_with_its_line(tree, change, expected):
    old, new = change
    assert old in TRANSLATION
    found = messages(tree(ja=TRANSLATION.replace(old, new, 1)))
    assert any(
        expected in message and "editions/test-week/ja.md" in message for message in found
    ), found


def test_a_translation_with_another_number_of_days_is_reported(tree):
    cut = TRANSLATION[: TRANSLATION.index("  - title: 約束する")] + "---\n\nテキスト。\n"
    assert any(":7: 2 days; the source has 3" in message for message in messages(tree(ja=cut)))


def test_schedule_fields_belong_in_the_source_only(tree):
    found = messages(
        tree(
            ja=TRANSLATION.replace("status: published", "status: published\nstarts: 2024-03-04", 1)
        )
    )
    assert any("'starts' belongs in the source file (en.md) only" in message for message in found)
