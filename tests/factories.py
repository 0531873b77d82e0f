"""Builders for test data: content files written to a temporary tree."""

from pathlib import Path

import yaml

SOURCE_DEFAULTS = {
    "lessons": {
        "title": "A lesson",
        "summary": "What the lesson teaches.",
        "minutes": 5,
        "order": 1,
        "status": "published",
        "version": 1,
    },
    "pages": {
        "title": "A page",
        "summary": "What the page says.",
        "status": "published",
        "version": 1,
    },
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
