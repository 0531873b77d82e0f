"""static_url: links to static files carry their content's digest, so they may be cached for a year."""

import hashlib
import re

import pytest

from challenge.config import PROJECT_ROOT
from challenge.static_assets import static_url

STYLESHEET = PROJECT_ROOT / "challenge" / "static" / "css" / "site.css"


def test_the_url_carries_the_digest_of_the_files_content(app):
    digest = hashlib.sha256(STYLESHEET.read_bytes()).hexdigest()[:12]
    with app.test_request_context():
        assert static_url("css/site.css") == f"/static/css/site.css?v={digest}"


def test_the_digest_changes_with_the_content(app, tmp_path):
    app.static_folder = str(tmp_path)
    asset = tmp_path / "app.css"
    asset.write_text("a{}")
    with app.test_request_context():
        before = static_url("app.css")
        asset.write_text("a{color:red}")
        assert static_url("app.css") != before


@pytest.mark.parametrize("name", ["missing.css", "../config.py"])
def test_a_file_outside_the_static_folder_or_missing_is_an_error(app, name):
    with app.test_request_context(), pytest.raises(FileNotFoundError):
        static_url(name)


def test_pages_link_versioned_static_files(client):
    page = client.get("/en/").get_data(as_text=True)
    links = re.findall(r'href="(/static/[^"]+)"', page)
    assert links and all(re.search(r"\?v=[0-9a-f]{12}$", link) for link in links), links
