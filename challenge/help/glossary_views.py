"""The public glossary page: each term, in the reader's language, with what it means."""

from dataclasses import dataclass

from flask import abort, render_template

from challenge.caching import public_page
from challenge.content.queries import published_item, source_locale
from challenge.help import glossary_bp
from challenge.help.glossary import FOLDER, SLUG_OF_TERMS
from challenge.i18n.locales import current_locale


@dataclass(frozen=True)
class Term:
    id: str
    term: str
    english: str
    definition: str
    avoid: tuple[str, ...]


def glossary_terms(locale: str):
    """(shown item, [Term]) in `locale`, the source's words where it is not translated."""
    source = published_item(FOLDER, SLUG_OF_TERMS, source_locale())
    if source is None:
        return None, []
    shown = published_item(FOLDER, SLUG_OF_TERMS, locale) or source
    words = {entry["id"]: entry for entry in shown.translation.data.get("terms") or ()}
    terms = []
    for entry in source.translation.data.get("terms") or ():
        translated = words.get(entry["id"], entry)
        terms.append(
            Term(
                id=entry["id"],
                term=translated["term"],
                english=entry["term"],
                definition=translated["definition"],
                avoid=tuple(translated.get("avoid") or ()),
            )
        )
    return shown, terms


@glossary_bp.get("/")
@public_page
def index():
    shown, terms = glossary_terms(current_locale())
    if shown is None:
        abort(404)
    return render_template("help/glossary.html", glossary=shown, terms=terms)
