"""Helpers for the content section's tests: the editor's form, texts, and the database's view."""

import html
import re

from sqlalchemy import select

from challenge.content.models import ContentItem, ContentTranslation
from challenge.extensions import db
from challenge.staff.content.models import ContentRevision
from tests.factories import csrf_token

MFA = "lessons/multi-factor-authentication"


def editor(name: str = MFA, locale: str = "en") -> str:
    return f"/staff/content/{name}/{locale}"


def form_value(page: str, name: str) -> str:
    match = re.search(rf'name="{name}"[^>]*value="([^"]*)"', page) or re.search(
        rf'value="([^"]*)"[^>]*name="{name}"', page
    )
    return html.unescape(match.group(1)) if match else ""


def textarea(page: str) -> str:
    match = re.search(r'<textarea[^>]*name="text"[^>]*>\r?\n?(.*?)</textarea>', page, re.S)
    assert match, "no text area on the page"
    return html.unescape(match.group(1))


def send(client, url: str, action: str, text: str | None = None, **fields):
    """Open the editor (for its token, base and text), then press `action` with `text`."""
    page = client.get(url).text
    data = {
        "csrf_token": csrf_token(page),
        "base": form_value(page, "base"),
        "text": textarea(page) if text is None else text,
        "timezone": fields.pop("timezone", "UTC"),
        "action": action,
        **fields,
    }
    return client.post(url, data=data)


def served(app, name: str = MFA, locale: str = "en") -> ContentTranslation | None:
    folder, slug = name.split("/")
    kind = {"lessons": "lesson", "quizzes": "quiz", "pledges": "pledge", "pages": "page"}[folder]
    with app.app_context():
        found = db.session.scalar(
            select(ContentTranslation)
            .join(ContentItem)
            .where(
                ContentItem.kind == kind,
                ContentItem.slug == slug,
                ContentTranslation.locale == locale,
            )
        )
        if found is not None:
            db.session.expunge(found)
        return found


def revision_rows(app, slug: str | None = None, locale: str | None = None) -> list[ContentRevision]:
    with app.app_context():
        query = select(ContentRevision).order_by(ContentRevision.id)
        if slug:
            query = query.where(ContentRevision.slug == slug)
        if locale:
            query = query.where(ContentRevision.locale == locale)
        rows = db.session.scalars(query).all()
        for row in rows:
            db.session.expunge(row)
        return rows


def edited(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)
