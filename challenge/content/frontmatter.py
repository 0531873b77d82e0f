"""Split a content file into YAML front matter and a markdown body, keeping line numbers."""

from dataclasses import dataclass, field

import yaml

DELIMITER = "---"
TIMESTAMP = yaml.constructor.SafeConstructor.timestamp_regexp


@dataclass
class Document:
    meta: dict
    key_lines: dict[str, int]  # front-matter key -> line in the file
    body: str
    body_line: int  # the file line on which the body starts
    errors: list[tuple[int, str]] = field(default_factory=list)


def decode(raw: bytes) -> tuple[str | None, tuple[int, str] | None]:
    """The file's text, or the line and message of why it is not UTF-8."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, (line, "the file is not valid UTF-8; save it as UTF-8")
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n"), None


def file_line(yaml_text: str, mark) -> int:
    """The file line of a YAML mark. Not mark.line: YAML also breaks lines at U+0085, U+2028 and
    U+2029, which editors and our messages do not count."""
    return yaml_text.count("\n", 0, mark.index) + 2


def bad_timestamp_line(yaml_text: str, node) -> int:
    """The line of the first timestamp in `node` that PyYAML's constructor cannot read."""
    pending = [node]
    while pending:
        current = pending.pop()
        if isinstance(current, yaml.ScalarNode):
            if current.tag.endswith(":timestamp") and not TIMESTAMP.match(current.value):
                return file_line(yaml_text, current.start_mark)
        elif isinstance(current, yaml.MappingNode):
            pending.extend(part for pair in reversed(current.value) for part in reversed(pair))
        elif isinstance(current, yaml.SequenceNode):
            pending.extend(reversed(current.value))
    return 2


def parse(text: str) -> Document:
    lines = text.split("\n")
    if not lines or lines[0].strip() != DELIMITER:
        return Document(
            {}, {}, text, 1, [(1, "the file must start with front matter between '---' lines")]
        )
    try:
        closing = next(i for i, line in enumerate(lines[1:], start=1) if line.strip() == DELIMITER)
    except StopIteration:
        return Document({}, {}, "", 1, [(1, "the front matter has no closing '---' line")])
    yaml_text = "\n".join(lines[1:closing])
    body = "\n".join(lines[closing + 1 :])
    body_line = closing + 2
    try:
        node = yaml.compose(yaml_text, Loader=yaml.SafeLoader)
        meta = yaml.safe_load(yaml_text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = file_line(yaml_text, mark) if mark else 1
        reason = getattr(error, "problem", None) or "it is not valid YAML"
        return Document({}, {}, body, body_line, [(line, f"front matter: {reason}")])
    except (ValueError, TypeError, OverflowError, RecursionError) as error:
        # PyYAML raises these for values it tokenises but cannot construct, such as 2026-02-30.
        return Document({}, {}, body, body_line, [(2, f"front matter: {error}")])
    except AttributeError:
        # A value tagged !!timestamp that is not one: PyYAML fails to read it with AttributeError.
        line = bad_timestamp_line(yaml_text, node)
        return Document(
            {}, {}, body, body_line, [(line, "front matter: a date or time is not valid")]
        )
    if meta is None:
        meta = {}
    if not isinstance(meta, dict) or not isinstance(node, yaml.MappingNode | type(None)):
        return Document({}, {}, body, body_line, [(2, "front matter must be 'key: value' lines")])
    key_lines: dict[str, int] = {}
    errors = []
    for key_node, _value in node.value if node else []:
        line = file_line(yaml_text, key_node.start_mark)
        if not isinstance(key_node.value, str):
            continue
        if key_node.value in key_lines:
            errors.append((line, f"'{key_node.value}' is given twice"))
        key_lines[key_node.value] = line
    for key in list(meta):
        if not isinstance(key, str):
            errors.append((2, f"front-matter key {key!r} must be a word"))
            del meta[key]
    return Document(meta, key_lines, body, body_line, errors)
