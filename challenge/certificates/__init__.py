"""Certificates: a platform service that features use to certify that a participant finished
something (an edition), with a code anyone can verify at /verify/<code>, downloads as PDF and
PNG, and an Open Badges 2.0 assertion. Features describe their subjects through `registry`, so
this package imports none of them; staff revoke certificates from the console (staff/certificates).

    from challenge.certificates import operations, registry
    registry.subject("edition")(describe)
    operations.issue(participant, "edition", slug, completed_on, name=..., locale=...)
"""

from flask import Blueprint, Flask

bp = Blueprint("certificates", __name__)


def init_app(app: Flask) -> None:
    from challenge.certificates import operations, views  # noqa: F401 - routes, the merger

    app.register_blueprint(bp)
