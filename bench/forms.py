"""The POST forms of an HTML page and their fields: enough for a load test or a page-weight check
to fill them in as a person would (bench/locustfile.py, bench/weight.py)."""

import html
import re
from dataclasses import dataclass, field

INPUT_TAG = re.compile(r"<(input|textarea)\b([^>]*)>", re.IGNORECASE)
SELECT_TAG = re.compile(r"<select\b([^>]*)>(.*?)</select>", re.IGNORECASE | re.DOTALL)
OPTION_VALUE = re.compile(r'<option\b[^>]*\bvalue="([^"]*)"', re.IGNORECASE)
ATTRIBUTE = re.compile(r'([\w:-]+)(?:="([^"]*)")?')
FORM_TAG = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.IGNORECASE | re.DOTALL)


def attributes(tag_body: str) -> dict[str, str]:
    return {name.lower(): html.unescape(value or "") for name, value in ATTRIBUTE.findall(tag_body)}


@dataclass
class Form:
    action: str
    hidden: dict[str, str] = field(default_factory=dict)
    selects: dict[str, list[str]] = field(default_factory=dict)  # name: option values
    choices: dict[str, tuple[str, list[str]]] = field(default_factory=dict)  # name: (type, values)
    texts: list[str] = field(default_factory=list)


def forms(page: str) -> list[Form]:
    """The POST forms of a page, with their fields: enough to fill them in like a person would."""
    found = []
    for form_attributes, inner in FORM_TAG.findall(page):
        attrs = attributes(form_attributes)
        if attrs.get("method", "get").lower() != "post":
            continue
        form = Form(action=attrs.get("action", "").split("#")[0])
        for select_attributes, options in SELECT_TAG.findall(inner):
            name = attributes(select_attributes).get("name")
            if name:
                form.selects[name] = [html.unescape(v) for v in OPTION_VALUE.findall(options) if v]
        for _tag, tag_attributes in INPUT_TAG.findall(inner):
            attrs = attributes(tag_attributes)
            name, kind = attrs.get("name"), attrs.get("type", "text").lower()
            if not name:
                continue
            if kind == "hidden":
                form.hidden[name] = attrs.get("value", "")
            elif kind in ("radio", "checkbox"):
                form.choices.setdefault(name, (kind, []))[1].append(attrs.get("value", "y"))
            else:
                form.texts.append(name)
        found.append(form)
    return found
