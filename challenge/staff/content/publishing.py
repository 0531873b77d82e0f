"""Putting a checked text live, exactly as `flask content sync` imports a file, and the rules
that decide whether it may go live."""

from babel import Locale
from flask import current_app, has_request_context
from flask_babel import gettext as _
from sqlalchemy import select

from challenge.clock import utcnow
from challenge.content.kinds import KINDS_BY_NAME
from challenge.content.loader import ContentFile
from challenge.content.loader import ContentItem as TreeItem
from challenge.content.models import ContentItem, ContentTranslation
from challenge.content.operations import assign, item_values, translation_values
from challenge.extensions import db
from challenge.i18n.locales import current_locale
from challenge.staff.content.targets import Target
from challenge.staff.content.validation import Checked


def language_name(code: str) -> str:
    """A language named in the reader's language, from CLDR."""
    reader = current_locale() if has_request_context() else code
    return Locale.parse(code).get_display_name(reader)


def go_live(target: Target, content_file: ContentFile) -> None:
    """Copy a checked file into the served tables with the code `content sync` uses, so an
    export writes it back byte for byte and a sync of that export changes nothing."""
    tree_item = TreeItem(target.kind, target.slug, target.folder)
    item = target.item()
    changed = False
    if target.is_source:
        if item is None:
            item = ContentItem(kind=target.kind.name, slug=target.slug, translations=[])
            db.session.add(item)
        changed = assign(item, item_values(tree_item, content_file))
    version = content_file.meta["version"] if target.is_source else item.version
    translation = next((row for row in item.translations if row.locale == target.locale), None)
    if translation is None:
        translation = ContentTranslation(locale=target.locale)
        item.translations.append(translation)
    if assign(translation, translation_values(tree_item, content_file, version)):
        translation.updated_at = utcnow()
        changed = True
    if changed:
        item.updated_at = utcnow()
    db.session.flush()


def take_down(target: Target) -> None:
    """Stop serving a target: an item leaves the tree (archived, as when its folder is removed);
    a translation is removed, so readers get the source."""
    item = target.item()
    if item is None:
        return
    if target.is_source:
        item.archived = True
        item.updated_at = utcnow()
        return
    served = next((row for row in item.translations if row.locale == target.locale), None)
    if served is not None:
        item.translations.remove(served)
        item.updated_at = utcnow()
    db.session.flush()


def referencing(target: Target) -> list[str]:
    """Other items in the tree that link to or name this one (`folder/slug`, sorted)."""
    wanted = [target.kind.folder, target.slug]
    found = set()
    items = db.session.execute(
        select(ContentItem.id, ContentItem.kind, ContentItem.slug, ContentItem.data).where(
            ContentItem.archived.is_(False)
        )
    ).all()
    names = {row.id: f"{KINDS_BY_NAME[row.kind].folder}/{row.slug}" for row in items}
    for row in items:
        kind = KINDS_BY_NAME[row.kind]
        for name, folder in kind.references.items():
            if folder == target.kind.folder and (row.data or {}).get(name) == target.slug:
                found.add(names[row.id])
    for item_id, data in db.session.execute(
        select(ContentTranslation.item_id, ContentTranslation.data).where(
            ContentTranslation.item_id.in_(list(names))
        )
    ):
        if any(list(link[:2]) == wanted for link in (data or {}).get("links", [])):
            found.add(names[item_id])
    found.discard(f"{target.kind.folder}/{target.slug}")
    return sorted(found)


INVALID = "invalid"
SOURCE_FIRST = "source first"
ARCHIVED_ITEM = "archived item"
BREAKS_TRANSLATIONS = "breaks translations"


def refusal(target: Target, checked: Checked, *, withdraw: bool = False, source_due=None):
    """Why this text may not go live (one of the keys above), or None. `source_due`: the time a
    scheduled source goes live, for translations scheduled to follow it."""
    if not checked.valid:
        return INVALID
    if not target.is_source:
        item = target.item()
        if source_due is None and (item is None or target.source.served() is None):
            return SOURCE_FIRST
        if source_due is None and item.archived:
            return ARCHIVED_ITEM
        return None
    if checked.breaks and not withdraw:
        return BREAKS_TRANSLATIONS
    return None


def explain(reason: str) -> str:
    """A refusal, for the page (in a request: translated)."""
    language = language_name(current_app.config["DEFAULT_LOCALE"])
    if reason == INVALID:
        return _(
            "This text has errors, so it can only be saved as a draft. Fix the problems listed, then publish."
        )
    if reason == SOURCE_FIRST:
        return _("Publish the %(language)s source first.", language=language)
    if reason == ARCHIVED_ITEM:
        return _(
            "This item is archived. Publish its %(language)s source to bring it back first.",
            language=language,
        )
    return _(
        "Published translations no longer match this text (see below). Update them first, or choose to withdraw them: they can be translated again from this version."
    )
