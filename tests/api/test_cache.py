"""The open-data ETag follows the data: a write gives a new ETag at once, even with caching on."""

from tests.support.leaderboards import take_part


def test_etag_changes_when_the_figures_do(make_app):
    app = make_app(PRIVACY_MIN_GROUP=3, CACHE_TYPE="SimpleCache")
    client = app.test_client()
    with app.app_context():
        take_part("IN", 3, pledges=1)
    for path in ("/api/v1/leaderboards/countries", "/api/v1/stats.csv"):
        first = client.get(path)
        etag = first.headers["ETag"]
        assert client.get(path, headers={"If-None-Match": etag}).status_code == 304
        with app.app_context():
            take_part("IN", 1, pledges=1)
        changed = client.get(path, headers={"If-None-Match": etag})
        assert changed.status_code == 200 and changed.data != first.data
        new_etag = changed.headers["ETag"]
        assert new_etag != etag
        assert client.get(path, headers={"If-None-Match": new_etag}).status_code == 304
