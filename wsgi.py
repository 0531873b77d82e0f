"""The WSGI entry point: `gunicorn wsgi:app`, `flask --app wsgi ...`."""

import sys

from challenge import create_app
from challenge.config import ConfigurationError

try:
    app = create_app()
except ConfigurationError as error:  # a setting to fix: say which and how, without a traceback
    sys.exit(f"Cannot start the Quad Cyber Challenge: {error}")
