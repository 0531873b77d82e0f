"""Text responses gzip-compressed for browsers that accept it, so every page stays under its weight
budget over the wire even with no compressing proxy in front (`make serve`, a bare gunicorn).

Streams are left alone (they are not buffered here); static files are small and read whole.
Compressed responses get a weak ETag (the bytes differ from the uncompressed ones, the content
does not; If-None-Match compares weakly, so 304s still work) and every compressible response
`Vary: Accept-Encoding`, so no cache hands gzip to a client that did not ask for it.
"""

import gzip

from flask import Flask, Response, request

COMPRESSIBLE = frozenset(
    {
        "text/html",
        "text/css",
        "text/csv",
        "text/plain",
        "text/javascript",
        "application/javascript",
        "application/json",
        "application/xml",
        "image/svg+xml",
    }
)
MINIMUM_BYTES = 1024  # below this the saving is smaller than the cost
LEVEL = 6  # what proxies use: most of level 9's saving at a fraction of its time
LARGEST_FILE_READ = 1024 * 1024  # static files up to this size are read to be compressed


def wants_gzip() -> bool:
    """Whether this request's answer may be gzip-compressed (never a HEAD's: it has no body)."""
    return request.method != "HEAD" and request.accept_encodings.quality("gzip") > 0


def compress(response: Response) -> Response:
    if response.mimetype not in COMPRESSIBLE:
        return response
    response.vary.add("Accept-Encoding")
    whole = response.status_code == 200 or 400 <= response.status_code < 600  # not 206, 304...
    if not whole or "Content-Encoding" in response.headers or not wants_gzip():
        return response
    if response.direct_passthrough:  # a file from send_file: read it if it is small
        length = response.content_length
        if length is None or length > LARGEST_FILE_READ:
            return response
        response.direct_passthrough = False
    elif response.is_streamed:
        return response
    body = response.get_data()
    if len(body) < MINIMUM_BYTES:
        return response
    response.set_data(gzip.compress(body, compresslevel=LEVEL))
    response.headers["Content-Encoding"] = "gzip"
    etag, weak = response.get_etag()
    if etag and not weak:
        response.set_etag(etag, weak=True)
    return response


def init_app(app: Flask) -> None:
    # Registered before the other features' hooks, so it runs after them (Flask runs them in
    # reverse) and compresses the body they leave.
    app.after_request(compress)
