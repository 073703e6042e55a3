"""The report's lists of contradictions: the open ones to look at first, and those newly detected."""

from __future__ import annotations

from django.db.models import Q

from claims.models import Claim, Contradiction, ContradictionStatus
from reports.selectors.casualties import source_row
from reports.selectors.scope import (
    TOP_OPEN_LIMIT,
    ReportScope,
    admin_change_url,
    contradictions_reported,
    iso_or_none,
)

_CONTRADICTION_JOINS = (
    "incident",
    "claim_a__claimant",
    "claim_a__relayed_by",
    "claim_a__article__outlet",
    "claim_b__claimant",
    "claim_b__relayed_by",
    "claim_b__article__outlet",
)


def top_open_contradictions(*, scope: ReportScope, limit: int = TOP_OPEN_LIMIT) -> list[dict]:
    """The open contradictions a reviewer should look at first (highest score, newest), with admin links:
    those about the period's events and those detected by its end."""
    items = (
        contradictions_reported(scope)
        .filter(scope.contradiction_events_in_period() | Q(detected_at__lt=scope.end))
        .filter(status=ContradictionStatus.OPEN)
        .select_related(*_CONTRADICTION_JOINS)
        .order_by("-score", "-detected_at", "-id")[:limit]
    )
    return [_contradiction_row(item) for item in items]


def newly_detected_contradictions(*, scope: ReportScope, limit: int = TOP_OPEN_LIMIT) -> list[dict]:
    """What the engine found during the period, whatever the dates of the events (newest first), each
    with the dates its claims' events fall on, so a late find about an old event reads as such."""
    items = (
        contradictions_reported(scope)
        .filter(scope.detected_in_period())
        .select_related(*_CONTRADICTION_JOINS)
        .order_by("-detected_at", "-id")[:limit]
    )
    return [_contradiction_row(item) for item in items]


def _event_day(claim: Claim) -> str | None:
    when = claim.event_start or claim.stated_at
    return when.date().isoformat() if when else None


def _contradiction_row(item: Contradiction) -> dict:
    return {
        "id": item.id,
        "kind": item.kind,
        "label": item.get_kind_display(),
        "status": item.status,
        "explanation": item.explanation,
        "score": round(item.score, 3),
        "detected_at": iso_or_none(item.detected_at),
        "detected": item.detected_at.strftime("%d %b %Y %H:%M UTC"),
        "incident": str(item.incident) if item.incident else "",
        "incident_id": item.incident_id,
        "admin_url": admin_change_url(app_label="claims", model_name="contradiction", pk=item.id),
        "claims": [_claim_row(item.claim_a), _claim_row(item.claim_b)],
        "event_days": sorted({d for d in (_event_day(item.claim_a), _event_day(item.claim_b)) if d}),
    }


def _claim_row(claim: Claim) -> dict:
    row = source_row(claim)
    row["kind"] = claim.kind
    row["admin_url"] = admin_change_url(app_label="claims", model_name="claim", pk=claim.id)
    return row
