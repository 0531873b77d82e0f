"""Schemathesis: every operation of the published OpenAPI document, with generated parameters
(valid and invalid), answers without a server error and as the document describes (status, headers,
content type, JSON schema). Bounded: a few dozen examples per operation; derandomized in CI."""

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from challenge import create_app
from challenge.api.openapi import openapi_document
from challenge.extensions import db
from challenge.participation import tallies
from tests.conftest import settings as app_settings
from tests.support.leaderboards import TODAY

IN_CI = os.environ.get("CI", "").lower() == "true"
settings.register_profile(
    "api-fuzzing",
    max_examples=40,
    deadline=None,
    database=None,  # no .hypothesis/ folder in the working tree
    derandomize=IN_CI or os.environ.get("HYPOTHESIS_PROFILE") == "ci",
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def published_document() -> dict:
    """The document as the site publishes it (it is built from the configuration alone)."""
    app = create_app(app_settings("sqlite://"))
    with app.test_request_context("/api/openapi.json"):
        return openapi_document()


schema = schemathesis.openapi.from_dict(published_document())


@pytest.fixture
def api(make_app):
    app = make_app(PRIVACY_MIN_GROUP=3)
    with app.app_context():
        for country, people in (("IN", 5), ("JP", 4), ("FJ", 1), ("NZ", 2)):
            for _ in range(people):
                tallies.count_participant(country, TODAY)
                tallies.count_action("pledge", country, "pledge:1", TODAY)
        db.session.commit()
    return app


def test_the_document_tested_is_the_one_published(api):
    assert api.test_client().get("/api/openapi.json").get_json() == published_document()


@schema.parametrize()
@settings(settings.get_profile("api-fuzzing"))
def test_every_operation_answers_as_documented(case, api):
    case.call_and_validate(app=api)


# Regressions: what the fuzzing found.


@pytest.mark.parametrize("path", ["/api/v1/stats", "/en/"])
def test_a_method_not_allowed_says_which_are(client, path):
    response = client.open(path, method="TRACE")
    assert response.status_code == 405
    assert "GET" in response.headers["Allow"].split(", ")


def test_the_document_lists_the_countries_and_sectors_the_api_accepts(api):
    client = api.test_client()
    parameters = {
        parameter["name"]: parameter["schema"]
        for parameter in published_document()["paths"]["/api/v1/leaderboards/organisations"]["get"][
            "parameters"
        ]
    }
    assert "AA" not in parameters["country"]["enum"]
    assert client.get("/api/v1/leaderboards/organisations?country=AA").status_code == 400
    for name in ("country", "sector"):
        assert "" in parameters[name]["enum"]
        assert client.get(f"/api/v1/leaderboards/organisations?{name}=").status_code == 200
