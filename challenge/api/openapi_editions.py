"""The editions part of the OpenAPI document (openapi.py puts it together)."""

from challenge.editions.format import ACTION_KINDS
from challenge.editions.rules import ENDED, RUNNING, UPCOMING

HIDDEN_COUNT = {
    "type": ["integer", "null"],
    "minimum": 0,
    "description": "null while fewer than privacy_threshold people would be counted",
}
STATUS = {"type": "string", "enum": [UPCOMING, RUNNING, ENDED]}
TOTALS = {
    "type": "object",
    "properties": {"participants": HIDDEN_COUNT, "completions": HIDDEN_COUNT},
    "required": ["participants", "completions"],
    "additionalProperties": False,
}
EDITION_WINDOW = {
    "type": "object",
    "properties": {
        "country": {
            "type": ["string", "null"],
            "pattern": "^[A-Z]{2}$",
            "description": "null for the default window, used by every country without its own",
        },
        "starts": {"type": "string", "format": "date"},
        "ends": {"type": "string", "format": "date"},
        "time_zone": {"type": "string", "description": "IANA time zone the dates are in"},
        "status": STATUS,
    },
    "required": ["country", "starts", "ends", "time_zone", "status"],
    "additionalProperties": False,
}
SUMMARY_PROPERTIES = {
    "slug": {"type": "string"},
    "title": {"type": "string"},
    "theme": {"type": ["string", "null"]},
    "locale": {"type": "string", "description": "the language title and theme are in"},
    "status": {
        **STATUS,
        "description": "running while any window runs, upcoming while any is to come, else ended",
    },
    "windows": {"type": "array", "items": {"$ref": "#/components/schemas/EditionWindow"}},
    "totals": {"$ref": "#/components/schemas/EditionTotals"},
}
ACTION = {
    "type": "object",
    "properties": {
        "id": {"type": "string"},
        "kind": {"type": "string", "enum": list(ACTION_KINDS)},
        "title": {"type": ["string", "null"], "description": "a task's; null for other kinds"},
        "ref": {"type": ["string", "null"], "description": "the lesson, quiz or pledge's slug"},
    },
    "required": ["id", "kind", "title", "ref"],
    "additionalProperties": False,
}


def edition_schemas() -> dict:
    return {
        "EditionTotals": TOTALS,
        "EditionWindow": EDITION_WINDOW,
        "EditionSummary": {
            "type": "object",
            "properties": SUMMARY_PROPERTIES,
            "required": list(SUMMARY_PROPERTIES),
            "additionalProperties": False,
        },
        "EditionList": {
            "type": "object",
            "properties": {
                "privacy_threshold": {"type": "integer", "minimum": 1},
                "editions": {
                    "type": "array",
                    "items": {"$ref": "#/components/schemas/EditionSummary"},
                },
            },
            "required": ["privacy_threshold", "editions"],
            "additionalProperties": False,
        },
        "Edition": {
            "type": "object",
            "properties": {
                **SUMMARY_PROPERTIES,
                "privacy_threshold": {"type": "integer", "minimum": 1},
                "complete_after": {
                    "type": "integer",
                    "minimum": 1,
                    "description": "fully completed days that finish the edition",
                },
                "days": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "number": {"type": "integer", "minimum": 1},
                            "title": {"type": "string"},
                            "actions": {"type": "array", "items": ACTION},
                        },
                        "required": ["number", "title", "actions"],
                        "additionalProperties": False,
                    },
                },
                "other_countries": {
                    "type": "integer",
                    "minimum": 0,
                    "description": (
                        "participants not counted in a country shown (held back, or without a "
                        "country), together: 0 or at least privacy_threshold"
                    ),
                },
                "countries": {
                    "type": "array",
                    "description": (
                        "countries with their own window, and any other shown: with at least "
                        "privacy_threshold participants, and never one whose figure the "
                        "total minus the others shown would give away (then null, or absent)"
                    ),
                    "items": {
                        "type": "object",
                        "properties": {
                            "country": {"type": "string", "pattern": "^[A-Z]{2}$"},
                            "name": {"type": "string"},
                            **TOTALS["properties"],
                        },
                        "required": ["country", "name", "participants", "completions"],
                        "additionalProperties": False,
                    },
                },
            },
            "required": [
                *SUMMARY_PROPERTIES,
                "privacy_threshold",
                "complete_after",
                "days",
                "countries",
                "other_countries",
            ],
            "additionalProperties": False,
        },
    }


def edition_paths(locale_parameter: dict, json_and_csv, bad_request: dict) -> dict:
    return {
        "/api/v1/editions": {
            "get": {
                "operationId": "editions",
                "summary": "Every published edition with its windows, status and totals",
                "parameters": [locale_parameter],
                "responses": {
                    **json_and_csv("#/components/schemas/EditionList", "The editions"),
                    "400": bad_request,
                },
            }
        },
        "/api/v1/editions/{slug}": {
            "get": {
                "operationId": "edition",
                "summary": "One edition: its days and actions, and totals per country",
                "parameters": [
                    {
                        "name": "slug",
                        "in": "path",
                        "required": True,
                        "description": "the edition's slug",
                        "schema": {"type": "string"},
                    },
                    locale_parameter,
                ],
                "responses": {
                    **json_and_csv("#/components/schemas/Edition", "The edition"),
                    "400": bad_request,
                    "404": {
                        "description": "No published edition has this slug",
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}
                        },
                    },
                },
            }
        },
    }
