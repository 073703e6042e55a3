"""The conflict and side filters every list endpoint shares (a conflict's slug, a side's slug)."""

from __future__ import annotations

from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from sources.models import Conflict, ConflictSide


def side_slug_choices() -> list[tuple[str, str]]:
    """The slugs of every loaded conflict's sides (a side filter accepts only these)."""
    slugs = ConflictSide.objects.order_by("slug").values_list("slug", flat=True).distinct()
    return [(slug, slug) for slug in slugs]


@extend_schema_field(OpenApiTypes.STR)
class SideSlugFilter(filters.ChoiceFilter):
    """A side given by its slug, one of the loaded conflicts' sides (any other is a 404 naming it)."""

    unknown_is_not_found = True

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("choices", side_slug_choices)
        super().__init__(*args, **kwargs)


@extend_schema_field(OpenApiTypes.STR)
class ConflictSlugFilter(filters.ModelChoiceFilter):
    """A conflict given by its slug; an unknown slug is a 404 naming the parameter."""

    unknown_is_not_found = True

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("queryset", Conflict.objects.all())
        kwargs.setdefault("to_field_name", "slug")
        kwargs.setdefault("label", "Conflict slug (see /api/v1/conflicts/)")
        super().__init__(*args, **kwargs)


def conflict_filter(field_name: str = "conflict") -> ConflictSlugFilter:
    """The ``conflict`` filter every list endpoint has: a conflict's slug (see /api/v1/conflicts/)."""
    return ConflictSlugFilter(field_name=field_name)
