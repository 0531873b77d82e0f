"""Pages, stylesheets and API answers are gzip-compressed for clients that accept it."""

import gzip

GZIP = {"Accept-Encoding": "gzip, deflate, br"}


def test_pages_are_compressed_for_clients_that_accept_gzip(synced):
    client = synced.test_client()
    plain = client.get("/hi/lessons/spotting-phishing")
    packed = client.get("/hi/lessons/spotting-phishing", headers=GZIP)
    assert "Content-Encoding" not in plain.headers
    assert packed.headers["Content-Encoding"] == "gzip"
    assert (
        "Accept-Encoding" in packed.headers["Vary"] and "Accept-Encoding" in plain.headers["Vary"]
    )
    assert int(packed.headers["Content-Length"]) < len(plain.data) / 2
    assert gzip.decompress(packed.data).decode().startswith("<!doctype html>")


def test_static_files_are_compressed_and_still_answer_304(synced):
    client = synced.test_client()
    with client.get("/static/css/site.css", headers=GZIP) as first:
        assert first.headers["Content-Encoding"] == "gzip"
        assert b"{" in gzip.decompress(first.data)
        etag = first.headers["ETag"]
    assert etag.startswith('W/"')
    with client.get("/static/css/site.css", headers={**GZIP, "If-None-Match": etag}) as again:
        assert again.status_code == 304


def test_small_files_and_clients_that_refuse_gzip_are_left_alone(synced):
    client = synced.test_client()
    with client.get("/static/favicon.svg", headers=GZIP) as icon:  # under the 1 KB threshold
        assert "Content-Encoding" not in icon.headers
    refused = client.get("/en/", headers={"Accept-Encoding": "gzip;q=0, identity"})
    assert "Content-Encoding" not in refused.headers and refused.text.startswith("<!doctype")


def test_open_data_keeps_its_conditional_requests(synced):
    client = synced.test_client()
    first = client.get("/api/v1/stats", headers=GZIP)
    assert first.status_code == 200
    if first.headers.get("Content-Encoding") == "gzip":
        assert gzip.decompress(first.data).startswith(b"{")
    again = client.get("/api/v1/stats", headers={**GZIP, "If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
