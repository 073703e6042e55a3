"""Base viewset: who is calling (``viewer``) and the documented error responses every endpoint shares."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, inline_serializer
from rest_framework import serializers, viewsets

from factcheck.rest.filters import viewer

_detail = inline_serializer("ErrorDetail", fields={"detail": serializers.CharField()})
_fields = inline_serializer(
    "FieldErrors",
    fields={
        "field": serializers.ListField(child=serializers.CharField(), help_text="Messages per field name")
    },
)

ERRORS_READ = {
    400: OpenApiResponse(_fields, description="A bad query parameter; the message names it."),
    401: OpenApiResponse(_detail, description="No, invalid, expired or revoked API key."),
    403: OpenApiResponse(_detail, description="The key lacks the scope for this."),
    429: OpenApiResponse(_detail, description="Throttled; see the Retry-After header."),
}
ERRORS_DETAIL = {
    **ERRORS_READ,
    404: OpenApiResponse(_detail, description="No such row, or not visible to you."),
}
ERRORS_WRITE = {
    **ERRORS_DETAIL,
    400: OpenApiResponse(_fields, description="Invalid input; each message names its field."),
    413: OpenApiResponse(_detail, description="The body is larger than the configured limit."),
}


class ApiViewSet(viewsets.GenericViewSet):
    """A GenericViewSet that knows its caller; selectors get ``**self.viewer``."""

    @property
    def viewer(self) -> dict:
        return viewer(self.request)
