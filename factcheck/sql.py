"""Quoted identifiers from model metadata, and the one operator that differs between the databases, for
the few statements written by hand on hot paths."""

from __future__ import annotations

from django.db import connection, models


def quoted_table(model: type[models.Model]) -> str:
    """The model's table name, quoted for the default connection."""
    return connection.ops.quote_name(model._meta.db_table)


def quoted_column(model: type[models.Model], name: str) -> str:
    """The column of the model's concrete field ``name`` (a foreign key's ``<name>_id``), quoted."""
    field = model._meta.get_field(name)
    assert isinstance(field, models.Field)
    return connection.ops.quote_name(field.column or field.name)


def null_safe_equals() -> str:
    """The operator for "equal, two NULLs included" on the default connection (PostgreSQL's
    ``IS NOT DISTINCT FROM``; SQLite's ``IS``)."""
    return "IS NOT DISTINCT FROM" if connection.vendor == "postgresql" else "IS"
