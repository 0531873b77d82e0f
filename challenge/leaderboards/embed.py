"""Embeddable widgets: the only pages other sites may frame (see security.py)."""

from flask import render_template
from flask_babel import lazy_gettext as _l

from challenge.caching import public_page
from challenge.leaderboards import embed_bp
from challenge.leaderboards.figures import embed_widget
from challenge.leaderboards.windows import window


@embed_bp.get("/countries")
@public_page
def countries():
    return render_template(
        "leaderboards/embed.html",
        heading=_l("Leading countries"),
        **embed_widget("countries", window("all")),
    )


@embed_bp.get("/quad")
@public_page
def quad():
    return render_template(
        "leaderboards/embed.html",
        heading=_l("The Quad members"),
        **embed_widget("quad", window("all")),
    )
