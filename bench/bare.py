"""The baseline: a bare Flask route, served by the same gunicorn configuration as the app.

Every benchmark measures it in the same run and reports the app's figures as ratios to it, since
a shared two-core machine is too noisy for absolute numbers to hold from one run to the next.
`gunicorn bench.bare:app`.
"""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def bare():
    return "<!doctype html><title>bare</title><p>ok</p>"


@app.get("/healthz")
def healthz():
    return {"status": "ok"}
