"""Base viewset: who is calling (``viewer``) and the documented error responses every endpoint shares."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.models import AnonymousUser
from drf_spectacular.utils import OpenApiResponse, inline_serializer
from rest_framework import exceptions, generics, mixins, serializers, viewsets

from factcheck.rest.filters import viewer
from factcheck.rest.serializers import LeanModelSerializer
from partners.auth import PartnerPrincipal

_detail = inline_serializer("ErrorDetail", fields={"detail": serializers.CharField()})
_fields = {
    "type": "object",
    "description": 'Messages per field or parameter name, e.g. {"killed_min": ["Ensure this value is greater '
    'than or equal to 0."]}; "detail" or "non_field_errors" for the request as a whole.',
    "additionalProperties": {
        "anyOf": [
            {"type": "array", "items": {"type": "string"}},
            {"type": "string"},
            {"type": "object"},
        ]
    },
}

ERRORS_READ = {
    400: OpenApiResponse(_fields, description="A bad query parameter; the message names it."),
    401: OpenApiResponse(_detail, description="No, invalid, expired or revoked API key."),
    403: OpenApiResponse(_detail, description="The key lacks the scope for this."),
    404: OpenApiResponse(_fields, description="An id given in a filter matches nothing you can see."),
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


if TYPE_CHECKING:
    # The mixin is used only with a GenericAPIView (a GenericViewSet), whose methods it calls.
    _GenericView = generics.GenericAPIView
else:
    _GenericView = object


class LeanListModelMixin(mixins.ListModelMixin, _GenericView):
    """``list`` that reads plain rows (``.values()``) when the serializer needs no model instance.

    The same query, the same columns, the same output; only the model instances are skipped, which
    is most of the Python time of a 100-row page.
    """

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        serializer_class = self.get_serializer_class()
        lean = serializer_class if issubclass(serializer_class, LeanModelSerializer) else None
        columns = lean.value_columns() if lean is not None else None
        if columns is not None:
            queryset = queryset.values(*columns)
        page = self.paginate_queryset(queryset)
        if lean is not None and columns is not None and page:
            lean.fill_related(page)
        serializer = self.get_serializer(page, many=True)
        return self.get_paginated_response(serializer.data)


MAX_ID = 2**63 - 1


def id_or_404(raw) -> int:
    """A path id as an int: anything but a whole number a database column can hold is a 404 (there is
    no such row), never a ``ValueError`` or an overflow deeper down."""
    text = str(raw)
    if not text.isascii() or not text.isdigit() or int(text) > MAX_ID:
        raise exceptions.NotFound("No such row, or not visible to you.")
    return int(text)


class ApiViewSet(viewsets.GenericViewSet):
    """A GenericViewSet that knows its caller; selectors get ``**self.viewer``."""

    def get_object(self):
        lookup = self.lookup_url_kwarg or self.lookup_field
        if lookup in self.kwargs and self.lookup_field == "pk":
            # Rows looked up by id; a few (conflicts) are looked up by slug.
            self.kwargs[lookup] = id_or_404(self.kwargs[lookup])
        return super().get_object()

    @property
    def viewer(self) -> dict:
        return viewer(self.request)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if isinstance(request.user, PartnerPrincipal):
            # DRF copies the principal onto the Django request, where the audit trail
            # (django-simple-history) expects a real User; partners write as "no user".
            request._request.user = AnonymousUser()  # noqa: SLF001 (DRF keeps the HttpRequest there)
