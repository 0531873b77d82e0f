"""Links to static files that carry their content's digest (`/static/css/site.css?v=3f2a...`).

A file's URL changes whenever its bytes do, so nginx (deploy/nginx/) and browsers may keep any
versioned URL for a year (`Cache-Control: public, max-age=31536000, immutable`) and a new release
is still seen at once: its pages link new URLs. Templates call `static_url('css/site.css')`.
"""

import hashlib
from pathlib import Path

from flask import Flask, current_app, url_for

DIGEST_LENGTH = 12  # hex digits of SHA-256: plenty to tell one version of a file from the next

# (path, size, mtime) -> digest: hashed once per version of a file, not per page.
_digests: dict[tuple[str, int, int], str] = {}


def content_digest(path: Path) -> str:
    stat = path.stat()
    key = (str(path), stat.st_size, stat.st_mtime_ns)
    if key not in _digests:
        _digests[key] = hashlib.sha256(path.read_bytes()).hexdigest()[:DIGEST_LENGTH]
    return _digests[key]


def static_url(filename: str) -> str:
    """The URL of static file `filename`, versioned by its content."""
    folder = Path(current_app.static_folder).resolve()
    path = (folder / filename).resolve()
    if not path.is_relative_to(folder) or not path.is_file():
        raise FileNotFoundError(f"no static file {filename!r} in {folder}")
    return url_for("static", filename=filename, v=content_digest(path))


def init_app(app: Flask) -> None:
    app.jinja_env.globals["static_url"] = static_url
