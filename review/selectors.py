"""Reads for the reviewer dashboard. Each is one or two aggregate queries, whatever the table sizes."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, ExpressionWrapper, F, IntegerField, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from claims.models import (
    Claim,
    ClaimStatus,
    Contradiction,
    ContradictionKind,
    ContradictionStatus,
    Incident,
)
from sources.models import Party

# Contradictions a reviewer has not thrown out: they count towards a party's record.
STANDING_STATUSES = (ContradictionStatus.OPEN, ContradictionStatus.CONFIRMED, ContradictionStatus.RESOLVED)


@dataclass(frozen=True)
class QueueSizes:
    claims_to_review: int
    open_contradictions: int
    parties_to_review: int


def queue_sizes() -> QueueSizes:
    """How much is waiting: claims pending review, open contradictions, auto-created parties to confirm."""
    return QueueSizes(
        claims_to_review=Claim.objects.filter(status=ClaimStatus.PENDING).count(),
        open_contradictions=Contradiction.objects.filter(status=ContradictionStatus.OPEN).count(),
        parties_to_review=Party.objects.filter(needs_review=True).count(),
    )


def assigned_per_reviewer() -> list[tuple[str, int, int]]:
    """Per reviewer: (name, open contradictions assigned, how many of them locked now). One query."""
    now = timezone.now()
    rows = (
        Contradiction.objects.filter(status=ContradictionStatus.OPEN, assigned_to__isnull=False)
        .values("assigned_to__username")
        .annotate(n=Count("id"), locked=Count("id", filter=Q(locked_until__gt=now)))
        .order_by("-n", "assigned_to__username")
    )
    return [(row["assigned_to__username"], row["n"], row["locked"]) for row in rows]


def contradictions_per_day(*, days: int = 30, today: date | None = None) -> list[tuple[date, int]]:
    """Contradictions detected on each of the last ``days`` days (oldest first, zero-filled)."""
    today = today or timezone.localdate()
    first = today - timedelta(days=days - 1)
    rows = (
        Contradiction.objects.exclude(kind=ContradictionKind.UPDATE)
        .filter(detected_at__date__gte=first)
        .annotate(day=TruncDate("detected_at"))
        .values("day")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts = {row["day"]: row["n"] for row in rows}
    return [(first + timedelta(days=i), counts.get(first + timedelta(days=i), 0)) for i in range(days)]


def parties_most_in_contradiction(*, limit: int = 10) -> list[tuple[Party, int]]:
    """Claimants whose claims stand in the most contradictions (open, confirmed or resolved)."""
    standing = Contradiction.objects.filter(status__in=STANDING_STATUSES).exclude(
        kind=ContradictionKind.UPDATE
    )
    totals: Counter[int] = Counter()
    for side in ("claim_a__claimant", "claim_b__claimant"):
        for row in standing.values(side).annotate(n=Count("id")).order_by():
            totals[row[side]] += row["n"]
    top = totals.most_common(limit)
    parties = Party.objects.in_bulk([party_id for party_id, _ in top])
    return [(parties[party_id], n) for party_id, n in top if party_id in parties]


def widest_casualty_ranges(*, limit: int = 10) -> list[Incident]:
    """Incidents whose sources disagree most on the dead (killed_high - killed_low), widest first."""
    width = ExpressionWrapper(F("killed_high") - F("killed_low"), output_field=IntegerField())
    return list(
        Incident.objects.filter(merged_into__isnull=True, killed_low__isnull=False, killed_high__isnull=False)
        .annotate(width=width)
        .filter(width__gt=0)
        .select_related("place")
        .order_by("-width", "-id")[:limit]
    )
