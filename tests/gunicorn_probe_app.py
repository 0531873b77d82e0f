"""A WSGI app for driving gunicorn's workers by hand (tests/test_gunicorn_worker.py). It never
reads a request's body. Run it with one worker: the count of /record is that worker's."""

import time

recorded = 0


def app(environ, start_response):
    global recorded
    path, method = environ["PATH_INFO"], environ["REQUEST_METHOD"]
    if path == "/slow":
        time.sleep(0.5)
    elif path == "/record" and method == "POST":
        recorded += 1
    elif method == "POST":
        start_response("413 Content Too Large", [("Content-Length", "8")])
        return [b"too long"]
    body = str(recorded).encode() if path == "/recorded" else b"ok"
    start_response("200 OK", [("Content-Length", str(len(body)))])
    return [body]
