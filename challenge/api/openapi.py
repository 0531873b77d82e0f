"""The OpenAPI 3.1 description of the open-data API; the tests validate real responses against it."""

from flask import current_app

from challenge.api.openapi_editions import edition_paths, edition_schemas
from challenge.api.openapi_organisations import (
    ORGANISATION_ROW,
    organisation_paths,
    organisation_schema,
)
from challenge.api.openapi_parts import COUNT, ERROR, json_and_csv, parameter
from challenge.leaderboards.queries import METRICS
from challenge.leaderboards.windows import WINDOWS

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
    edition_locale = parameter(
        "locale",
        "language of titles and country names (an untranslated edition keeps its source's)",
        {"type": "string", "enum": locales, "default": current_app.config["DEFAULT_LOCALE"]},
    )
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
            **edition_paths(edition_locale, json_and_csv, bad_request),
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
                **edition_schemas(),
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
