"""The Quad Cyber Challenge platform."""

import logging
import os
from collections.abc import Mapping

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from challenge import config as settings
from challenge import cross_origin
from challenge.extensions import csrf, db, limiter, mailman, migrate


def create_app(config: Mapping | type | None = None) -> Flask:
    """Build the app: code defaults, then environment variables, then `config` (a mapping or class)."""
    instance_path = os.environ.get("INSTANCE_PATH") or str(settings.PROJECT_ROOT / "instance")
    app = Flask(__name__, instance_path=instance_path)
    app.config.from_object(settings.Config)
    app.config.update(settings.settings_from_environment(os.environ))
    if isinstance(config, Mapping):
        app.config.update(config)
    elif config is not None:
        app.config.from_object(config)
    settings.finalise(app.config, app.instance_path)
    logging.getLogger("challenge").setLevel(app.config["LOG_LEVEL"])

    db.init_app(app)
    migrate.init_app(app, db, directory=app.config["MIGRATIONS_DIR"], render_as_batch=True)
    cross_origin.init_app(app)  # before Flask-WTF's token check: a cross-site POST is a 403
    csrf.init_app(app)
    limiter.init_app(app)
    mailman.init_app(app)

    from challenge import (
        accounts,
        api,
        caching,
        cards,
        certificates,
        content,
        demo,
        editions,
        errors,
        help,
        i18n,
        inputs,
        jobs,
        leaderboards,
        lessons,
        me,
        moderation,
        organisations,
        pages,
        participation,
        pledges,
        quizzes,
        ratelimits,
        schools,
        security,
        staff,
        static_assets,
        urls,
    )

    caching.init_app(app)  # first, so its after_request hook runs last
    i18n.init_app(app)
    security.init_app(app)
    inputs.init_app(app)
    errors.init_app(app)
    ratelimits.init_app(app)
    content.init_app(app)
    accounts.init_app(app)
    participation.init_app(app)
    moderation.init_app(app)
    certificates.init_app(app)
    pages.init_app(app)
    help.init_app(app)
    lessons.init_app(app)
    pledges.init_app(app)
    quizzes.init_app(app)
    editions.init_app(app)
    organisations.init_app(app)
    schools.init_app(app)
    me.init_app(app)
    staff.init_app(app)
    leaderboards.init_app(app)
    api.init_app(app)
    demo.init_app(app)
    jobs.init_app(app)  # last: every feature has registered its job kinds and periodic jobs
    cards.init_app(app)
    app.jinja_env.globals.update(public_url=urls.public_url, canonical_url=urls.canonical_url)
    static_assets.init_app(app)
    if app.config["PROXY_COUNT"]:
        # Behind N trusted proxies, take the client's address and scheme from the headers they
        # overwrite; never the host or port, which only PUBLIC_URL gives.
        count = app.config["PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=0, x_port=0)
    return app
