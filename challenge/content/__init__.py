"""The content pipeline: markdown files in content/, validated and imported into the database."""

from flask import Blueprint, Flask, abort, current_app, send_from_directory

from challenge.content import cli, directives, sections
from challenge.content.kinds import KINDS
from challenge.content.markdown import IMAGE_NAME

bp = Blueprint("content", __name__)


@bp.get("/content-media/<folder>/<slug>/<name>")
def media(folder: str, slug: str, name: str):
    """Images that content files reference from their own folder."""
    if folder not in KINDS or not IMAGE_NAME.match(name):
        abort(404)
    response = send_from_directory(current_app.config["CONTENT_DIR"], f"{folder}/{slug}/{name}")
    # SVG is a document that could carry script: serve it inert.
    response.headers["Content-Security-Policy"] = (
        "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    )
    return response


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    app.cli.add_command(cli.content)
    app.jinja_env.filters["directives"] = directives.expand
    app.jinja_env.filters["country_sections"] = sections.arrange
