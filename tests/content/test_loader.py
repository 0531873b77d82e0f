"""Reading and validating content trees: every problem reported as path:line: message."""

from challenge.content.loader import load_tree


def load(content):
    return load_tree(content.root, ("en", "hi", "ja"), "en")


def messages(tree):
    return [str(problem) for problem in tree.problems]


def test_a_good_tree_loads_without_problems(content):
    content.lesson(
        "passphrases", tags=["passwords"], body="Use [MFA](/lessons/mfa) too.\n\n## Why\n\nBecause."
    )
    content.lesson("mfa", order=2)
    content.lesson("mfa", "hi", title="बहु-कारक प्रमाणीकरण")
    tree = load(content)
    assert tree.problems == []
    item = tree.items[("lessons", "mfa")]
    assert set(item.files) == {"en", "hi"}
    assert item.files["hi"].meta["title"] == "बहु-कारक प्रमाणीकरण"
    assert "<h2>Why</h2>" in tree.items[("lessons", "passphrases")].files["en"].html


def test_the_real_content_tree_is_valid(real_content_tree):
    lessons = [key for key in real_content_tree.items if key[0] == "lessons"]
    assert len(lessons) >= 8
    for key in lessons:
        assert set(real_content_tree.items[key].files) >= {"en", "hi", "ja"}, key


def test_real_lessons_are_300_to_800_words(real_content_tree):
    for (folder, slug), item in real_content_tree.items.items():
        if folder == "lessons":
            body = item.files["en"].text.split("---", 2)[2]
            assert 300 <= len(body.split()) <= 800, slug


def test_missing_and_unknown_fields_are_reported_with_lines(content):
    content.write(
        "lessons/x/en.md",
        "---\ntitle: X\nsumary: typo\nminutes: 5\norder: 1\nstatus: published\nversion: 1\n---\nBody\n",
    )
    found = messages(load(content))
    assert (
        "content/lessons/x/en.md:3: unknown field 'sumary'; the fields are: title, summary, status, version, tags, publish_date, order, minutes, reviewed"
        in found
    )
    assert "content/lessons/x/en.md:1: 'summary' is missing" in found


def test_bad_values_are_reported_at_their_line(content):
    content.lesson("x", minutes="five", status="live", tags="one")
    found = messages(load(content))
    assert any(line.endswith("'minutes' must be a whole number from 1 to 120") for line in found)
    assert any("'status' must be one of: draft, published" in line for line in found)
    assert any("'tags' must be a list" in line for line in found)
    assert all(line.startswith("content/lessons/x/en.md:") for line in found)


def test_item_wide_fields_belong_in_the_source_only(content):
    content.lesson("x")
    content.lesson("x", "ja", order=3)
    assert "'order' belongs in the source file (en.md) only" in messages(load(content))[0]


def test_a_translation_needs_a_source(content):
    content.lesson("orphan", "hi")
    assert "content/lessons/orphan:1: no en.md: every item needs its source file" in messages(
        load(content)
    )


def test_unknown_locales_slugs_and_kinds_are_refused(content):
    content.lesson("x")
    content.write("lessons/x/fr.md", "---\n---\n")
    content.write("lessons/Bad_Slug/en.md", "---\n---\n")
    content.write("recipes/cake/en.md", "---\n---\n")
    found = messages(load(content))
    assert "content/lessons/x/fr.md:1: unknown locale 'fr'; configured: en, hi, ja" in found
    assert any(
        line.startswith("content/lessons/Bad_Slug:1: folder name must be a slug") for line in found
    )
    assert any(line.startswith("content/recipes:1: unknown kind of content") for line in found)


def test_broken_front_matter_is_reported(content):
    content.write("lessons/a/en.md", "No front matter here\n")
    content.write("lessons/b/en.md", "---\ntitle: open\n")
    content.write("lessons/c/en.md", "---\ntitle: [unclosed\nsummary: x\n---\nbody\n")
    content.write("lessons/d/en.md", "---\n- a list\n---\nbody\n")
    content.write("lessons/e/en.md", "---\ntitle: A\ntitle: B\n---\nbody\n")
    found = messages(load(content))
    assert (
        "content/lessons/a/en.md:1: the file must start with front matter between '---' lines"
        in found
    )
    assert "content/lessons/b/en.md:1: the front matter has no closing '---' line" in found
    assert any(line.startswith("content/lessons/c/en.md:3: front matter:") for line in found)
    assert "content/lessons/d/en.md:2: front matter must be 'key: value' lines" in found
    assert "content/lessons/e/en.md:3: 'title' is given twice" in found


def test_invalid_utf8_is_reported_with_its_line(content):
    content.write("lessons/x/en.md", b"---\ntitle: ok\n---\n\nline\n\xff\xfe broken\n")
    assert messages(load(content)) == [
        "content/lessons/x/en.md:6: the file is not valid UTF-8; save it as UTF-8"
    ]


def test_links_to_missing_items_are_errors(content):
    content.lesson("x", body="Intro.\n\nSee [that](/lessons/nowhere) and [quiz](/quizzes/none).")
    found = messages(load(content))
    assert "content/lessons/x/en.md:13: link to /lessons/nowhere: no such item" in found
    assert "content/lessons/x/en.md:13: link to /quizzes/none: no such item" in found


def test_referenced_images_must_exist(content):
    content.lesson("x", body="![A fake text message](fake-sms.png)")
    assert "content/lessons/x/en.md:11: image 'fake-sms.png' is not in x/" in messages(
        load(content)
    )
    content.write("lessons/x/fake-sms.png", b"\x89PNG")
    assert load(content).problems == []


def test_translation_versions_are_tracked(content):
    content.lesson("x", version=3)
    content.lesson("x", "hi", source_version=2)
    content.lesson("x", "ja", source_version=4)
    tree = load(content)
    assert [str(problem) for problem in tree.warnings] == [
        "content/lessons/x/hi.md:5: warning: outdated: translated from version 2, the source is at version 3"
    ]
    assert [str(problem) for problem in tree.errors] == [
        "content/lessons/x/ja.md:5: source_version 4 is newer than the source's version 3"
    ]


def test_dates_need_a_timezone_when_they_have_a_time(content):
    content.write(
        "lessons/x/en.md",
        "---\ntitle: X\nsummary: S\nminutes: 5\norder: 1\nstatus: published\nversion: 1\n"
        "publish_date: 2026-04-10 09:00:00\nreviewed: 2026-12-07\n---\nBody\n",
    )
    assert (
        "content/lessons/x/en.md:8: 'publish_date' a date-time needs a timezone"
        in messages(load(content))[0]
    )
