"""Builders for test data: content files written to a temporary tree."""

import datetime as dt
from pathlib import Path

import yaml

from challenge.mail import text_of

SOURCE_DEFAULTS = {
    "lessons": {
        "title": "A lesson",
        "summary": "What the lesson teaches.",
        "minutes": 5,
        "order": 1,
        "status": "published",
        "version": 1,
        "reviewed": dt.date(2026, 12, 7),
    },
    "pages": {
        "title": "A page",
        "summary": "What the page says.",
        "status": "published",
        "version": 1,
    },
}
SOURCE_DEFAULTS["quizzes"] = {
    "title": "A quiz",
    "summary": "Check what you learned.",
    "lesson": "a-lesson",
    "minutes": 5,
    "order": 1,
    "status": "published",
    "version": 1,
}
SOURCE_DEFAULTS["pledges"] = {
    "title": "A pledge",
    "summary": "Why to take it.",
    "statement": "I will do the thing.",
    "steps": ["Do it."],
    "lesson": "a-lesson",
    "order": 1,
    "status": "published",
    "version": 1,
}
TRANSLATION_DEFAULTS = {
    "title": "अनुवाद",
    "summary": "सारांश",
    "status": "published",
    "source_version": 1,
}


def document(meta: dict, body: str) -> str:
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    return f"---\n{front}---\n\n{body}\n"


class ContentFactory:
    """Writes items into a content folder: `content.lesson("mfa", order=2)`."""

    def __init__(self, root: Path):
        self.root = root
        root.mkdir(parents=True, exist_ok=True)

    def write(self, relative: str, text: str | bytes) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    def item(
        self, folder: str, slug: str, locale: str = "en", body: str = "Some text.", **meta
    ) -> Path:
        defaults = SOURCE_DEFAULTS[folder] if locale == "en" else TRANSLATION_DEFAULTS
        values = {**defaults, **meta}
        values = {key: value for key, value in values.items() if value is not None}
        return self.write(f"{folder}/{slug}/{locale}.md", document(values, body))

    def lesson(self, slug: str, locale: str = "en", body: str = "Some text.", **meta) -> Path:
        return self.item("lessons", slug, locale, body, **meta)

    def quiz(self, slug: str, locale: str = "en", body: str | None = None, **meta) -> Path:
        return self.item("quizzes", slug, locale, QUIZ_BODY if body is None else body, **meta)

    def pledge(self, slug: str, locale: str = "en", body: str = "It matters.", **meta) -> Path:
        if locale != "en":
            meta = {**PLEDGE_META, **meta}
        return self.item("pledges", slug, locale, body, **meta)


QUIZ_BODY = """## A parcel text {#parcel}

You get this text:

> Pay the redelivery fee: https://parcel.example

What should you do?

- [ ] Pay it
  > The page steals card details.
- [x] Check on the courier's own app

> Couriers do not ask for fees by text.

## Warning signs {#signs}

Choose all that apply.

- [x] Urgency
- [x] A mismatched sender
- [ ] Your name

> Pressure and mismatched addresses are classic signs.
"""

PLEDGE_META = {
    "statement": "I will turn on multi-factor authentication.",
    "steps": ["Open your security settings.", "Turn on **two-step verification**."],
}


def csrf_token(html: str) -> str:
    import re

    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html)
    assert match, "no CSRF token on the page"
    return match.group(1)


def form_token(html: str) -> dict:
    """The form's CSRF token field, if it has one: pages that may be shared carry none."""
    import re

    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html)
    return {"csrf_token": match.group(1)} if match else {}


def submit(client, url: str, data: dict, *, page: str | None = None, **kwargs):
    """GET the form's page (for its CSRF token, if any, and cookies), then POST the data to `url`."""
    token = form_token(client.get(page or url).text)
    return client.post(url, data={**token, **data}, **kwargs)


def last_link(outbox) -> str:
    import re

    body = text_of(outbox[-1])
    url = re.search(r"https?://\S+", body).group(0)
    return "/" + url.split("://", 1)[1].split("/", 1)[1]
