"""`python -m bench.prepare [PARTICIPANTS]`: make the database in DATABASE_URL ready to serve.

Runs the operator's commands (`flask db upgrade`, `flask content sync`, `flask demo seed
--participants N`) through the app's own CLI, in one process to save interpreter start-ups, and
prints the seconds each took as JSON.
"""

import json
import sys
import tempfile
import time
from pathlib import Path


def run_commands(app, commands: list[list[str]]) -> dict[str, float]:
    """Invoke `flask` commands on `app`; the seconds each took. Raises if one fails."""
    runner = app.test_cli_runner()
    seconds = {}
    for command in commands:
        started = time.perf_counter()
        outcome = runner.invoke(args=command)
        if outcome.exit_code != 0:
            if outcome.exception is not None and not isinstance(outcome.exception, SystemExit):
                raise outcome.exception
            raise RuntimeError(f"flask {' '.join(command)} failed:\n{outcome.output}")
        seconds[" ".join(command[:2])] = time.perf_counter() - started
    return seconds


def preparation(participants: int) -> list[list[str]]:
    commands = [["db", "upgrade"], ["content", "sync"]]
    if participants:
        commands.append(["demo", "seed", "--participants", str(participants)])
    return commands


def in_process_app(
    name: str, participants: int, config: dict | None = None, database_url: str | None = None
):
    """An app on a new database (SQLite in a temporary folder unless `database_url` is given),
    made ready with `participants`, and the slug of its first pledge: what the in-process probes
    (bench.pledge_flow) measures."""
    from sqlalchemy import select

    from challenge import create_app
    from challenge.content.models import ContentItem
    from challenge.extensions import db

    folder = Path(tempfile.mkdtemp(prefix=f"qcc-{name}-"))
    app = create_app(
        {
            "DATABASE_URL": database_url or f"sqlite:///{folder / 'probe.db'}",
            "SECRET_KEY": name,
            "PUBLIC_URL": "http://127.0.0.1:8000",  # the host the probes' requests name
            **(config or {}),
        }
    )
    run_commands(app, preparation(participants))
    with app.app_context():
        pledge = db.session.scalar(
            select(ContentItem.slug).where(ContentItem.kind == "pledge").order_by(ContentItem.id)
        )
    return app, pledge


def close_connections(app) -> None:
    """Close the app's pooled database connections: before its database is dropped, and so that
    none is left for the garbage collector (a ResourceWarning, an error under pytest)."""
    from challenge.extensions import db

    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def main(argv: list[str]) -> int:
    from wsgi import app

    participants = int(argv[0]) if argv else 0
    print(json.dumps(run_commands(app, preparation(participants))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
