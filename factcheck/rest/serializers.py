"""``LeanModelSerializer``: the output of a ModelSerializer (same fields, same schema) at a fraction
of the cost, for list views that render hundreds of rows.

Plain columns are read straight off the instance and foreign keys as their ``<name>_id``; datetimes
and JSON values are left for the orjson renderer; plain fields named in ``Meta.annotated`` are read
like columns (the view's queryset must annotate them); a plain field whose source is a column of a
row a foreign key points at (``source="claimant.name"``) is read, for a page of rows, by one query per
related model over the page's keys (``fill_related``: joining it into the page's query made PostgreSQL
join every matching row before the sort and limit, halving the throughput), and on instances through
the relation (select it).  Any other field (nested, method, decimal) goes through DRF as usual.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import connection, models
from rest_framework import serializers
from rest_framework.fields import SkipField
from rest_framework.utils import html

from factcheck.sql import quoted_column, quoted_table

_DIRECT_FIELDS = (
    serializers.BooleanField,
    serializers.CharField,
    serializers.ChoiceField,
    serializers.DateTimeField,
    serializers.FloatField,
    serializers.IntegerField,
    serializers.JSONField,
)


#: Column types whose values come back from a JSON object exactly as the ORM would return them.
_JSON_SAFE_TYPES = {
    "AutoField",
    "BigAutoField",
    "BigIntegerField",
    "CharField",
    "IntegerField",
    "SlugField",
    "TextField",
}


def _json_safe(field: models.Field) -> bool:
    """Whether JSON carries the field's values exactly (a foreign key: its target's values)."""
    if isinstance(field, models.ForeignKey):
        return _json_safe(field.target_field)
    return field.get_internal_type() in _JSON_SAFE_TYPES


@dataclass(frozen=True)
class Lookup:
    """Rows of ``model`` whose ``key`` field is one of ``keys``, read as ``columns``.

    A column is a field name, or ``<foreign key>__<column>`` for one column of the row the foreign key
    points at (read by a correlated primary-key match inside the same statement).
    """

    model: type[models.Model]
    columns: tuple[str, ...]
    keys: frozenset
    key: str = "pk"


def _column_sql(model: type[models.Model], column: str) -> tuple[str, models.Field] | None:
    """The SQL reading ``column`` of a ``model`` row, and the field whose value it is; None when the
    column is not a concrete field (or one foreign-key hop to one)."""
    head, _, tail = column.partition("__")
    field = model._meta.get_field(head)
    if not isinstance(field, models.Field):
        return None
    if not tail:
        return quoted_column(model, head), field
    if not isinstance(field, models.ForeignKey) or "__" in tail:
        return None
    target_model = field.related_model
    assert isinstance(target_model, type)
    target = target_model._meta.get_field(tail)
    if not isinstance(target, models.Field):
        return None
    target_pk = quoted_column(target_model, target_model._meta.pk.name)
    # Identifiers come from model metadata, quoted; no value is spliced in.
    sql = (
        f"(SELECT {quoted_column(target_model, tail)} FROM {quoted_table(target_model)} "  # noqa: S608
        f"WHERE {target_pk} = {quoted_table(model)}.{quoted_column(model, head)})"
    )
    return sql, target


def rows_by_key(lookups: list[Lookup]) -> list[dict[Any, list[dict[str, Any]]]]:
    """For each lookup, {key value: [rows as {column: value}]}, all in one SQL statement.

    The small look-ups a page needs (names of its parties, places, conflicts; its parties' sides) are
    one round trip and no ORM compilation each: a ``UNION ALL`` of one indexed match per lookup, every
    row's columns packed as a JSON object.  A lookup whose columns JSON would not carry exactly (dates,
    decimals) is read with its own ORM query instead.
    """
    found: list[dict[Any, list[dict[str, Any]]]] = [{} for _ in lookups]
    parts: list[str] = []
    params: list[Any] = []
    postgresql = connection.vendor == "postgresql"
    pack = "json_build_object" if postgresql else "json_object"
    for index, lookup in enumerate(lookups):
        if not lookup.keys:
            continue
        model = lookup.model
        key_field = model._meta.pk if lookup.key == "pk" else model._meta.get_field(lookup.key)
        assert isinstance(key_field, models.Field)
        columns = [_column_sql(model, column) for column in lookup.columns]
        resolved = [column for column in columns if column is not None]
        if len(resolved) < len(columns) or not all(_json_safe(field) for _, field in resolved):
            rows = model._default_manager.filter(**{f"{lookup.key}__in": lookup.keys}).values(
                lookup.key, *lookup.columns
            )
            for row in rows:
                found[index].setdefault(row[lookup.key], []).append(row)
            continue
        pairs = ", ".join(f"'{name}', {sql}" for name, (sql, _) in zip(lookup.columns, resolved, strict=True))
        key_column = f"{quoted_table(model)}.{quoted_column(model, key_field.name)}"
        if postgresql:
            # One array parameter: binding hundreds of scalars cost more than the statement itself.
            match, values = "= ANY(%s)", [list(lookup.keys)]
        else:
            match, values = f"IN ({', '.join(['%s'] * len(lookup.keys))})", list(lookup.keys)
        # Identifiers come from model metadata, quoted; every value is a parameter.
        parts.append(
            f"SELECT {index}, {key_column}, {pack}({pairs}) FROM {quoted_table(model)} "  # noqa: S608
            f"WHERE {key_column} {match}"
        )
        params += values
    if parts:
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(parts), params)
            for index, key, data in cursor.fetchall():
                row = json.loads(data) if isinstance(data, str) else data
                found[index].setdefault(key, []).append(row)
    return found


def rows_by_pk(
    wanted: list[tuple[type[models.Model], list[str], set]],
) -> dict[type[models.Model], dict[Any, dict[str, Any]]]:
    """For each (model, columns, primary keys): {pk: {column: value}}, all in one SQL statement
    (``rows_by_key`` matched on the primary key)."""
    lookups = [Lookup(model, tuple(columns), frozenset(keys)) for model, columns, keys in wanted]
    return {
        lookup.model: {key: rows[0] for key, rows in found.items()}
        for lookup, found in zip(lookups, rows_by_key(lookups), strict=True)
    }


class LeanModelSerializer(serializers.ModelSerializer):
    # Per serializer class: [(output name, attribute to read or None for "use the DRF field")].
    _lean_plans: dict[type, list[tuple[str, str | None]]] = {}

    @classmethod
    def meta_model(cls) -> type[models.Model]:
        """The serializer's model (``Meta.model``)."""
        return cls.Meta.model

    def column_plan(self) -> list[tuple[str, str | None]]:
        """[(output name, attribute to read, or None where the DRF field must build the value)]."""
        cls = type(self)
        plan = LeanModelSerializer._lean_plans.get(cls)
        if plan is None:
            plan = []
            model_fields = {f.name: f for f in self.meta_model()._meta.concrete_fields}
            annotated = set(getattr(self.Meta, "annotated", ()))
            for field in self._readable_fields:
                source = field.source or ""
                attr = None
                model_field = model_fields.get(source)
                if source in annotated and isinstance(field, _DIRECT_FIELDS):
                    # An annotation the view's queryset carries: read like a column.
                    attr = source
                elif "." in source and isinstance(field, _DIRECT_FIELDS):
                    # A column of a related row: joined into the same query.
                    attr = source.replace(".", "__")
                elif model_field is not None:
                    if isinstance(field, serializers.PrimaryKeyRelatedField) and model_field.is_relation:
                        attr = model_field.attname
                    elif isinstance(field, _DIRECT_FIELDS) and not isinstance(
                        model_field, models.DecimalField
                    ):
                        attr = source
                plan.append((field.field_name or source, attr))
            LeanModelSerializer._lean_plans[cls] = plan
        return plan

    @classmethod
    def value_columns(cls) -> list[str] | None:
        """The columns to ``.values()`` for this serializer, or None if a field needs the model.

        A related column (``claimant__name``) is not selected: its foreign key is, and
        ``fill_related`` adds the value to the page's rows."""
        plan = cls().column_plan()
        if any(attr is None for _, attr in plan):
            return None
        columns = [attr for _, attr in plan if attr is not None and "__" not in attr]
        for relation, _ in cls._related_columns():
            field = cls.meta_model()._meta.get_field(relation)
            if isinstance(field, models.Field) and field.attname not in columns:
                columns.append(field.attname)
        return columns

    @classmethod
    def _related_columns(cls) -> list[tuple[str, str]]:
        return [(head, tail) for head, _, tail in cls._joined_attrs()]

    @classmethod
    def _joined_attrs(cls) -> list[tuple[str, str, str]]:
        return [attr.partition("__") for _, attr in cls().column_plan() if attr and "__" in attr]

    @classmethod
    def fill_related(cls, rows: list[dict]) -> None:
        """Add the related columns (``claimant__name``) to ``.values()`` rows: one query over the keys
        on the page for all related models together (and the serializer's ``extra_lookups``),
        whatever the number of rows."""
        by_model: dict[Any, dict[str, list[str]]] = {}
        for relation, column in cls._related_columns():
            field = cls.meta_model()._meta.get_field(relation)
            by_model.setdefault(field.related_model, {}).setdefault(relation, []).append(column)
        lookups = []
        for model, relations in by_model.items():
            keys = {row[relation + "_id"] for relation in relations for row in rows} - {None}
            columns = sorted({column for cols in relations.values() for column in cols})
            lookups.append(Lookup(model, tuple(columns), frozenset(keys)))
        extra = cls.extra_lookups(rows)
        found = rows_by_key([*lookups, *extra])
        for relations, of_model in zip(by_model.values(), found[: len(lookups)], strict=True):
            for row in rows:
                for relation, cols in relations.items():
                    related = of_model.get(row[relation + "_id"])
                    for column in cols:
                        row[f"{relation}__{column}"] = related[0][column] if related else None
        if extra:
            cls.fill_extra(rows, found[len(lookups) :])

    @classmethod
    def extra_lookups(cls, rows: list[dict]) -> list[Lookup]:
        """More rows a page needs, read in the same statement as its names (none by default)."""
        return []

    @classmethod
    def fill_extra(cls, rows: list[dict], found: list[dict[Any, list[dict[str, Any]]]]) -> None:
        """Add what ``extra_lookups`` found (one ``rows_by_key`` result per lookup) to the page's rows."""

    def to_representation(self, instance) -> dict:
        if isinstance(instance, dict):
            # A row from ``.values(*value_columns())``: no model instance to build.
            return {name: instance[attr] for name, attr in self.column_plan()}
        out = {}
        for name, attr in self.column_plan():
            if attr is not None and "__" in attr:
                value = instance
                for step in attr.split("__"):
                    value = getattr(value, step, None) if value is not None else None
                out[name] = value
                continue
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


def unknown_field_message(name: str, known: list[str]) -> str:
    """ "unknown field 'published'; did you mean 'published_at'?" (the suggestion only when one is close)."""
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    if close:
        return f"unknown field {name!r}; did you mean {close[0]!r}?"
    return f"unknown field {name!r}; the fields are {', '.join(sorted(known)) or 'none'}."


class StrictInputSerializer(serializers.Serializer):
    """The base of every API write body: a key the serializer does not know is a 400 naming it.

    Without this, DRF drops unknown keys silently, so a misspelt field (``published`` for
    ``published_at``) quietly takes its default and the mistake surfaces weeks later in the data.
    The schema says the same (``additionalProperties: false``, ``factcheck.rest.schema``).
    """

    def to_internal_value(self, data):
        if isinstance(data, Mapping):
            known = [name for name, field in self.fields.items() if not field.read_only]
            unknown = [key for key in data if key not in known]
            if unknown:
                raise serializers.ValidationError(
                    {str(key): [unknown_field_message(str(key), known)] for key in unknown}
                )
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
