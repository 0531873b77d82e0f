"""Share cards: the 1200x630 PNG a messaging app shows when a page's link is shared (Open Graph
and Twitter card tags, templates/_social.html), and the share links beside it.

A feature gives the text (a heading, a title) and gets the card's absolute URL for its page's
tags and the image's response. The URL carries `v`, a digest of the card's text and of the
renderer's version, so an image at one URL never changes: it is cached publicly for a year, and a
new title (a content edit, a new translation) is a new URL. The card holds content only, never
anything about a visitor.

Text is shaped by Raqm (HarfBuzz) through Pillow with the system's Noto fonts (render.py,
fonts.py), so Hindi conjuncts and Japanese come out right.
"""

import hashlib

from flask import Response, current_app, request
from flask_babel import gettext as _

from challenge.cards.render import HEIGHT, WIDTH, card_png
from challenge.urls import public_url

__all__ = ["HEIGHT", "WIDTH", "card_png", "card_response", "card_url", "card_version"]

RENDERER_VERSION = "1"  # bump when the drawing changes, so every card gets a new URL
YEAR = 365 * 24 * 3600


def card_version(heading: str, title: str, locale: str) -> str:
    text = "\x1f".join((RENDERER_VERSION, locale, heading, title, _("Quad Cyber Challenge")))
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def card_url(endpoint: str, text: dict, **values) -> str:
    """The card's absolute URL on PUBLIC_URL, keyed on its content; `text` is what
    `card_response` is given (heading, title, locale), `values` the endpoint's."""
    return public_url(endpoint, v=card_version(**text), **values)


def card_response(*, heading: str, title: str, locale: str) -> Response:
    """The card as a PNG response: cached publicly for a year when asked for by its current
    version, briefly otherwise (an old or missing `v`), so a stale URL soon shows the new card."""
    png = card_png(
        heading=heading,
        title=title,
        campaign=_("Quad Cyber Challenge"),
        locale=locale,
        font_dirs=current_app.config["BADGE_FONT_DIRS"],
    )
    response = Response(png, mimetype="image/png")
    response.cache_control.public = True
    if request.args.get("v") == card_version(heading, title, locale):
        response.cache_control.max_age = YEAR
        response.cache_control.immutable = True
    else:
        response.cache_control.max_age = 3600
    response.add_etag()
    return response.make_conditional(request)


def init_app(app) -> None:
    from challenge.cards.share import share_links

    app.jinja_env.globals["share_links"] = share_links
