"""Filter building blocks shared by every FilterSet of the API."""

from __future__ import annotations

from django import forms
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from partners.permissions import is_staff_user, request_partner

MAX_COUNT = 2**31 - 1


class CountFilter(filters.NumberFilter):
    """A whole, non-negative figure (a negative or fractional value is a 400 naming the parameter)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", MAX_COUNT)
        super().__init__(*args, **kwargs)


@extend_schema_field(OpenApiTypes.INT)
class IdFilter(filters.ModelChoiceFilter):
    """An id that must exist *for this caller*: an unknown id and one the caller may not see get the
    same 400, so a filter never confirms that a hidden row exists."""


def viewer(request) -> dict:
    """The keyword arguments selectors take to apply visibility for ``request``'s caller."""
    if request is None:
        return {"partner": None, "is_staff": False}
    return {"partner": request_partner(request), "is_staff": is_staff_user(request.user)}


def updated_since_filter() -> filters.IsoDateTimeFilter:
    return filters.IsoDateTimeFilter(
        field_name="updated_at",
        lookup_expr="gte",
        label="Only rows changed at or after this ISO 8601 time (for incremental sync).",
    )


def text_filter(method: str, label: str) -> filters.CharFilter:
    return filters.CharFilter(method=method, max_length=200, label=label)
