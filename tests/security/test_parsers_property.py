"""Property-based tests of the parsers: the content loader (every kind), the quiz and pledge formats,
and the quiz answers reader.

Whatever the input (random bytes, random text, random YAML, random front-matter values, random
markdown, random quiz structures, random form data) the parsers give either a valid item or
problems shaped `path:line: message` that point into the file, and never raise anything else.
Profiles are in tests/security/conftest.py (150 examples per test, derandomized when CI=true).
"""

import datetime as dt
import re
import string
import tempfile
from functools import cache
from pathlib import Path

import yaml
from hypothesis import example, given
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from challenge.content.fields import SLUG
from challenge.content.kinds import KINDS
from challenge.content.loader import ContentTree, load_tree
from challenge.content.problems import ContentError, printable
from challenge.quizzes.scoring import FIELD_PREFIX, Tampered, questions_of, read_answers

LOCALES = ("en", "hi", "ja")
PROBLEM_LINE = re.compile(r"^(?P<path>content/[^\n]*?):(?P<line>[1-9][0-9]*): (?P<message>\S.*)$")
FIELD_NAMES = sorted({field.name for kind in KINDS.values() for field in kind.fields})

# ---------------------------------------------------------------------------------------------
# Strategies


# Timezones as YAML can write them, including an offset in seconds, which PyYAML cannot read back.
TIMEZONES = st.sampled_from(
    [
        None,
        dt.UTC,
        dt.timezone(dt.timedelta(hours=5, minutes=30)),
        dt.timezone(-dt.timedelta(minutes=16, seconds=8)),
    ]
)


@cache
def yaml_values(depth: int = 2):
    """Values PyYAML can write: every type a front-matter field might be given by mistake."""
    scalars = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.integers(min_value=-(10**30), max_value=10**30),
        st.floats(allow_nan=True, allow_infinity=True),
        st.text(max_size=40),
        st.text(alphabet="abc-xyz019 ", max_size=20),
        st.sampled_from(["published", "draft", "a-lesson", "phishing", "", " ", "~", "null"]),
        st.dates(),
        st.datetimes(timezones=TIMEZONES),
    )
    if depth == 0:
        return scalars
    inner = yaml_values(depth - 1)
    return st.one_of(
        scalars,
        st.lists(inner, max_size=4),
        st.dictionaries(st.text(max_size=10), inner, max_size=3),
    )


@cache
def valid_value(name: str):
    """A plausible value for a known field, so that many examples get past the front matter."""
    if name in ("version", "source_version", "order", "minutes", "pass_mark"):
        return st.integers(min_value=-2, max_value=200)
    if name in ("lesson", "quiz"):
        return st.sampled_from(["a-lesson", "a-quiz", "missing", "Not A Slug"])
    if name == "status":
        return st.sampled_from(["published", "draft", "live"])
    if name == "steps":
        return st.lists(st.text(max_size=30), max_size=12)
    if name == "tags":
        return st.lists(st.sampled_from(["phishing", "mfa", "Bad Tag", ""]), max_size=3)
    if name == "shuffle":
        return st.booleans()
    if name == "publish_date":
        return st.one_of(st.dates(), st.datetimes(timezones=TIMEZONES))
    return st.text(max_size=60)


@cache
def field_value(name: str):
    return st.one_of(valid_value(name), yaml_values())


@st.composite
def front_matter(draw):
    names = draw(st.lists(st.sampled_from([*FIELD_NAMES, "sumary", "extra"]), max_size=12))
    meta = {}
    for name in names:
        meta[name] = draw(field_value(name))
    if draw(st.booleans()):
        meta.update(draw(st.dictionaries(st.text(max_size=8), yaml_values(1), max_size=2)))
    return meta


MARKDOWN_PIECES = [
    "## Question {#q1}\n",
    "## Another {#q2}\n",
    "## No id here\n",
    "# A title\n",
    "### Small\n",
    "- [ ] Wrong\n",
    "- [x] Right\n",
    "- [X] Also right\n",
    "- [ ]\n",
    "- plain item\n",
    "  > Feedback\n",
    "  - nested\n",
    "> Explanation\n",
    "> > deeper\n",
    "\n",
    "Some *text* and `code`.\n",
    "[a link](/lessons/a-lesson)\n",
    "[a link](/quizzes/missing#x)\n",
    "[insecure](http://example.org)\n",
    "[fine](https://example.org)\n",
    "[script](javascript:alert(1))\n",
    "![alt](picture.png)\n",
    "![](nothing.png)\n",
    "![alt](../escape.png)\n",
    "| a | b |\n|---|---|\n| 1 | 2 |\n",
    "```\nfenced\n",
    "```\n",
    "    indented code\n",
    "1. one\n",
    "---\n",
    "***\n",
    "<script>alert(1)</script>\n",
    "{#loose-id}\n",
    "\t- tab\n",
    "- [ ] two\n  lines\n",
]


@cache
def markdown():
    return st.lists(
        st.one_of(st.sampled_from(MARKDOWN_PIECES), st.text(max_size=20)), max_size=25
    ).map("".join)


@st.composite
def quiz_body(draw):
    """Quiz-shaped markdown: questions with ids, options, feedback and explanations, often broken."""
    parts = []
    if draw(st.booleans()):
        parts.append(draw(st.sampled_from(["An introduction.\n\n", "## {#}\n\n", ""])))
    for _ in range(draw(st.integers(min_value=0, max_value=4))):
        question_id = draw(st.sampled_from(["q1", "q2", "q1", "Q-Bad", "a-b", "", "x--y"]))
        heading = draw(
            st.sampled_from(["## Question {#%s}", "## {#%s}", "## Question", "# Question {#%s}"])
        )
        parts.append((heading % question_id if "%s" in heading else heading) + "\n\n")
        if draw(st.booleans()):
            parts.append(draw(st.sampled_from(["What now?\n\n", "> A quote first\n\n"])))
        for _ in range(draw(st.integers(min_value=0, max_value=4))):
            box = draw(st.sampled_from(["[ ]", "[x]", "[X]", "[]", "", "[y]"]))
            text = draw(st.sampled_from(["An option", "", "Two\n  lines", "**bold**"]))
            parts.append(f"- {box} {text}\n")
            if draw(st.booleans()):
                parts.append(
                    draw(st.sampled_from(["  > Feedback\n", "  More text\n", "  - sub\n"]))
                )
        parts.append("\n")
        for _ in range(draw(st.integers(min_value=0, max_value=2))):
            parts.append(draw(st.sampled_from(["> Because.\n\n", "Not a quote.\n\n"])))
    return "".join(parts)


def document(meta_text: str, body: str) -> str:
    return f"---\n{meta_text}---\n\n{body}\n"


def dump(meta: dict) -> str:
    return yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)


YAML_PIECES = [
    "title: ",
    "A title\n",
    "version: 1\n",
    "status: published\n",
    "steps:\n  - one\n",
    "- item\n",
    "key: [unclosed\n",
    'key: "unclosed\n',
    "&anchor ",
    "*anchor\n",
    "*missing\n",
    "? complex\n",
    ": value\n",
    "!!python/object:os.system\n",
    "!!binary abc\n",
    "date: 2026-02-30\n",
    "when: 2026-04-10T09:00:00\n",
    "  indented: x\n",
    "\t",
    "%YAML 1.1\n",
    "{a: 1, b: [2, 3]}\n",
    "~\n",
    "<<: *anchor\n",
    "...\n",
]


@cache
def yaml_text():
    return st.lists(st.one_of(st.sampled_from(YAML_PIECES), st.text(max_size=15)), max_size=15).map(
        "".join
    )


@cache
def file_contents():
    body = markdown()
    return st.one_of(
        st.binary(max_size=300),
        st.text(max_size=300),
        st.builds(document, front_matter().map(dump), body),
        st.builds(document, yaml_text(), body),
        st.builds(lambda text: text.encode("utf-8") + b"\xff\xfe", st.text(max_size=50)),
    )


FILE_NAMES = st.one_of(
    st.sampled_from(["en.md", "hi.md", "ja.md", "fr.md", "EN.md", "notes.txt", "x.png", ".hidden"]),
    st.text(alphabet=string.ascii_letters + string.digits + "-_.", min_size=1, max_size=8),
)
SLUGS = st.one_of(
    st.text(alphabet="abz09-", min_size=1, max_size=12),
    st.sampled_from(["a-lesson", "a-quiz", "Bad Slug", "under_score", "-x"]),
)


@st.composite
def content_trees(draw):
    """{relative path: bytes or text} for a random content tree."""
    files = {}
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        kind = draw(st.sampled_from([*KINDS, "stories"]))
        slug = draw(SLUGS)
        for name in draw(st.lists(FILE_NAMES, min_size=1, max_size=3, unique=True)):
            if name in (".", ".."):
                continue
            files[f"{kind}/{slug}/{name}"] = draw(file_contents())
    return files


# ---------------------------------------------------------------------------------------------
# Checking what the loader says


def line_count(raw: bytes) -> int:
    """Lines in a file as the loader counts them (after decoding and newline normalisation)."""
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        return raw.count(b"\n") + 1
    return text.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1


def load(files: dict[str, str | bytes]) -> ContentTree:
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory) / "content"
        raw_files = {}
        for relative, contents in files.items():
            path = root / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            raw = contents if isinstance(contents, bytes) else contents.encode("utf-8")
            path.write_bytes(raw)
            raw_files[f"content/{relative}"] = raw
        tree = load_tree(root, LOCALES, "en")
    check_problems(tree, raw_files)
    return tree


def check_problems(tree: ContentTree, raw_files: dict[str, bytes]) -> None:
    folders = {str(Path(path).parent) for path in raw_files} | {
        str(Path(path).parent.parent) for path in raw_files
    }
    for problem in tree.problems:
        shown = str(problem)
        match = PROBLEM_LINE.match(shown)
        assert match, f"not path:line: message: {shown!r}"
        assert "\n" not in shown and "\r" not in shown, f"a problem spans lines: {shown!r}"
        path, line = problem.path, int(match["line"])
        assert match["path"] == printable(path)
        if path in raw_files:
            assert line <= line_count(raw_files[path]), (shown, line_count(raw_files[path]))
        else:
            assert path in folders, f"{shown!r} names no file or folder of the tree"
            assert line == 1, shown
    if tree.errors:
        error = ContentError(tree.errors)
        assert all(PROBLEM_LINE.match(line) for line in str(error).split("\n"))


def check_item(tree: ContentTree) -> None:
    """A file the loader accepted has every required field, cleaned; quizzes are well formed."""
    for item in tree.items.values():
        assert SLUG.match(item.slug) or not item.files
        for locale, content_file in item.files.items():
            is_source = locale == "en"
            role = "source" if is_source else "translation"
            for field in item.kind.fields:
                if field.where in ("both", role) and field.required:
                    assert field.name in content_file.meta, (content_file.path, field.name)
            assert isinstance(content_file.html, str)
            if item.kind.name == "quiz":
                check_questions(content_file.data["questions"])


def check_questions(questions: list[dict]) -> None:
    assert questions, "an accepted quiz has questions"
    ids = [question["id"] for question in questions]
    assert len(ids) == len(set(ids))
    for question in questions:
        assert SLUG.match(question["id"])
        assert len(question["options"]) >= 2
        assert question["correct"] == [
            index for index, option in enumerate(question["options"]) if option["correct"]
        ]
        assert question["correct"], question
        assert question["multiple"] == (len(question["correct"]) > 1)


# ---------------------------------------------------------------------------------------------
# Properties


@given(content_trees())
@example({"lessons/x/en.md": b"---\ntitle: \xff\n---\n"})
@example({"lessons/x/en.md": "---\ntitle: [unclosed\n---\n"})
@example({"lessons/x/en.md": '---\n"a\\nb": 1\n"\\e[31mred": 2\n---\n'})
@example({"lessons/x/en.md": "---\nwhen: 2026-02-30\n---\n"})
@example({"lessons/x/en.md": "---\na: &a [*a, *a]\ntitle: *a\n---\n"})
@example({"lessons/x/en.md": "---\n" + "[" * 2000 + "\n---\n"})
@example({"lessons/x/en.md": "---\n? [a, b]\n: c\n---\n"})
@example({"lessons/x/en.md": "---\ntitle: x\u2028\u2028\u2028\u2028: [\n---\n"})
@example({"lessons/x/en.md": "---\nversion: 1e400\n---\n" + ">" * 500 + " deep\n"})
def test_any_content_tree_loads_or_reports_path_and_line(files):
    tree = load(files)
    check_item(tree)


@given(st.sampled_from(sorted(KINDS)), front_matter(), markdown())
def test_any_front_matter_and_body_of_any_kind(kind, meta, body):
    try:
        text = document(dump(meta), body)
    except yaml.YAMLError:
        return
    tree = load({f"{kind}/an-item/en.md": text})
    check_item(tree)


def source_meta(kind: str) -> dict:
    meta = {"title": "T", "summary": "S", "status": "published", "version": 1, "order": 1}
    if kind in ("lessons", "quizzes"):
        meta["minutes"] = 5
    if kind in ("quizzes", "pledges"):
        meta["lesson"] = "a-lesson"
    if kind == "pledges":
        meta.update(statement="I will.", steps=["One."])
    return meta


LESSON = document(dump(source_meta("lessons")), "A lesson.")


@given(quiz_body(), st.one_of(st.none(), quiz_body()))
@example("## Q {#q}\n\n- [x] A\n- [ ] B\n\n> Why.\n", "## Q {#q}\n\n- [ ] A\n- [x] B\n\n> Why.\n")
def test_any_quiz_structure_is_a_quiz_or_a_located_problem(source, translation):
    files = {
        "lessons/a-lesson/en.md": LESSON,
        "quizzes/a-quiz/en.md": document(dump(source_meta("quizzes")), source),
    }
    if translation is not None:
        meta = {"title": "T", "summary": "S", "status": "published", "source_version": 1}
        files["quizzes/a-quiz/hi.md"] = document(dump(meta), translation)
    tree = load(files)
    check_item(tree)
    quiz = tree.items[("quizzes", "a-quiz")]
    if "en" in quiz.files:
        questions = quiz.files["en"].data["questions"]
        check_answers_reader(questions)


@given(
    st.one_of(
        st.lists(st.one_of(st.text(max_size=40), yaml_values(1)), max_size=12), yaml_values()
    ),
    st.one_of(st.none(), st.lists(st.text(max_size=20), max_size=12), yaml_values(1)),
    st.one_of(st.text(max_size=60), yaml_values(0)),
    markdown(),
)
def test_any_pledge_is_a_pledge_or_a_located_problem(steps, translated_steps, statement, body):
    meta = {**source_meta("pledges"), "steps": steps, "statement": statement}
    files = {
        "lessons/a-lesson/en.md": LESSON,
        "pledges/a-pledge/en.md": document(dump(meta), body),
    }
    if translated_steps is not None:
        translation = {
            "title": "T",
            "summary": "S",
            "status": "published",
            "source_version": 1,
            "statement": "मैं करूँगा।",
            "steps": translated_steps,
        }
        files["pledges/a-pledge/hi.md"] = document(dump(translation), body)
    tree = load(files)
    check_item(tree)
    pledge = tree.items[("pledges", "a-pledge")]
    for content_file in pledge.files.values():
        assert len(content_file.data["steps_html"]) == len(content_file.meta["steps"])


# ---------------------------------------------------------------------------------------------
# The quiz answers reader

QUIZ_DATA = {
    "questions": [
        {
            "id": "one",
            "title": "One",
            "prompt": "",
            "options": [{"html": h, "feedback": "", "correct": h == "B"} for h in "ABC"],
            "correct": [1],
            "multiple": False,
            "explanation": "",
        },
        {
            "id": "many",
            "title": "Many",
            "prompt": "",
            "options": [{"html": h, "feedback": "", "correct": h != "C"} for h in "ABC"],
            "correct": [0, 1],
            "multiple": True,
            "explanation": "",
        },
    ]
}


def form_names(questions):
    known = [FIELD_PREFIX + question["id"] for question in questions] or ["q-one"]
    return st.one_of(
        st.sampled_from([*known, "q-", "q-other", "Q-one", "country", "attempt", "csrf_token"]),
        st.text(max_size=12),
    )


def form_values(questions):
    known = [
        f"{question['id']}.{index}"
        for question in questions
        for index in range(len(question["options"]))
    ] or ["one.0"]
    return st.one_of(
        st.sampled_from([*known, "one.-1", "one.99", "one.", ".1", "many.1.1", "one.01", ""]),
        st.text(max_size=20),
        st.integers().map(str),
    )


def check_answers_reader(questions, pairs=None):
    shown = questions_of({"questions": questions}, "en", shuffle_seed="seed")
    if pairs is None:
        pairs = [
            (FIELD_PREFIX + question["id"], f"{question['id']}.{index}")
            for question in questions
            for index in question["correct"][:1]
        ]
    try:
        answers, missing = read_answers(shown, MultiDict(pairs))
    except Tampered as refused:
        assert refused.args and refused.args[0], "a refusal says why"
        return
    by_id = {question.id: question for question in shown}
    assert set(answers) | {question.id for question in missing} == set(by_id)
    assert not set(answers) & {question.id for question in missing}
    for question_id, chosen in answers.items():
        question = by_id[question_id]
        assert chosen == sorted(set(chosen)) and chosen
        assert all(0 <= index < len(question.options) for index in chosen)
        assert question.multiple or len(chosen) == 1


@st.composite
def answer_forms(draw):
    questions = QUIZ_DATA["questions"]
    return draw(st.lists(st.tuples(form_names(questions), form_values(questions)), max_size=8))


@given(answer_forms())
@example([("q-one", "one.1"), ("q-many", "many.0"), ("q-many", "many.1")])
@example([("q-one", "one.1"), ("q-one", "one.1")])
@example([("q-one", "many.0")])
@example([("q-ghost", "ghost.0")])
@example([("q-one", "one.1"), ("q-one", "one.2")])
def test_any_answer_form_is_read_or_refused_as_tampered(pairs):
    check_answers_reader(QUIZ_DATA["questions"], pairs)


def test_the_message_pattern_matches_the_loaders_own_format(content):
    """Guard for the pattern above: a real problem from the loader matches it."""
    content.lesson("x", minutes="five")
    tree = load_tree(content.root, LOCALES, "en")
    assert tree.errors and all(PROBLEM_LINE.match(str(problem)) for problem in tree.errors)
