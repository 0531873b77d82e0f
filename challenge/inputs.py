"""Refusing, before any view reads them, inputs that no honest browser sends and that would
otherwise end in a 500: a query string that is not UTF-8 (Werkzeug fails decoding it), and NUL
characters in the path, query or form, which PostgreSQL can neither store nor compare in text."""

from flask import Flask, abort, request


def has_nul(pairs) -> bool:
    return any("\x00" in key or "\x00" in value for key, value in pairs)


def refuse_malformed_input() -> None:
    try:
        request.query_string.decode("utf-8")
    except UnicodeDecodeError:
        abort(400)
    if "\x00" in request.path or has_nul(request.args.items(multi=True)):
        abort(400)
    if request.method == "POST" and has_nul(request.form.items(multi=True)):
        abort(400)


def init_app(app: Flask) -> None:
    app.before_request(refuse_malformed_input)
