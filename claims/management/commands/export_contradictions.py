"""``manage.py export_contradictions --format json|csv``: every contradiction with both claims.

Each contradiction is an object with ``id``, ``kind``, ``status``, ``explanation``, ``score``,
``claim_a`` and ``claim_b``; each claim is in the form ``ingest --json`` prints (``claims.exports``),
with its ``id``.  CSV flattens the claims into ``claim_a_<key>`` / ``claim_b_<key>`` columns (party
paths joined with " > ").  Rows are streamed in id order, a few thousand at a time.
"""

from __future__ import annotations

import csv
import json

from django.core.management.base import BaseCommand

from claims.exports import CLAIM_JSON_KEYS, CLAIM_JSON_RELATED, claims_as_json
from claims.models import Claim, Contradiction, ContradictionKind, ContradictionStatus

CONTRADICTION_KEYS = ("id", "kind", "status", "explanation", "score")
CHUNK = 2000


def contradictions_as_json(contradictions: list[Contradiction]) -> list[dict]:
    """Serialise contradictions with their two claims (claims in ``claims_as_json`` form)."""
    claim_ids = {c.claim_a_id for c in contradictions} | {c.claim_b_id for c in contradictions}
    claims = Claim.objects.filter(pk__in=claim_ids).select_related(*CLAIM_JSON_RELATED)
    by_id = {row["id"]: row for row in claims_as_json(claims)}
    return [
        {
            "id": c.pk,
            "kind": c.kind,
            "status": c.status,
            "explanation": c.explanation,
            "score": c.score,
            "claim_a": by_id[c.claim_a_id],
            "claim_b": by_id[c.claim_b_id],
        }
        for c in contradictions
    ]


def _flat(value):
    if isinstance(value, list):
        return " > ".join(value)
    return "" if value is None else value


class Command(BaseCommand):
    help = "Print every contradiction, with both claims, as JSON or CSV."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["json", "csv"], default="json")
        parser.add_argument("--status", choices=list(ContradictionStatus.values), help="Only this status.")
        parser.add_argument("--kind", choices=list(ContradictionKind.values), help="Only this kind.")

    def handle(self, *args, format: str, status: str | None, kind: str | None, **options):
        queryset = Contradiction.objects.order_by("id")
        if status:
            queryset = queryset.filter(status=status)
        if kind:
            queryset = queryset.filter(kind=kind)
        if format == "json":
            self._json(queryset)
        else:
            self._csv(queryset)

    def _chunks(self, queryset):
        last = 0
        while chunk := list(queryset.filter(pk__gt=last)[:CHUNK]):
            yield contradictions_as_json(chunk)
            last = chunk[-1].pk

    def _json(self, queryset) -> None:
        self.stdout.write("[", ending="")
        first = True
        for rows in self._chunks(queryset):
            for row in rows:
                self.stdout.write(("\n" if first else ",\n") + json.dumps(row, ensure_ascii=False), ending="")
                first = False
        self.stdout.write("\n]")

    def _csv(self, queryset) -> None:
        header = [*CONTRADICTION_KEYS] + [
            f"{side}_{key}" for side in ("claim_a", "claim_b") for key in CLAIM_JSON_KEYS
        ]
        writer = csv.writer(self.stdout, lineterminator="\n")
        writer.writerow(header)
        for rows in self._chunks(queryset):
            for row in rows:
                writer.writerow(
                    [row[key] for key in CONTRADICTION_KEYS]
                    + [_flat(row[side][key]) for side in ("claim_a", "claim_b") for key in CLAIM_JSON_KEYS]
                )
