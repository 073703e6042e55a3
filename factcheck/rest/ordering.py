"""``ordering`` that refuses unknown fields with a 400 instead of silently ignoring them."""

from __future__ import annotations

from rest_framework import exceptions
from rest_framework.filters import OrderingFilter


class StrictOrderingFilter(OrderingFilter):
    def get_ordering(self, request, queryset, view):
        params = request.query_params.get(self.ordering_param)
        if params:
            fields = [param.strip() for param in params.split(",") if param.strip()]
            valid = {name for name, _ in self.get_valid_fields(queryset, view, {"request": request})}
            unknown = [f for f in fields if f.lstrip("-") not in valid]
            if unknown or not fields:
                raise exceptions.ValidationError(
                    {
                        self.ordering_param: [
                            f"Unknown ordering field(s): {', '.join(unknown) or params!r}; "
                            f"use {', '.join(sorted(valid))} (prefix - for descending)."
                        ]
                    }
                )
            if not any(f.lstrip("-") in ("id", "pk") for f in fields):
                # A unique tie-breaker keeps cursor pages stable when the first field has ties.
                fields.append("-id" if fields[0].startswith("-") else "id")
            return fields
        return self.get_default_ordering(view)

    def get_schema_operation_parameters(self, view) -> list[dict]:
        fields = sorted(
            name
            for name in (getattr(view, "ordering_fields", None) or ())
            if isinstance(name, str) and name != "__all__"
        )
        if not fields:
            return super().get_schema_operation_parameters(view)
        one = "-?(" + "|".join(fields) + ")"
        return [
            {
                "name": self.ordering_param,
                "required": False,
                "in": "query",
                "description": f"Comma-separated sort fields, prefix - for descending: {', '.join(fields)}.",
                "schema": {"type": "string", "pattern": f"^{one}(,{one})*$"},
            }
        ]
