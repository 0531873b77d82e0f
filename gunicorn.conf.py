"""gunicorn's settings for this app, read from the working directory: `gunicorn wsgi:app`.
Command-line options override them (`--workers 8`)."""

import os

# Built and warmed once, in the master: every worker, a replacement for a crashed one included,
# starts with compiled templates, loaded catalogs and cached country lists (challenge/warmup.py).
preload_app = True


def cores() -> int:
    """The cores this process may run on (its CPU affinity), which a container may limit."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


# One sync worker per core, plus one to use a core while another waits on the database, Redis or a
# client. The app's load is CPU: on two cores the viral benchmark went better with 3 workers than
# with 4 (docs/performance.md, "(a) The viral moment").
workers = int(os.environ.get("WEB_CONCURRENCY") or cores() + 1)

# gunicorn's standard sync worker: the app holds no long-lived connections (no websockets, no
# streaming), and in production nginx buffers requests and answers (deploy/nginx/), so a slow client
# never holds a worker and threads (gthread) would add no concurrency worth their GIL contention.
# `make serve` without nginx can pass `--worker-class gthread --threads 4` for slow clients.
worker_class = "sync"

# The scheme is decided in one place: the app, from the X-Forwarded-Proto of the PROXY_COUNT
# proxies it trusts (nginx overwrites it; docs/deployment.md). Left to its defaults, gunicorn would
# also believe X-Forwarded-Proto, -Protocol and -Ssl from any client on 127.0.0.1.
secure_scheme_headers: dict[str, str] = {}


def when_ready(server):
    import gc

    from flask import Flask

    app = server.app.wsgi()
    if isinstance(app, Flask) and app.import_name == "challenge":
        from challenge.warmup import warm_up

        server.log.info(warm_up(app))
    # What the master built lives as long as the workers: kept out of their garbage collector, a
    # full collection in a worker takes 1-3 ms instead of 50-200 ms during which it serves nobody
    # (docs/performance.md), and the pages those objects sit on stay shared after the fork.
    gc.freeze()


def post_fork(server, worker):
    """Connections are never shared across a fork: each worker opens its own."""
    from flask import Flask

    app = server.app.wsgi()
    if isinstance(app, Flask) and app.import_name == "challenge":
        from challenge.extensions import db

        with app.app_context():
            db.engine.dispose(close=False)
