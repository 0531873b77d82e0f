"""Shared test helpers (moved out of test modules, which never import each other)."""

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012


def validator_for(document, schema_name):
    registry = Registry().with_resource(
        "urn:openapi", Resource.from_contents(document, default_specification=DRAFT202012)
    )
    schema = {"$ref": f"urn:openapi#/components/schemas/{schema_name}"}
    return Draft202012Validator(schema, registry=registry)


def check(document, schema_name, data):
    errors = list(validator_for(document, schema_name).iter_errors(data))
    assert errors == [], [error.message for error in errors]
