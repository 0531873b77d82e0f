"""The OpenAPI 3.1 description of the open-data API; the tests validate real responses against it."""

from flask import current_app

from challenge.leaderboards.organisations import BRACKETS, RANKINGS
from challenge.leaderboards.queries import METRICS
from challenge.leaderboards.windows import WINDOWS
from challenge.participation.countries import country_codes
from challenge.participation.organisations import SECTORS

COUNT = {"type": "integer", "minimum": 0}
FIGURES = {
    "type": "object",
    "properties": {metric: COUNT for metric in METRICS},
    "required": list(METRICS),
    "additionalProperties": False,
}
WINDOW = {
    "type": "object",
    "properties": {
        "key": {"type": "string", "enum": list(WINDOWS)},
        "start": {"type": ["string", "null"], "format": "date"},
        "end": {"type": "string", "format": "date"},
    },
    "required": ["key", "start", "end"],
    "additionalProperties": False,
}
COUNTRY_ROW = {
    "type": "object",
    "properties": {
        "rank": {"type": "integer", "minimum": 1},
        "country": {"type": "string", "pattern": "^[A-Z]{2}$", "description": "ISO 3166-1 alpha-2"},
        "name": {"type": "string", "description": "CLDR name in the requested locale"},
        **FIGURES["properties"],
    },
    "required": ["rank", "country", "name", *METRICS],
    "additionalProperties": False,
}
ERROR = {
    "type": "object",
    "properties": {"error": {"type": "string"}},
    "required": ["error"],
    "additionalProperties": False,
}


def parameter(name: str, description: str, schema: dict) -> dict:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema,
    }


def json_and_csv(schema_ref: str, description: str) -> dict:
    return {
        "200": {
            "description": description,
            "headers": {
                "ETag": {"schema": {"type": "string"}},
                "Cache-Control": {"schema": {"type": "string"}},
            },
            "content": {"application/json": {"schema": {"$ref": schema_ref}}},
        },
        "304": {"description": "Not modified since the ETag given in If-None-Match"},
    }


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


def openapi_document() -> dict:
    locales = list(current_app.config["LOCALES"])
    window_parameter = parameter(
        "window",
        "all: all time; week: the current campaign week; 30d: the last 30 days (UTC)",
        {"type": "string", "enum": list(WINDOWS), "default": "all"},
    )
    country_parameters = [
        window_parameter,
        parameter(
            "sort",
            "the figure to rank by",
            {"type": "string", "enum": list(METRICS), "default": "points"},
        ),
        parameter(
            "locale",
            "language of country names",
            {"type": "string", "enum": locales, "default": current_app.config["DEFAULT_LOCALE"]},
        ),
    ]
    bad_request = {
        "description": "An unknown window, sort or locale",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": f"{current_app.config['SITE_NAME']} open data",
            "version": "1.0.0",
            "description": (
                "Aggregate participation figures. No group with fewer than privacy_threshold people "
                "is shown; such groups are counted together under 'other' when that is safe. "
                "Points: pledge 10, lesson 5, quiz passed 20."
            ),
            "license": {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"},
        },
        "paths": {
            "/api/v1/leaderboards/countries": {
                "get": {
                    "operationId": "countryLeaderboard",
                    "summary": "Countries ranked by a figure",
                    "parameters": country_parameters,
                    "responses": {
                        **json_and_csv(
                            "#/components/schemas/CountryLeaderboard", "The ranked countries"
                        ),
                        "400": bad_request,
                    },
                }
            },
            "/api/v1/leaderboards/countries.csv": {
                "get": {
                    "operationId": "countryLeaderboardCsv",
                    "summary": "The same as CSV: rank, country, name, then each figure",
                    "parameters": country_parameters,
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
            **organisation_paths(window_parameter, bad_request),
            "/api/v1/stats": {
                "get": {
                    "operationId": "stats",
                    "summary": "Campaign totals in each time window",
                    "responses": json_and_csv("#/components/schemas/Stats", "Totals per window"),
                }
            },
            "/api/v1/stats.csv": {
                "get": {
                    "operationId": "statsCsv",
                    "summary": "The same as CSV: window, start, end, then each figure",
                    "responses": {
                        "200": {
                            "description": "CSV",
                            "content": {"text/csv": {"schema": {"type": "string"}}},
                        },
                        "304": {"description": "Not modified"},
                    },
                }
            },
        },
        "components": {
            "schemas": {
                "Figures": FIGURES,
                "Window": WINDOW,
                "Error": ERROR,
                "CountryRow": COUNTRY_ROW,
                "OrganisationRow": ORGANISATION_ROW,
                "OrganisationLeaderboard": organisation_schema(),
                "CountryLeaderboard": {
                    "type": "object",
                    "properties": {
                        "window": {"$ref": "#/components/schemas/Window"},
                        "sort": {"type": "string", "enum": list(METRICS)},
                        "privacy_threshold": {"type": "integer", "minimum": 1},
                        "countries": {
                            "type": "array",
                            "items": {"$ref": "#/components/schemas/CountryRow"},
                        },
                        "other": {
                            "oneOf": [{"$ref": "#/components/schemas/Figures"}, {"type": "null"}]
                        },
                    },
                    "required": ["window", "sort", "privacy_threshold", "countries", "other"],
                    "additionalProperties": False,
                },
                "Stats": {
                    "type": "object",
                    "properties": {
                        "privacy_threshold": {"type": "integer", "minimum": 1},
                        "windows": {
                            "type": "object",
                            "properties": {
                                key: {
                                    "type": "object",
                                    "properties": {
                                        "window": {"$ref": "#/components/schemas/Window"},
                                        "totals": {
                                            "oneOf": [
                                                {"$ref": "#/components/schemas/Figures"},
                                                {"type": "null"},
                                            ]
                                        },
                                    },
                                    "required": ["window", "totals"],
                                    "additionalProperties": False,
                                }
                                for key in WINDOWS
                            },
                            "required": list(WINDOWS),
                            "additionalProperties": False,
                        },
                    },
                    "required": ["privacy_threshold", "windows"],
                    "additionalProperties": False,
                },
            }
        },
    }
