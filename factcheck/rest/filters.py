"""Filter building blocks shared by every FilterSet of the API."""

from __future__ import annotations

import copy
from datetime import UTC, datetime

from django import forms
from django.db.models import Q
from django.http import QueryDict
from django_filters import rest_framework as filters
from django_filters.fields import ModelChoiceField
from django_filters.filters import QuerySetRequestMixin
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import exceptions

from partners.permissions import is_staff_user, request_partner

MAX_COUNT = 2**31 - 1


@extend_schema_field(OpenApiTypes.INT)
class CountFilter(filters.NumberFilter):
    """A whole, non-negative figure (a negative or fractional value is a 400 naming the parameter)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", MAX_COUNT)
        super().__init__(*args, **kwargs)


class SeenByAllFirstField(ModelChoiceField):
    """A model choice looked up first among the rows every caller may see (``seen_by_all``), with a
    plain indexed query, and only then through the caller's visibility rule (the field's queryset),
    whose subqueries cost more to build and compile than the look-up itself.  ``visible``, when given,
    builds that queryset on first need (the field's own queryset is then only a placeholder of the
    model, never shown: a lean filter set renders no form)."""

    def __init__(self, *args, seen_by_all: Q | None = None, visible=None, **kwargs):
        self.seen_by_all = seen_by_all
        self.visible = visible
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        text = str(value)
        if self.seen_by_all is not None and text.isascii() and text.isdigit() and len(text) < 19:
            key = self.to_field_name or "pk"
            model = self.queryset.model  # type: ignore[has-type]  # a property the stubs leave untyped
            found = model._default_manager.filter(self.seen_by_all, **{key: int(text)}).first()
            if found is not None:
                return found
        if self.visible is not None:
            visible, self.visible = self.visible, None
            self.queryset = visible()
        return super().to_python(value)


@extend_schema_field(OpenApiTypes.INT)
class IdFilter(filters.ModelChoiceFilter):
    """An id that must exist *for this caller*: an unknown id and one the caller may not see get the
    same 400, so a filter never confirms that a hidden row exists.  ``seen_by_all`` (a ``Q``) names the
    rows every caller may see, looked up first (``SeenByAllFirstField``); in a lean filter set the
    caller's visible rows are then built only when the id is not one of them."""

    field_class = SeenByAllFirstField

    @property
    def field(self):
        lazy = (
            getattr(self.parent, "lean", False)
            and self.extra.get("seen_by_all") is not None
            and callable(self.queryset)
            and not hasattr(self, "_field")
        )
        if not lazy:
            return super().field
        request = self.get_request()
        related = self.model._meta.get_field(self.field_name).related_model
        self.extra["queryset"] = related._default_manager.all()
        self.extra["visible"] = lambda: self.get_queryset(request)
        # Past QuerySetRequestMixin.field, which would build the visible queryset now.
        return super(QuerySetRequestMixin, self).field


class StrictBooleanField(forms.NullBooleanField):
    """``true``/``false`` (or 1/0); anything else is an error rather than "no filter"."""

    def to_python(self, value):
        if value in (None, ""):
            return None
        if isinstance(value, str) and value.lower() in ("true", "1"):
            return True
        if isinstance(value, str) and value.lower() in ("false", "0"):
            return False
        if isinstance(value, bool):
            return value
        raise forms.ValidationError("Use true or false.", code="invalid")

    def validate(self, value):
        pass


class BooleanFilter(filters.BooleanFilter):
    field_class = StrictBooleanField

    def __init__(self, *args, **kwargs):
        # django-filter's BooleanWidget turns unknown words into "no filter"; read the raw value.
        kwargs.setdefault("widget", forms.TextInput)
        super().__init__(*args, **kwargs)


class FilterSet(filters.FilterSet):
    """A FilterSet that builds form fields only for the parameters a request sends.

    django-filter deep-copies every filter and builds a form field for each on every request; with
    thirty filters that is most of a list request's Python time.  Parameters not sent filter nothing,
    so leaving them out changes no result.  The browsable API (which renders the whole filter form)
    and callers without data still get every filter.
    """

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        renderer = getattr(request, "accepted_renderer", None)
        lean = data is not None and getattr(renderer, "format", None) != "api"
        if queryset is None:
            queryset = self._meta.model._default_manager.all()
        self.is_bound = data is not None
        self.lean = lean
        self.data = data or QueryDict()
        self.queryset = queryset
        self.request = request
        self.form_prefix = prefix
        names = [name for name in self.base_filters if not lean or name in self.data]
        self.filters = {name: copy.deepcopy(self.base_filters[name]) for name in names}
        for filter_ in self.filters.values():
            filter_.model = queryset.model
            filter_.parent = self


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


TEXT_MAX = 200


class TextFilter(filters.CharFilter):
    """Free text, capped so an absurd value is a 400 and not a slow query."""


class SizedText(filters.CharFilter):
    """An exact-match text filter whose documented maxLength is its ``max_length``."""


class ScoreFilter(filters.NumberFilter):
    pass


def text_filter(method: str, label: str) -> filters.CharFilter:
    return TextFilter(method=method, max_length=TEXT_MAX, label=label)


class FilterBackend(DjangoFilterBackend):
    """django-filter with the API's error statuses.

    A bad value is a 400 naming the parameter.  A well-formed id that matches nothing the caller may see
    is a 404 naming the parameter: the referenced row is not found (and another partner's hidden rows
    look exactly like rows that do not exist).
    """

    def filter_queryset(self, request, queryset, view):
        filterset = self.get_filterset(request, queryset, view)
        if filterset is None:
            return queryset
        if not filterset.is_valid():
            errors = filterset.errors.as_data()
            messages = {name: [m for e in errs for m in e.messages] for name, errs in errors.items()}
            if all(self._is_unknown_id(filterset, name, errs) for name, errs in errors.items()):
                raise exceptions.NotFound(messages)
            raise exceptions.ValidationError(messages)
        for name, value in filterset.form.cleaned_data.items():
            if isinstance(value, datetime) and value.utcoffset():
                # ISO 8601 allows offsets up to 23:59, PostgreSQL only to 15:59: compare in UTC.
                try:
                    filterset.form.cleaned_data[name] = value.astimezone(UTC)
                except OverflowError:
                    raise exceptions.ValidationError({name: ["The time is out of range."]}) from None
        return filterset.qs

    @staticmethod
    def _is_unknown_id(filterset, name: str, errors) -> bool:
        if getattr(filterset.filters.get(name), "unknown_is_not_found", False):
            # A slug that names nothing loaded (a conflict, a side): not found, like an unknown id.
            return all(e.code == "invalid_choice" for e in errors)
        if not isinstance(filterset.filters.get(name), IdFilter):
            return False
        raw = str(filterset.data.get(name, ""))
        return raw.lstrip("-").isdigit() and all(e.code == "invalid_choice" for e in errors)
