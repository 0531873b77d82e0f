"""Building blocks that the parts of the OpenAPI document share (openapi.py puts it together)."""

COUNT = {"type": "integer", "minimum": 0}
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
