"""Translation coverage: every item in every locale, and how much of each UI catalog is done."""

from flask import current_app, render_template

from challenge.config import translation_locales
from challenge.i18n.catalogs import catalog_coverage
from challenge.staff import bp
from challenge.staff.access import require
from challenge.staff.content import queries
from challenge.staff.content.presenting import KIND_NAMES


@bp.get("/translations")
@require("content.view")
def translations():
    rows = queries.rows(include_archived=False)
    locales = [
        locale
        for locale in translation_locales(current_app.config)
        if locale != current_app.config["DEFAULT_LOCALE"]
    ]
    return render_template(
        "staff/content/translations.html",
        rows=rows,
        locales=locales,
        source_locale=current_app.config["DEFAULT_LOCALE"],
        counts=queries.counts(rows),
        catalogs=catalog_coverage(),
        listed=current_app.config["LOCALES"],
        kinds=KIND_NAMES,
    )
