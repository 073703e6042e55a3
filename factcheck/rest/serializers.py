"""``LeanModelSerializer``: the output of a ModelSerializer (same fields, same schema) at a fraction
of the cost, for list views that render hundreds of rows.

Plain columns are read straight off the instance and foreign keys as their ``<name>_id``; datetimes
and JSON values are left for the orjson renderer; plain fields named in ``Meta.annotated`` are read
like columns (the view's queryset must annotate them).  Any other field (nested, method, decimal)
goes through DRF as usual.
"""

from __future__ import annotations

from django.db import models
from rest_framework import serializers
from rest_framework.fields import SkipField
from rest_framework.utils import html

_DIRECT_FIELDS = (
    serializers.BooleanField,
    serializers.CharField,
    serializers.ChoiceField,
    serializers.DateTimeField,
    serializers.FloatField,
    serializers.IntegerField,
    serializers.JSONField,
)


class LeanModelSerializer(serializers.ModelSerializer):
    # Per serializer class: [(output name, attribute to read or None for "use the DRF field")].
    _lean_plans: dict[type, list[tuple[str, str | None]]] = {}

    def _plan(self) -> list[tuple[str, str | None]]:
        cls = type(self)
        plan = LeanModelSerializer._lean_plans.get(cls)
        if plan is None:
            plan = []
            model_fields = {f.name: f for f in self.Meta.model._meta.concrete_fields}
            annotated = set(getattr(self.Meta, "annotated", ()))
            for field in self._readable_fields:
                source = field.source
                attr = None
                model_field = model_fields.get(source)
                if source in annotated and isinstance(field, _DIRECT_FIELDS):
                    # An annotation the view's queryset carries: read like a column.
                    attr = source
                elif model_field is not None:
                    if isinstance(field, serializers.PrimaryKeyRelatedField) and model_field.is_relation:
                        attr = model_field.attname
                    elif isinstance(field, _DIRECT_FIELDS) and not isinstance(
                        model_field, models.DecimalField
                    ):
                        attr = source
                plan.append((field.field_name, attr))
            LeanModelSerializer._lean_plans[cls] = plan
        return plan

    @classmethod
    def value_columns(cls) -> list[str] | None:
        """The columns to ``.values()`` for this serializer, or None if a field needs the model."""
        plan = cls()._plan()
        if any(attr is None for _, attr in plan):
            return None
        return [attr for _, attr in plan]

    def to_representation(self, instance) -> dict:
        if isinstance(instance, dict):
            # A row from ``.values(*value_columns())``: no model instance to build.
            return {name: instance[attr] for name, attr in self._plan()}
        out = {}
        for name, attr in self._plan():
            if attr is not None:
                out[name] = getattr(instance, attr)
                continue
            # Only serializers with nested or computed fields pay for building DRF's bound fields.
            field = self.fields[name]
            try:
                value = field.get_attribute(instance)
            except SkipField:
                continue
            out[name] = None if value is None else field.to_representation(value)
        return out


class StrictCharField(serializers.CharField):
    """A string field that refuses numbers and booleans instead of quietly turning them into text."""

    default_error_messages = {"not_a_string": "Must be a string."}

    def get_value(self, dictionary):
        # DRF reads an empty optional form field as "not sent"; the schema says an empty string is
        # too short for a field that may not be blank, so a form body gets the same 400 as JSON.
        if (
            html.is_html_input(dictionary)
            and dictionary.get(self.field_name) == ""
            and not (self.allow_blank or self.allow_null)
        ):
            return ""
        return super().get_value(dictionary)

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("not_a_string")
        return super().to_internal_value(data)


def _json_body(field) -> bool:
    """Whether the field reads a JSON body (where numbers have a type); a form body (urlencoded or
    multipart) carries every value as text, so there a digit string is the number."""
    request = field.context.get("request")
    content_type = getattr(request, "content_type", "") or ""
    return request is None or "json" in content_type


class StrictIntegerField(serializers.IntegerField):
    """A JSON number that is a whole number: refuses strings ("9"), booleans and fractions, as the
    schema's ``type: integer`` says, instead of quietly converting them (form bodies keep text)."""

    default_error_messages = {"not_a_number": "Must be a whole number (a JSON number, not a string)."}

    def to_internal_value(self, data):
        if isinstance(data, bool) or (not isinstance(data, int | float) and _json_body(self)):
            self.fail("not_a_number")
        return super().to_internal_value(data)


class StrictPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    """An id that is a JSON integer (not a string, boolean or fraction); form bodies keep text."""

    default_error_messages = {"not_an_id": "Must be an id (a JSON integer)."}

    def to_internal_value(self, data):
        if isinstance(data, bool) or (not isinstance(data, int) and _json_body(self)):
            self.fail("not_an_id")
        return super().to_internal_value(data)
