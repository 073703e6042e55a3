"""Reads for the reviewer dashboard. Each is one or two aggregate queries, whatever the table sizes."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, ExpressionWrapper, F, IntegerField, Q, QuerySet
from django.db.models.expressions import RawSQL
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
from sources.models import Conflict, Party

# Contradictions a reviewer has not thrown out: they count towards a party's record.
STANDING_STATUSES = (ContradictionStatus.OPEN, ContradictionStatus.CONFIRMED, ContradictionStatus.RESOLVED)


#: Queue sizes are counted up to this many (then shown as "10,000+"), like the admin lists: an exact
#: count of 600,000 pending claims reads them all for a figure nobody needs to the unit.
COUNT_CAP = 10_000


#: Per conflict the cap is lower: without an index on (conflict, status) each counted row is a heap
#: read (10,000 of them took 0.5 s at a million claims), where the all-conflicts count reads the
#: status index alone.
CONFLICT_COUNT_CAP = 1_000


def capped_count(queryset: QuerySet, *, cap: int | None = None) -> int:
    """``queryset.count()`` up to ``cap + 1`` (one query that stops reading there).  The queryset's
    ordering is kept: it chooses the index the count walks."""
    return queryset[: (cap or COUNT_CAP) + 1].count()


def count_text(n: int, *, cap: int | None = None) -> str:
    """A capped count as a reader sees it: "9", "10,000+"."""
    cap = cap or COUNT_CAP
    return f"{cap:,}+" if n > cap else f"{n:,}"


@dataclass(frozen=True)
class QueueSizes:
    claims_to_review: int
    open_contradictions: int
    parties_to_review: int
    cap: int = COUNT_CAP

    @property
    def claims_to_review_text(self) -> str:
        return count_text(self.claims_to_review, cap=self.cap)

    @property
    def open_contradictions_text(self) -> str:
        return count_text(self.open_contradictions, cap=self.cap)


def _claims(conflict: Conflict | None) -> QuerySet[Claim]:
    claims = Claim.objects.all()
    return claims.filter(conflict=conflict) if conflict is not None else claims


def _contradictions(conflict: Conflict | None) -> QuerySet[Contradiction]:
    # A contradiction belongs to its claims' conflict (incidents never span conflicts).
    rows = Contradiction.objects.all()
    return rows.filter(claim_a__conflict=conflict) if conflict is not None else rows


def queue_sizes(*, conflict: Conflict | None = None) -> QueueSizes:
    """How much is waiting (in one conflict, or all): claims pending review, open contradictions,
    auto-created parties to confirm.  Counted up to ``COUNT_CAP`` (``CONFLICT_COUNT_CAP`` in one conflict)."""
    cap = CONFLICT_COUNT_CAP if conflict is not None else COUNT_CAP
    # All conflicts: the status index alone (no order); one conflict: its claims newest first.
    pending = _claims(conflict).filter(status=ClaimStatus.PENDING)
    pending = pending.order_by("-stated_at", "-id") if conflict is not None else pending.order_by()
    waiting = _contradictions(conflict).filter(status=ContradictionStatus.OPEN).order_by()
    return QueueSizes(
        claims_to_review=capped_count(pending, cap=cap),
        open_contradictions=capped_count(waiting, cap=cap),
        parties_to_review=Party.objects.filter(needs_review=True).count(),
        cap=cap,
    )


@dataclass(frozen=True)
class ConflictQueue:
    conflict: Conflict
    pending_claims: int
    open_contradictions: int

    @property
    def pending_claims_text(self) -> str:
        return count_text(self.pending_claims, cap=CONFLICT_COUNT_CAP)

    @property
    def open_contradictions_text(self) -> str:
        return f"{self.open_contradictions:,}"


# Walks the conflict's claims newest first (``claim_conflict_order_idx``) and stops at the cap; without
# the ORDER BY the planner scans the table for a conflict with no pending claim.
_PENDING_PER_CONFLICT = (
    "SELECT COUNT(*) FROM (SELECT 1 FROM claims_claim c WHERE c.status = %s "
    "AND c.conflict_id = sources_conflict.id ORDER BY c.stated_at DESC, c.id DESC LIMIT %s) capped"
)


def queues_per_conflict() -> list[ConflictQueue]:
    """Per conflict: claims pending review (capped at ``CONFLICT_COUNT_CAP``) and open contradictions
    (exact: one group-by over the open ones); two queries however many conflicts and rows there are."""
    # Constant SQL, values passed as parameters; the ORM cannot count a sliced correlated subquery.
    conflicts = Conflict.objects.annotate(
        pending_claims=RawSQL(  # noqa: S611
            _PENDING_PER_CONFLICT, [ClaimStatus.PENDING, CONFLICT_COUNT_CAP + 1]
        ),
    ).order_by("-start_date", "name")
    open_by_conflict = dict(
        Contradiction.objects.filter(status=ContradictionStatus.OPEN)
        .values("claim_a__conflict")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("claim_a__conflict", "n")
    )
    return [ConflictQueue(c, c.pending_claims, open_by_conflict.get(c.pk, 0)) for c in conflicts]


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


def contradictions_per_day(
    *, days: int = 30, today: date | None = None, conflict: Conflict | None = None
) -> list[tuple[date, int]]:
    """Contradictions detected on each of the last ``days`` days (oldest first, zero-filled)."""
    today = today or timezone.localdate()
    first = today - timedelta(days=days - 1)
    rows = (
        _contradictions(conflict)
        .exclude(kind=ContradictionKind.UPDATE)
        .filter(detected_at__date__gte=first)
        .annotate(day=TruncDate("detected_at"))
        .values("day")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts = {row["day"]: row["n"] for row in rows}
    return [(first + timedelta(days=i), counts.get(first + timedelta(days=i), 0)) for i in range(days)]


def parties_most_in_contradiction(
    *, limit: int = 10, conflict: Conflict | None = None
) -> list[tuple[Party, int]]:
    """Claimants whose claims stand in the most contradictions (open, confirmed or resolved)."""
    standing = (
        _contradictions(conflict).filter(status__in=STANDING_STATUSES).exclude(kind=ContradictionKind.UPDATE)
    )
    totals: Counter[int] = Counter()
    for side in ("claim_a__claimant", "claim_b__claimant"):
        for row in standing.values(side).annotate(n=Count("id")).order_by():
            totals[row[side]] += row["n"]
    top = totals.most_common(limit)
    parties = Party.objects.in_bulk([party_id for party_id, _ in top])
    return [(parties[party_id], n) for party_id, n in top if party_id in parties]


def widest_casualty_ranges(*, limit: int = 10, conflict: Conflict | None = None) -> list[Incident]:
    """Incidents whose sources disagree most on the dead (killed_high - killed_low), widest first."""
    width = ExpressionWrapper(F("killed_high") - F("killed_low"), output_field=IntegerField())
    incidents = Incident.objects.filter(conflict=conflict) if conflict is not None else Incident.objects.all()
    return list(
        incidents.filter(merged_into__isnull=True, killed_low__isnull=False, killed_high__isnull=False)
        .annotate(width=width)
        .filter(width__gt=0)
        .select_related("place")
        .order_by("-width", "-id")[:limit]
    )
