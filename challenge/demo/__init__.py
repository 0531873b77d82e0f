"""Demo data: `flask demo seed` fills the database with realistic, fake participation."""

from flask import Flask


def init_app(app: Flask) -> None:
    from challenge.demo.cli import demo

    app.cli.add_command(demo)
