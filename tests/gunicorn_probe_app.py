"""A WSGI app for driving gunicorn's workers by hand: it answers without reading any body."""


def app(environ, start_response):
    if environ["REQUEST_METHOD"] == "POST":
        start_response("413 Content Too Large", [("Content-Length", "8")])
        return [b"too long"]
    start_response("200 OK", [("Content-Length", "2")])
    return [b"ok"]
