"""The full rescan: re-check every candidate pair, block after block of claim and incident ids.

``contradictions_rescan`` runs the blocks in this process; ``rescan_blocks_create`` records them as
``RescanBlock`` rows for the workers (``claims.tasks.rescan``), which report each block done.  Before
either, ``claims_group_pending`` groups the claims that await their check, so blocks see incidents
whole.  Each block stores its findings through ``claims.services.checking.contradictions_sync``.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from claims.contradictions import check
from claims.models import Claim, ClaimCheckPending, Incident, RescanBlock
from claims.selectors.candidates import claims_facts
from claims.selectors.checks import claim_awaits_check, claims_any_awaiting_check
from claims.selectors.rescan_pairs import Block, candidate_pairs
from claims.services.checking import (
    Key,
    Planned,
    SyncOutcome,
    contradictions_sync,
    findings_plan,
)
from claims.services.grouping import KIND_FAMILIES, PLACELESS_JOINERS, claim_group
from claims.services.incident_figures import incidents_refresh_of_claims


def rescan_needs_bookkeeping() -> bool:
    """Whether any claim awaits its check (then rescan blocks mark claims checked and refresh incidents)."""
    return claims_any_awaiting_check()


def claims_group_pending() -> int:
    """Group every claim awaiting its check that has an event kind but no incident yet (placed claims
    first, then the placeless accusations and denials of articles that have a grouped claim); returns
    how many.

    A checked claim was offered to the grouping by its own check (and is marked changed when a move
    could change that), so a rescan does not try the ungrouped ones again; a placeless claim whose
    article has no grouped claim has no incident to join.
    """
    ungrouped = Claim.objects.filter(
        claim_awaits_check(), incident__isnull=True, kind__in=list(KIND_FAMILIES)
    ).order_by()
    grouped = _group(list(ungrouped.filter(place__isnull=False).order_by("pk").values_list("pk", flat=True)))
    article_grouped = Claim.objects.filter(article_id=OuterRef("article_id"), incident__isnull=False)
    placeless = (
        ungrouped.filter(place__isnull=True, article__isnull=False, kind__in=PLACELESS_JOINERS)
        .filter(Exists(article_grouped))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return grouped + _group(list(placeless))


def _group(pending: list[int]) -> int:
    grouped = 0
    for start in range(0, len(pending), 2000):
        chunk = pending[start : start + 2000]
        by_id = Claim.objects.filter(pk__in=chunk).select_related("place").in_bulk()
        for claim_id in chunk:
            claim = by_id[claim_id]
            if claim.incident_id is None and claim_group(claim=claim) is not None:
                grouped += 1
    return grouped


def rescan_plan(*, block_size: int = 50_000) -> list[Block]:
    """Split the work into blocks ``(lo, hi, incident_lo, incident_hi)`` (inclusive bounds).

    A block owns the pairs within the incidents of its incident range, and the pairs of ungrouped
    claims whose smaller id lies in its claim range: both ranges are cut into as many pieces as
    ``block_size`` claim ids make, so each block's joins stay local.
    """
    claims = Claim.objects.order_by().values_list("pk", flat=True)
    low, high = claims.order_by("pk").first(), claims.order_by("-pk").first()
    if low is None or high is None:
        return []
    count = (high - low) // block_size + 1
    incidents = Incident.objects.order_by().values_list("pk", flat=True)
    i_low, i_high = incidents.order_by("pk").first() or 0, incidents.order_by("-pk").first() or 0
    i_step = (i_high - i_low) // count + 1
    return [
        (
            low + n * block_size,
            min(low + (n + 1) * block_size - 1, high) if n < count - 1 else high,
            i_low + n * i_step,
            i_low + (n + 1) * i_step - 1 if n < count - 1 else max(i_high, i_low + n * i_step),
        )
        for n in range(count)
    ]


def contradictions_rescan_block(
    *,
    lo: int,
    hi: int,
    incident_lo: int,
    incident_hi: int,
    started_at: datetime | None = None,
    bookkeeping: bool = True,
) -> dict[str, int]:
    """Re-check every pair of one block of the rescan plan and store the outcome for that block.

    Owns the contradiction rows of the incidents in ``[incident_lo, incident_hi]`` and the rows with no
    incident whose ``claim_a`` is in ``[lo, hi]``; marks the claims in ``[lo, hi]`` checked unless they
    changed after ``started_at`` (the sweep then picks them up) and refreshes their incidents' figures.
    ``bookkeeping=False`` skips that last part, for rescans that began with every claim checked.
    Idempotent.
    """
    started_at = started_at or timezone.now()
    with transaction.atomic():
        pairs = candidate_pairs(block=(lo, hi, incident_lo, incident_hi))
        facts = claims_facts(claim_ids={claim_id for pair in pairs for claim_id in pair})
        found: dict[Key, Planned] = {}
        for first, second in pairs:
            a, b = facts.get(first), facts.get(second)
            if a is not None and b is not None:
                findings_plan(a, b, check(a, b), found)
        scope = Q(incident_id__gte=incident_lo, incident_id__lte=incident_hi) | Q(
            incident__isnull=True, claim_a_id__gte=lo, claim_a_id__lte=hi
        )
        outcome = contradictions_sync(found, scope)
        if not bookkeeping:
            return {**outcome.as_dict(), "pairs": len(pairs), "checked": 0, "lo": lo, "hi": hi}
        # Incident figures follow claims, not rules: only incidents of claims awaiting their check need
        # a refresh (a rescan after a rule change refreshes none).
        incidents_refresh_of_claims(lo=lo, hi=hi, claims_sql=_AWAITING_CHECK_SQL, params=[started_at])
        # Marking the block's claims checked deletes their narrow pending rows; the claim rows (and
        # their indexes) are not written.  Claims changed after the rescan began stay pending.
        checked, _ = ClaimCheckPending.objects.filter(
            claim_id__gte=lo, claim_id__lte=hi, changed_at__lte=started_at
        ).delete()
    return {**outcome.as_dict(), "pairs": len(pairs), "checked": checked, "lo": lo, "hi": hi}


# Claims (``claims_claim``) awaiting their check for a change made before the rescan began.
_AWAITING_CHECK_SQL = (
    f"EXISTS (SELECT 1 FROM {ClaimCheckPending._meta.db_table} p "  # noqa: S608 (a table name; values are parameters)
    "WHERE p.claim_id = claims_claim.id AND p.changed_at <= %s)"
)


#: A block not done this long after it was sent lost its message (longer than the block's time limit).
RESCAN_BLOCK_STALE_AFTER = timedelta(minutes=15)


def rescan_blocks_create(*, block_size: int = 50_000) -> tuple[uuid.UUID, list[int]]:
    """Start a full rescan on the workers: group pending claims and record one ``RescanBlock`` per
    block of the plan (not done yet); returns the rescan's id and the block ids to send."""
    started_at = timezone.now()
    claims_group_pending()
    bookkeeping = rescan_needs_bookkeeping()
    rescan_id = uuid.uuid4()
    rows = RescanBlock.objects.bulk_create(
        RescanBlock(
            rescan_id=rescan_id,
            lo=lo,
            hi=hi,
            incident_lo=incident_lo,
            incident_hi=incident_hi,
            started_at=started_at,
            bookkeeping=bookkeeping,
            sent_at=started_at,
        )
        for lo, hi, incident_lo, incident_hi in rescan_plan(block_size=block_size)
    )
    if rows and rows[0].pk is None:  # backends that do not return ids from a bulk insert
        rows = list(RescanBlock.objects.filter(rescan_id=rescan_id))
    return rescan_id, [row.pk for row in rows]


def rescan_block_done(*, block_id: int, outcome: dict) -> None:
    """Record that one rescan block has committed (a second run only refreshes the outcome)."""
    RescanBlock.objects.filter(pk=block_id, done_at__isnull=True).update(
        done_at=timezone.now(), outcome=outcome
    )


def rescan_blocks_progress(*, rescan_id) -> tuple[int, int]:
    """(blocks done, blocks in all) of a rescan, as the database has them."""
    counts = RescanBlock.objects.filter(rescan_id=rescan_id).aggregate(
        done=Count("id", filter=Q(done_at__isnull=False)), total=Count("id")
    )
    return counts["done"], counts["total"]


def rescan_blocks_stale(
    *, rescan_id=None, older_than: timedelta = RESCAN_BLOCK_STALE_AFTER, now: datetime | None = None
) -> list[int]:
    """Ids of rescan blocks sent more than ``older_than`` ago and still not done, their ``sent_at``
    moved to now (the caller sends them again)."""
    now = now or timezone.now()
    blocks = RescanBlock.objects.filter(done_at__isnull=True, sent_at__lt=now - older_than)
    if rescan_id is not None:
        blocks = blocks.filter(rescan_id=rescan_id)
    ids = list(blocks.values_list("pk", flat=True)[:1000])
    RescanBlock.objects.filter(pk__in=ids).update(sent_at=now)
    return ids


def contradictions_rescan(
    *, block_size: int = 50_000, progress: Callable[[dict[str, int]], None] | None = None
) -> SyncOutcome:
    """Re-check everything in this process, block after block (the Celery ``rescan`` fans the same out)."""
    started_at = timezone.now()
    claims_group_pending()
    bookkeeping = rescan_needs_bookkeeping()
    total = SyncOutcome()
    for lo, hi, incident_lo, incident_hi in rescan_plan(block_size=block_size):
        result = contradictions_rescan_block(
            lo=lo,
            hi=hi,
            incident_lo=incident_lo,
            incident_hi=incident_hi,
            started_at=started_at,
            bookkeeping=bookkeeping,
        )
        total += SyncOutcome(result["found"], result["created"], result["updated"], result["closed"])
        if progress is not None:
            progress(result)
    return total
