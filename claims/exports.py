"""The stable JSON form of a claim, shared by ``ingest --json``, ``export_contradictions`` and others.

Keys (null where a key does not apply): id, article_url, kind, claimant, claimant_path, relayed_by,
accused, accused_path, killed_min, killed_max, wounded_min, wounded_max, victim_group, place,
event_start, event_end, quote, start, end; then, added later and only ever appended: act, controller,
controller_path, displaced_min, displaced_max, missing_min, missing_max.  Paths list party names from the root down, e.g.
["Azerbaijan", "Government of Azerbaijan", "Ilham Aliyev"].  Datetimes are ISO 8601 strings.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from claims.models import Claim, ClaimKind
from sources.models import Party

CLAIM_JSON_KEYS = (
    "id",
    "article_url",
    "kind",
    "claimant",
    "claimant_path",
    "relayed_by",
    "accused",
    "accused_path",
    "killed_min",
    "killed_max",
    "wounded_min",
    "wounded_max",
    "victim_group",
    "place",
    "event_start",
    "event_end",
    "quote",
    "start",
    "end",
    "act",
    "controller",
    "controller_path",
    "displaced_min",
    "displaced_max",
    "missing_min",
    "missing_max",
)


def _ids_in_path(tree_path: str) -> list[int]:
    return [int(part) for part in tree_path.strip("/").split("/") if part]


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def claims_as_json(claims: Iterable[Claim]) -> list[dict[str, Any]]:
    """Serialise claims (loaded with claimant, relayed_by, accused, place, article) in two queries at most.

    Party paths are resolved with one query for every ancestor of every party involved.
    """
    claims = list(claims)
    ancestor_ids: set[int] = set()
    for claim in claims:
        for party in (claim.claimant, claim.accused, claim.controller):
            if party is not None:
                ancestor_ids.update(_ids_in_path(party.tree_path))
    names = dict(Party.objects.filter(pk__in=ancestor_ids).values_list("pk", "name")) if ancestor_ids else {}

    def path(party: Party | None) -> list[str] | None:
        if party is None:
            return None
        ids = _ids_in_path(party.tree_path)
        return [names.get(pk, "?") for pk in ids] if ids else [party.name]

    rows = []
    for claim in claims:
        rows.append(
            {
                "id": claim.pk,
                "article_url": claim.article.url if claim.article else None,
                "kind": claim.kind,
                "claimant": claim.claimant.name,
                "claimant_path": path(claim.claimant),
                "relayed_by": claim.relayed_by.name if claim.relayed_by else None,
                "accused": claim.accused.name if claim.accused else None,
                "accused_path": path(claim.accused),
                "killed_min": claim.killed_min,
                "killed_max": claim.killed_max,
                "wounded_min": claim.wounded_min,
                "wounded_max": claim.wounded_max,
                "victim_group": claim.victim_group if claim.kind == ClaimKind.CASUALTY else None,
                "place": claim.place.name if claim.place else None,
                "event_start": _iso(claim.event_start),
                "event_end": _iso(claim.event_end),
                "quote": claim.quote or None,
                "start": claim.quote_start,
                "end": claim.quote_end,
                "act": claim.act or None,
                "controller": claim.controller.name if claim.controller else None,
                "controller_path": path(claim.controller),
                "displaced_min": claim.displaced_min,
                "displaced_max": claim.displaced_max,
                "missing_min": claim.missing_min,
                "missing_max": claim.missing_max,
            }
        )
    return rows


CLAIM_JSON_RELATED = ("claimant", "relayed_by", "accused", "controller", "place", "article")
