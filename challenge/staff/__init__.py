"""The staff console under /staff/: content, people, organisations, moderation, jobs, audit log."""

from flask import Blueprint, Flask

bp = Blueprint("staff", __name__, url_prefix="/staff")


def init_app(app: Flask) -> None:
    from challenge.staff import cli, views  # noqa: F401 - routes and commands
    from challenge.staff import content as content_section  # noqa: F401
    from challenge.staff import jobs as jobs_section  # noqa: F401
    from challenge.staff.certificates import views as certificate_views  # noqa: F401
    from challenge.staff.dashboard import views as dashboard_views  # noqa: F401
    from challenge.staff.editions import views as edition_views  # noqa: F401
    from challenge.staff.moderation import views as moderation_views  # noqa: F401
    from challenge.staff.orgs import views as organisation_views  # noqa: F401
    from challenge.staff.people import views as people_views  # noqa: F401

    app.cli.add_command(cli.staff)
    app.register_blueprint(bp)
