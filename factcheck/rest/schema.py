"""drf-spectacular hooks for the API schema."""

from __future__ import annotations


def renderers_have_a_format(endpoints: list, **kwargs) -> list:
    """Give renderers declared with ``format = None`` a name while the schema is built.

    drf-spectacular splits every renderer's ``format`` when it resolves path parameters and fails on
    ``None`` (a pass-through download renderer), which would make /api/schema/ answer 500.  Only the
    schema generator's copy of the view's options is touched; serving is unchanged.
    """
    for _path, _regex, _method, callback in endpoints:
        initkwargs = getattr(callback, "initkwargs", None) or {}
        renderers = initkwargs.get("renderer_classes") or getattr(callback.cls, "renderer_classes", [])
        if any(getattr(r, "format", "") is None for r in renderers):
            # A new dict: the served view keeps its own (the closure holds the original).
            callback.initkwargs = {
                **initkwargs,
                "renderer_classes": [
                    type(r.__name__, (r,), {"format": "bin"}) if getattr(r, "format", "") is None else r
                    for r in renderers
                ],
            }
    return endpoints


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
