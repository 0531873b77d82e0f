"""The WSGI entry point: `gunicorn wsgi:app`, `flask --app wsgi ...`."""

from challenge import create_app

app = create_app()
