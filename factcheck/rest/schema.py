"""drf-spectacular hooks for the API schema."""

from __future__ import annotations

_COMMON_ERRORS = {
    "401": "No, invalid, expired or revoked API key.",
    "403": "The key lacks the scope for this.",
    "429": "Throttled; see the Retry-After header.",
}


def every_operation_documents_auth_errors(result: dict, generator, request, public) -> dict:
    """Every API view runs the same authentication, permission and throttle classes, so every
    operation can answer 401, 403 and 429; add them where a view did not document them itself."""
    detail = {
        "type": "object",
        "properties": {"detail": {"type": "string"}},
        "required": ["detail"],
    }
    for path_item in result.get("paths", {}).values():
        for operation in path_item.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            for status, description in _COMMON_ERRORS.items():
                operation["responses"].setdefault(
                    status,
                    {"description": description, "content": {"application/json": {"schema": detail}}},
                )
    return result


def empty_filters_filter_nothing(result: dict, generator, request, public) -> dict:
    """An optional query parameter sent empty (``?status=``) filters nothing (django-filter's rule, and
    what an HTML form sends for a field left blank); say so with ``allowEmptyValue`` so clients and
    schema-driven tests do not take ``""`` for a value that breaks the parameter's format or enum."""
    for path_item in result.get("paths", {}).values():
        for operation in path_item.values():
            if not isinstance(operation, dict):
                continue
            for parameter in operation.get("parameters", []):
                if parameter.get("in") == "query" and not parameter.get("required"):
                    parameter.setdefault("allowEmptyValue", True)
    return result


def request_bodies_refuse_unknown_fields(result: dict, generator, request, public) -> dict:
    """Every write body refuses keys it does not know (``StrictInputSerializer``): say so in the schema
    with ``additionalProperties: false`` on each request body's schema."""
    schemas = result.get("components", {}).get("schemas", {})
    for path_item in result.get("paths", {}).values():
        for operation in path_item.values():
            if not isinstance(operation, dict):
                continue
            for media in operation.get("requestBody", {}).get("content", {}).values():
                ref = media.get("schema", {}).get("$ref", "")
                schema = schemas.get(ref.rsplit("/", 1)[-1]) if ref else media.get("schema")
                if schema is not None and schema.get("type", "object") == "object":
                    schema["additionalProperties"] = False
    return result


#: No text the API accepts may hold a NUL character (PostgreSQL cannot store one; Django refuses it).
NO_NUL_PATTERN = "^[^\\u0000]*$"


def text_never_holds_nul(result: dict, generator, request, public) -> dict:
    """Every free-text input (request body fields, query parameters) refuses a NUL character with a
    400; say so with a ``pattern`` so the schema and the behaviour agree."""

    def mark(schema: dict) -> None:
        if schema.get("type") == "string" and not ({"format", "enum", "pattern"} & set(schema)):
            schema["pattern"] = NO_NUL_PATTERN

    for name, component in result.get("components", {}).get("schemas", {}).items():
        if name.endswith("Request"):
            for prop in component.get("properties", {}).values():
                mark(prop)
                if prop.get("type") == "array" and isinstance(prop.get("items"), dict):
                    mark(prop["items"])
    for path_item in result.get("paths", {}).values():
        for operation in path_item.values():
            if isinstance(operation, dict):
                for parameter in operation.get("parameters", []):
                    if parameter.get("in") == "query" and isinstance(parameter.get("schema"), dict):
                        mark(parameter["schema"])
    return result
