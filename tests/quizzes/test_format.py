"""The quiz format: questions with stable ids, options by position, translations that match."""

from challenge.content.loader import load_tree


def load(content):
    content.lesson("a-lesson")
    return load_tree(content.root, ("en", "hi", "ja"), "en")


def messages(tree):
    return [str(problem) for problem in tree.problems]


def test_a_good_quiz_parses(content):
    content.quiz("q")
    tree = load(content)
    assert tree.problems == []
    questions = tree.items[("quizzes", "q")].files["en"].data["questions"]
    parcel, signs = questions
    assert parcel["id"] == "parcel" and parcel["title"] == "A parcel text"
    assert "<blockquote>" in parcel["prompt"] and "What should you do?" in parcel["prompt"]
    assert [option["correct"] for option in parcel["options"]] == [False, True]
    assert parcel["options"][0]["feedback"] == "<p>The page steals card details.</p>"
    assert parcel["explanation"] == "<p>Couriers do not ask for fees by text.</p>"
    assert parcel["multiple"] is False
    assert signs["multiple"] is True and signs["correct"] == [0, 1]


def test_quiz_settings_have_defaults(content):
    content.quiz("q")
    meta = load(content).items[("quizzes", "q")].files["en"].meta
    assert meta["pass_mark"] == 70 and meta["shuffle"] is False and meta["lesson"] == "a-lesson"


def test_question_structure_errors_have_lines(content):
    body = "## No id here\n\n- [x] a\n- [ ] b\n\n> why\n\n## Fine {#ok}\n\n- [ ] a\n- [ ] b\n\n> why\n\n## Bare {#bare}\n\nNo options.\n"
    content.quiz("q", body=body)
    found = messages(load(content))
    assert (
        "content/quizzes/q/en.md:11: a question heading must end with its id, like '## Title {#short-id}'"
        in found
    )
    assert (
        "content/quizzes/q/en.md:18: question 'ok' has no correct option: mark one with '[x]'"
        in found
    )
    assert (
        "content/quizzes/q/en.md:25: question 'bare' has no options: add a '- [ ]' / '- [x]' list"
        in found
    )


def test_options_must_be_checkboxes_and_explanations_required(content):
    content.quiz(
        "q",
        body="## Q {#q1}\n\n- a plain item\n- [x] b\n\n> why\n\n## R {#q2}\n\n- [x] a\n- [ ] b\n",
    )
    found = messages(load(content))
    assert any(
        ":13: each option must start with '[ ]' (wrong) or '[x]' (correct)" in line
        for line in found
    )
    assert any(
        ":18: question 'q2' needs one '>' blockquote explanation after its options" in line
        for line in found
    )


def test_duplicate_ids_and_empty_quizzes_are_errors(content):
    content.quiz(
        "q",
        body="## A {#same}\n\n- [x] a\n- [ ] b\n\n> why\n\n## B {#same}\n\n- [x] a\n- [ ] b\n\n> why\n",
    )
    content.quiz("empty", body="Just an introduction.", order=2)
    found = messages(load(content))
    assert "content/quizzes/q/en.md:18: question id 'same' is used twice" in found
    assert (
        "content/quizzes/empty/en.md:10: a quiz needs at least one '## Question {#id}' heading"
        in found
    )


def test_quiz_must_name_an_existing_lesson(content):
    content.quiz("q", lesson="no-such-lesson")
    assert (
        "content/quizzes/q/en.md:4: 'lesson' names lessons/no-such-lesson, which does not exist"
        in messages(load(content))
    )


def test_translations_must_match_the_source(content):
    content.quiz("q")
    content.quiz("q", "hi")  # identical structure: fine
    content.quiz("q", "ja", body=QUIZ_SWAPPED)
    tree = load(content)
    assert messages(tree) == [
        "content/quizzes/q/ja.md:8: question 'parcel' marks different options correct than the source"
    ]


def test_translations_with_other_questions_or_options_fail(content):
    content.quiz("q")
    content.quiz("q", "hi", body="## Only one {#parcel}\n\n- [ ] a\n- [x] b\n\n> why\n")
    content.quiz(
        "q",
        "ja",
        body="## P {#parcel}\n\n- [ ] a\n- [x] b\n- [ ] c\n\n> why\n\n## S {#signs}\n\n- [x] a\n- [x] b\n- [ ] c\n\n> why\n",
    )
    found = messages(load(content))
    assert (
        "content/quizzes/q/hi.md:8: questions do not match content/quizzes/q/en.md: missing signs"
        in found
    )
    assert "content/quizzes/q/ja.md:8: question 'parcel' has 3 options; the source has 2" in found


def test_the_real_quizzes_cover_every_lesson(real_content_tree):
    lessons = {slug for folder, slug in real_content_tree.items if folder == "lessons"}
    quizzes = {key[1]: item for key, item in real_content_tree.items.items() if key[0] == "quizzes"}
    assert {item.files["en"].meta["lesson"] for item in quizzes.values()} == lessons
    for slug, item in quizzes.items():
        assert set(item.files) >= {"en", "hi", "ja"}, slug
        questions = item.files["en"].data["questions"]
        assert 5 <= len(questions) <= 10, slug
        assert any(question["multiple"] for question in questions), slug


QUIZ_SWAPPED = """## A parcel text {#parcel}

- [x] Pay it
- [ ] Check on the courier's own app

> Couriers do not ask for fees by text.

## Warning signs {#signs}

- [x] Urgency
- [x] A mismatched sender
- [ ] Your name

> Pressure and mismatched addresses are classic signs.
"""
