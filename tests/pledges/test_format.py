from challenge.content.loader import load_tree


def load(content):
    content.lesson("a-lesson")
    return load_tree(content.root, ("en", "hi", "ja"), "en")


def test_a_good_pledge_parses(content):
    content.pledge("mfa", steps=["Open **settings**.", "Turn it on."])
    content.pledge("mfa", "hi", statement="मैं चालू करूँगा।", steps=["सेटिंग खोलें।", "चालू करें।"])
    tree = load(content)
    assert tree.problems == []
    source = tree.items[("pledges", "mfa")].files["en"]
    assert source.data["steps_html"] == ["Open <strong>settings</strong>.", "Turn it on."]
    assert source.meta["lesson"] == "a-lesson"


def test_pledges_need_a_statement_and_steps(content):
    content.pledge("mfa", statement=None, steps=[])
    found = [str(problem) for problem in load(content).problems]
    assert "content/pledges/mfa/en.md:1: 'statement' is missing" in found
    assert any("'steps' must be a list of lines" in line for line in found)


def test_translated_steps_must_match_in_number(content):
    content.pledge("mfa", steps=["One.", "Two."])
    content.pledge("mfa", "ja", steps=["一つ。"])
    found = [str(problem) for problem in load(content).problems]
    assert found == ["content/pledges/mfa/ja.md:7: 1 steps; the source has 2"]


def test_pledges_must_name_existing_lessons_and_quizzes(content):
    content.pledge("mfa", lesson="nope", quiz="nope-quiz")
    found = [str(problem) for problem in load(content).problems]
    assert "content/pledges/mfa/en.md:7: 'lesson' names lessons/nope, which does not exist" in found
    assert (
        "content/pledges/mfa/en.md:11: 'quiz' names quizzes/nope-quiz, which does not exist"
        in found
    )


def test_the_real_pledges(real_content_tree):
    pledges = [item for key, item in real_content_tree.items.items() if key[0] == "pledges"]
    assert len(pledges) >= 5
    for item in pledges:
        assert set(item.files) >= {"en", "hi", "ja"}
        assert item.files["en"].meta["statement"].startswith("I will")
