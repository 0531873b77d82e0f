"""The organisations part of the OpenAPI document (openapi.py puts it together)."""

from challenge.api.openapi_parts import COUNT, json_and_csv, parameter
from challenge.leaderboards.organisations import BRACKETS, RANKINGS
from challenge.participation.countries import country_codes
from challenge.participation.organisations import SECTORS

# The organisation row's fields, in order: the JSON schema and the CSV header share them.
ORGANISATION_COLUMNS = (
    "rank",
    "slug",
    "name",
    "country",
    "sector",
    "headcount",
    "members",
    "points",
    "participation_rate",
    "points_per_member",
)
ORGANISATION_ROW = {
    "type": "object",
    "properties": {
        "rank": {"type": "integer", "minimum": 1},
        "slug": {"type": ["string", "null"], "description": "null while the name is withheld"},
        "name": {
            "type": ["string", "null"],
            "description": "null while moderators have not approved the name",
        },
        "country": {"type": "string", "pattern": "^[A-Z]{2}$"},
        "sector": {"type": "string"},
        "headcount": {"type": "integer", "minimum": 1},
        "members": COUNT,
        "points": COUNT,
        "participation_rate": {"type": "number", "minimum": 0},
        "points_per_member": {"type": "number", "minimum": 0},
    },
    "required": list(ORGANISATION_COLUMNS),
    "additionalProperties": False,
}


def organisation_paths(window_parameter: dict, bad_request: dict) -> dict:

    parameters = [
        window_parameter,
        parameter(
            "bracket",
            "declared headcount bracket",
            {"type": "string", "enum": list(BRACKETS), "default": "1-49"},
        ),
        parameter(
            "ranking",
            "rate: members against headcount; points: average points per member",
            {"type": "string", "enum": list(RANKINGS), "default": "rate"},
        ),
        parameter(
            "country",
            "ISO 3166-1 alpha-2 code of a country the site lists (empty: every country)",
            {"type": "string", "enum": ["", *sorted(country_codes())]},
        ),
        parameter(
            "sector", "sector (empty: every sector)", {"type": "string", "enum": ["", *SECTORS]}
        ),
        parameter(
            "page",
            "page number (25 per page)",
            {"type": "integer", "minimum": 1, "maximum": 100000, "default": 1},
        ),
    ]
    return {
        "/api/v1/leaderboards/organisations": {
            "get": {
                "operationId": "organisationLeaderboard",
                "summary": "Verified organisations with at least privacy_threshold members, ranked within a size bracket",
                "parameters": parameters,
                "responses": {
                    **json_and_csv(
                        "#/components/schemas/OrganisationLeaderboard", "The ranked organisations"
                    ),
                    "400": bad_request,
                },
            }
        },
        "/api/v1/leaderboards/organisations.csv": {
            "get": {
                "operationId": "organisationLeaderboardCsv",
                "summary": "The same as CSV, one organisation per row",
                "parameters": parameters,
                "responses": {
                    "200": {
                        "description": "CSV",
                        "content": {"text/csv": {"schema": {"type": "string"}}},
                    },
                    "304": {"description": "Not modified"},
                    "400": bad_request,
                },
            }
        },
    }


def organisation_schema() -> dict:

    return {
        "type": "object",
        "properties": {
            "window": {"$ref": "#/components/schemas/Window"},
            "bracket": {"type": "string", "enum": list(BRACKETS)},
            "ranking": {"type": "string", "enum": list(RANKINGS)},
            "privacy_threshold": {"type": "integer", "minimum": 1},
            "page": {"type": "integer", "minimum": 1},
            "pages": {"type": "integer", "minimum": 1},
            "total": COUNT,
            "organisations": {
                "type": "array",
                "items": {"$ref": "#/components/schemas/OrganisationRow"},
            },
        },
        "required": [
            "window",
            "bracket",
            "ranking",
            "privacy_threshold",
            "page",
            "pages",
            "total",
            "organisations",
        ],
        "additionalProperties": False,
    }
