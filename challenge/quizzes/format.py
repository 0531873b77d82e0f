"""The quiz file format: `## Question {#id}`, a task list of options, a blockquote explanation."""

import re

from markdown_it.token import Token

from challenge.content import fields as f
from challenge.content.kinds import Kind
from challenge.content.markdown import Rendered, parser, render_inline, sanitise, walk

QUESTION_ID = re.compile(r"\s*\{#([a-z0-9]+(?:-[a-z0-9]+)*)\}\s*$")
CHECKBOX = re.compile(r"^\[( |x|X)\]\s+")


def render_tokens(tokens: list[Token]) -> str:
    return sanitise(parser.renderer.render(tokens, parser.options, {})).strip()


def blocks(tokens: list[Token]) -> list[list[Token]]:
    """Split a token stream into top-level blocks (a paragraph, a list, a blockquote...)."""
    result, depth, current = [], 0, []
    for token in tokens:
        current.append(token)
        depth += token.nesting
        if depth == 0:
            result.append(current)
            current = []
    return result


def line_of(block: list[Token], base_line: int) -> int:
    return base_line + (block[0].map[0] if block[0].map else 0)


def read_option(item: list[Token], line: int, problems: list) -> dict | None:
    """One `- [x] text` list item, with an optional blockquote of feedback under it."""
    inner = blocks(item[1:-1])
    if not inner or inner[0][0].type != "paragraph_open":
        problems.append((line, "each option must start with '[ ]' or '[x]' and its text"))
        return None
    text = inner[0][1].content
    match = CHECKBOX.match(text)
    if not match:
        problems.append((line, "each option must start with '[ ]' (wrong) or '[x]' (correct)"))
        return None
    option_text = text[match.end() :].strip()
    if not option_text or "\n" in option_text:
        problems.append(
            (line, "an option's text is one line; put feedback in a '>' blockquote under it")
        )
        return None
    feedback = ""
    for extra in inner[1:]:
        if extra[0].type != "blockquote_open":
            problems.append((line, "under an option, only a '>' blockquote of feedback is allowed"))
            return None
        feedback = render_tokens(extra[1:-1])
    return {
        "html": render_inline(option_text),
        "feedback": feedback,
        "correct": match.group(1) != " ",
    }


def read_question(
    heading: list[Token], section: list[list[Token]], base_line: int, problems: list
) -> dict | None:
    line = line_of(heading, base_line)
    title = heading[1].content
    match = QUESTION_ID.search(title)
    if not match:
        problems.append(
            (line, "a question heading must end with its id, like '## Title {#short-id}'")
        )
        return None
    question = {
        "id": match.group(1),
        "line": line,
        "title": render_inline(title[: match.start()].strip()),
    }
    lists = [i for i, block in enumerate(section) if block[0].type == "bullet_list_open"]
    if not lists:
        problems.append(
            (line, f"question '{question['id']}' has no options: add a '- [ ]' / '- [x]' list")
        )
        return None
    at = lists[0]
    question["prompt"] = "".join(render_tokens(block) for block in section[:at])
    items = blocks(section[at][1:-1])
    options = [read_option(item, line_of(item, base_line), problems) for item in items]
    if any(option is None for option in options):
        return None
    after = section[at + 1 :]
    if len(after) != 1 or after[0][0].type != "blockquote_open":
        problems.append(
            (
                line,
                f"question '{question['id']}' needs one '>' blockquote explanation after its options",
            )
        )
        return None
    correct = [i for i, option in enumerate(options) if option["correct"]]
    if len(options) < 2:
        problems.append((line, f"question '{question['id']}' needs at least two options"))
    if not correct:
        problems.append(
            (line, f"question '{question['id']}' has no correct option: mark one with '[x]'")
        )
    question.update(
        options=options,
        correct=correct,
        multiple=len(correct) > 1,
        explanation=render_tokens(after[0][1:-1]),
    )
    return question


def read_quiz(document, media_prefix: str):
    """Parse a quiz body into questions; returns (Rendered, {"questions": [...]})."""
    result = Rendered(html="")
    tokens = parser.parse(document.body)
    walk(tokens, document.body_line, media_prefix, result)
    problems = result.problems
    top = blocks(tokens)
    headings = [
        i for i, block in enumerate(top) if block[0].type == "heading_open" and block[0].tag == "h2"
    ]
    if not headings:
        problems.append(
            (document.body_line, "a quiz needs at least one '## Question {#id}' heading")
        )
        return result, {"questions": []}
    result.html = "".join(
        render_tokens(block) for block in top[: headings[0]]
    )  # an optional introduction
    questions, seen = [], set()
    for n, start in enumerate(headings):
        end = headings[n + 1] if n + 1 < len(headings) else len(top)
        question = read_question(top[start], top[start + 1 : end], document.body_line, problems)
        if question is None:
            continue
        if question["id"] in seen:
            problems.append((question["line"], f"question id '{question['id']}' is used twice"))
        seen.add(question["id"])
        questions.append(question)
    return result, {"questions": questions}


def compare_quizzes(source, translation) -> list[tuple[int, str]]:
    """A translation must ask the same questions, with the same options, the same ones correct."""
    problems = []
    source_questions = source.data["questions"]
    translated = translation.data["questions"]
    source_ids = [question["id"] for question in source_questions]
    translated_ids = [question["id"] for question in translated]
    if source_ids != translated_ids:
        missing = [qid for qid in source_ids if qid not in translated_ids]
        extra = [qid for qid in translated_ids if qid not in source_ids]
        detail = []
        if missing:
            detail.append("missing " + ", ".join(missing))
        if extra:
            detail.append("not in the source: " + ", ".join(extra))
        if not detail:
            detail.append("in a different order")
        line = translated[0]["line"] if translated else 1
        return [(line, f"questions do not match {source.path}: " + "; ".join(detail))]
    for original, copy in zip(source_questions, translated, strict=True):
        if len(original["options"]) != len(copy["options"]):
            problems.append(
                (
                    copy["line"],
                    f"question '{copy['id']}' has {len(copy['options'])} options; the source has {len(original['options'])}",
                )
            )
        elif original["correct"] != copy["correct"]:
            problems.append(
                (
                    copy["line"],
                    f"question '{copy['id']}' marks different options correct than the source",
                )
            )
    return problems


QUIZ = Kind(
    name="quiz",
    folder="quizzes",
    fields=(
        *f.COMMON_FIELDS,
        f.ORDER,
        f.MINUTES,
        f.Field("lesson", f.slug, where=f.SOURCE),
        f.Field("pass_mark", f.whole_number(1, 100), where=f.SOURCE, required=False, default=70),
        f.Field("shuffle", f.boolean, where=f.SOURCE, required=False, default=False),
    ),
    references={"lesson": "lessons"},
    read_body=read_quiz,
    compare=compare_quizzes,
    position=20,
)
