"""The report's table of the incidents whose sources disagree most on the number killed."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from django.db.models import Count, F, Max, Min, Subquery
from django.db.models.functions import Coalesce

from claims.models import Claim, ClaimKind
from claims.selectors.visibility import claims_published
from credibility.selectors import related_or_none
from reports.selectors.scope import (
    SOURCES_PER_INCIDENT_LIMIT,
    WIDEST_RANGES_LIMIT,
    ReportScope,
    admin_change_url,
    claims_counted,
    format_interval,
    iso_or_none,
)


def widest_casualty_ranges(*, scope: ReportScope, limit: int = WIDEST_RANGES_LIMIT) -> list[dict]:
    """Incidents with casualty claims in the period whose sources disagree most on the number killed.

    The range runs over all the incident's casualty claims (not only the period's) per victim group,
    as Airwars publishes it (min–max); the conservative figure is the lowest one, as ACLED codes it.
    An open figure ("at least 9") counts with its stated number.
    """
    active = (
        claims_counted(scope)
        .filter(
            kind=ClaimKind.CASUALTY,
            incident__isnull=False,
            stated_at__gte=scope.start,
            stated_at__lt=scope.end,
        )
        .values("incident_id")
    )
    ranges = list(
        claims_published()
        .filter(kind=ClaimKind.CASUALTY, killed_min__isnull=False, incident_id__in=Subquery(active))
        .values("incident_id", "victim_group")
        .annotate(low=Min("killed_min"), high=Max(Coalesce("killed_max", "killed_min")), sources=Count("id"))
        .filter(high__gt=F("low"))
        .annotate(spread=F("high") - F("low"))
        .order_by("-spread", "-sources", "incident_id", "victim_group")[:limit]
    )
    if not ranges:
        return []
    claims = (
        claims_published()
        .filter(
            kind=ClaimKind.CASUALTY,
            killed_min__isnull=False,
            incident_id__in={r["incident_id"] for r in ranges},
        )
        .select_related("claimant", "relayed_by", "article__outlet", "incident__place", "incident__estimate")
        .order_by("incident_id", "killed_min", "stated_at", "id")
    )
    by_key: dict[tuple[int | None, str], list[Claim]] = defaultdict(list)
    for claim in claims:
        by_key[(claim.incident_id, claim.victim_group)].append(claim)
    return [_range_row(row, by_key[(row["incident_id"], row["victim_group"])]) for row in ranges]


def _range_row(row: Mapping[str, Any], sources: list[Claim]) -> dict:
    """One incident's range for a victim group, with the claims behind it."""
    incident = sources[0].incident if sources else None
    estimate = related_or_none(incident, "estimate") if incident else None
    return {
        "incident_id": row["incident_id"],
        "title": str(incident) if incident else f"Incident #{row['incident_id']}",
        "place": incident.place.name if incident and incident.place else "",
        "victim_group": row["victim_group"],
        "low": row["low"],
        "high": row["high"],
        "spread": row["spread"],
        "range": format_interval(row["low"], row["high"]),
        "conservative": row["low"],
        "likely": estimate.killed_likely if estimate else None,
        "likely_confidence": estimate.killed_confidence if estimate else None,
        "source_count": row["sources"],
        "admin_url": admin_change_url(app_label="claims", model_name="incident", pk=row["incident_id"]),
        "sources": [source_row(claim) for claim in sources[:SOURCES_PER_INCIDENT_LIMIT]],
    }


def source_row(claim: Claim) -> dict:
    """One claim as a source row of a report table: who said it, where, the figure and the quote."""
    article = claim.article
    return {
        "claim_id": claim.id,
        "claimant": claim.claimant.name,
        "relayed_by": claim.relayed_by.name if claim.relayed_by else "",
        "outlet": article.outlet.name if article and article.outlet else "",
        "article_title": article.title if article else "",
        "article_url": article.url or "" if article else "",
        "figure": format_interval(claim.killed_min, claim.killed_max),
        "killed_min": claim.killed_min,
        "killed_max": claim.killed_max,
        "quote": claim.quote,
        "stated_at": iso_or_none(claim.stated_at),
        "status": claim.status,
    }
