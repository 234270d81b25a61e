"""The OpenAPI document tells the truth about refusals too (issue 12): every operation lists the
error answers the API gives, with their bodies, so a client (and the fuzzing run in
tests/test_fuzz_api.py) can rely on them.

- ``Error`` ``{"detail": "…"}``: 403 (not signed in, no right, a rule refused), 404 (outside
  the scope, no such object, no such page), 412 (If-Match names an older version), 429 (too
  many requests: the throttle), 415 (a body in a media type the operation does not read), each
  with a translated message.
- ``ValidationError`` (400) ``{"<field>": ["…"], "non_field_errors": ["…"]}``: what was wrong
  with the request, by field (a refused file or a service's refusal may use ``detail``).

A view documents a different body for one of these codes with ``extend_schema(responses=…)``;
this hook only fills in the codes an operation does not list itself."""

ERROR = {
    "type": "object",
    "description": "A refusal and why, in the user's language.",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
VALIDATION_ERROR = {
    "type": "object",
    "description": (
        "What was wrong with the request: each field's messages under its name, the rest under "
        "non_field_errors (or detail)."
    ),
    "additionalProperties": {
        "oneOf": [
            {"type": "array", "items": {}},
            {"type": "string"},
            {"type": "object"},
        ]
    },
}

REFUSALS = {
    "400": ("The request is invalid (messages by field).", "ValidationError"),
    "403": ("Not signed in, or not allowed.", "Error"),
    "404": ("Not found, or outside what the user may see.", "Error"),
    "409": ("The record is still referred to by others and cannot be deleted.", "Error"),
    "412": ("If-Match names a version that is no longer stored.", "Error"),
    "415": ("The body's Content-Type is not one the operation reads.", "Error"),
    "429": ("Too many requests; try again later.", "Error"),
}
WRITES = {"post", "put", "patch", "delete"}


def refusals_of(method: str, operation: dict) -> list[str]:
    """The error codes an operation can answer."""
    parameters = operation.get("parameters", [])
    query = any(p.get("in") == "query" for p in parameters)
    in_path = any(p.get("in") == "path" for p in parameters)
    codes = ["403", "429"]
    if method in WRITES or query:
        codes.append("400")  # a body or a filter the API cannot take
    if method in WRITES or query or in_path:
        codes.append("404")  # a path's object, a referenced object or a page outside the scope
    if method in {"put", "patch", "delete"}:
        codes.append("412")
    if method == "delete":
        codes.append("409")
    if "requestBody" in operation:
        codes.append("415")  # a body without a Content-Type, or one no parser takes
    return sorted(codes)


def add_error_responses(result, generator, request, public):
    """drf-spectacular postprocessing hook: the refusals of every operation, two components."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas.setdefault("Error", ERROR)
    schemas.setdefault("ValidationError", VALIDATION_ERROR)
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if method not in {"get", "post", "put", "patch", "delete", "head", "options"}:
                continue
            responses = operation.setdefault("responses", {})
            for code in refusals_of(method, operation):
                if code in responses:
                    continue
                description, component = REFUSALS[code]
                responses[code] = {
                    "description": description,
                    "content": {
                        "application/json": {"schema": {"$ref": f"#/components/schemas/{component}"}}
                    },
                }
    return result
