"""The activity hook: features tell listeners what a participant did, without importing each other."""

from challenge.participation import registry


def test_activity_done_calls_every_listener_with_what_was_done(monkeypatch):
    heard = []
    monkeypatch.setattr(registry, "ACTIVITY_LISTENERS", [])
    registry.activity_listener(lambda *args: heard.append(("first", *args)))
    registry.activity_listener(lambda *args: heard.append(("second", *args)))
    registry.activity_done("quiz", "backups", "someone", score=80)
    assert heard == [
        ("first", "quiz", "backups", "someone", 80),
        ("second", "quiz", "backups", "someone", 80),
    ]


def test_has_done_asks_the_kinds_check_and_is_false_without_one(monkeypatch):
    monkeypatch.setattr(registry, "ACTIVITY_CHECKS", {})
    registry.activity_check("lesson")(lambda participant, slug, min_score: slug == "read")
    assert registry.has_done("lesson", "read", "someone")
    assert not registry.has_done("lesson", "unread", "someone")
    assert not registry.has_done("lesson", "read", None)  # nobody yet: nothing done
    assert not registry.has_done("webinar", "read", "someone")  # no feature checks it
