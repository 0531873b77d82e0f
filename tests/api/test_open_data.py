"""The open-data API: responses match the OpenAPI document; CORS, ETag, caching and CSV."""

import csv
import io

import pytest

from challenge.extensions import db
from challenge.participation import tallies
from tests.support.leaderboards import TODAY
from tests.support.schemas import check


@pytest.fixture
def api(make_app):
    app = make_app(PRIVACY_MIN_GROUP=3)
    with app.app_context():
        for country, people in (("IN", 5), ("JP", 4), ("FJ", 1), ("NZ", 2)):
            for _ in range(people):
                tallies.count_participant(country, TODAY)
                tallies.count_action("pledge", country, "pledge:1", TODAY)
        db.session.commit()
    return app.test_client()


def test_every_json_endpoint_matches_the_openapi_document(api):
    document = api.get("/api/openapi.json").get_json()
    assert document["openapi"].startswith("3.1")
    operations = {
        path: spec["get"]["responses"]["200"]["content"] for path, spec in document["paths"].items()
    }
    for path, content in operations.items():
        if (
            "application/json" not in content or "{" in path
        ):  # templated: tests/api/test_editions.py
            continue
        schema_name = content["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
        windows = ["all", "week", "30d"] if "window" in str(document["paths"][path]) else [None]
        for key in windows:
            response = api.get(path, query_string={"window": key} if key else None)
            assert response.status_code == 200, path
            check(document, schema_name, response.get_json())
    for path in document["paths"]:
        if "{" not in path:
            assert api.get(path).status_code == 200, path


def test_country_figures_respect_the_threshold(api):
    data = api.get("/api/v1/leaderboards/countries?sort=pledges&locale=ja").get_json()
    assert [(c["country"], c["name"], c["rank"]) for c in data["countries"]] == [
        ("IN", "インド", 1),
        ("JP", "日本", 2),
    ]
    assert data["other"]["participants"] == 3  # Fiji and New Zealand, together
    stats = api.get("/api/v1/stats").get_json()
    assert stats["windows"]["all"]["totals"]["participants"] == 12


@pytest.mark.parametrize(
    "query", ["window=forever", "sort=secrets", "locale=xx", "window=%00", "sort=' OR 1=1 --"]
)
def test_bad_parameters_get_a_400_in_json(api, query):
    response = api.get(f"/api/v1/leaderboards/countries?{query}")
    assert response.status_code == 400 and "error" in response.get_json()
    assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_cors_etag_and_caching(api):
    response = api.get("/api/v1/leaderboards/countries")
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert (
        "public" in response.headers["Cache-Control"]
        and "max-age=" in response.headers["Cache-Control"]
    )
    etag = response.headers["ETag"]
    again = api.get("/api/v1/leaderboards/countries", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""


def test_csv_variants(api):
    response = api.get("/api/v1/leaderboards/countries.csv?window=30d")
    assert response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.text)))
    assert rows[0] == [
        "rank",
        "country",
        "name",
        "participants",
        "pledges",
        "lessons",
        "quiz_passes",
        "points",
    ]
    assert rows[1][:3] == ["1", "IN", "India"]
    stats = list(csv.reader(io.StringIO(api.get("/api/v1/stats.csv").text)))
    assert [row[0] for row in stats[1:]] == ["all", "week", "30d"]


def test_only_embed_pages_may_be_framed(api):
    embed = api.get("/embed/en/quad")
    assert embed.status_code == 200
    assert "frame-ancestors *" in embed.headers["Content-Security-Policy"]
    assert "X-Frame-Options" not in embed.headers
    assert "unsafe-inline" not in embed.headers["Content-Security-Policy"]
    for path in ("/en/leaderboards/countries", "/api/v1/stats", "/en/"):
        response = api.get(path)
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
        assert response.headers["X-Frame-Options"] == "DENY"
    assert "India" in api.get("/embed/en/countries").text
