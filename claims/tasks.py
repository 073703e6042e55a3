"""Celery tasks for the contradiction engine: thin, idempotent, ids only.

- ``check_claim(claim_id)``: enqueued after commit whenever a claim is created or a checked field
  changes (``claims.services.checks``).
- ``sweep_unchecked()``: on the beat schedule (migration 0002); re-enqueues every claim whose check is
  missing or older than its last change, so a lost message (broker down, worker killed) loses nothing.
- ``rescan()``: re-checks everything after a rule change, as a chord of ``rescan_block`` tasks over
  ranges of claim ids; its group id gives the progress (``rescan_progress``).

Retries only for transient database errors, with exponential backoff and jitter.  ``acks_late`` and
``reject_on_worker_lost``: a task whose worker dies is delivered again, which is safe because every
task is idempotent.
"""

from __future__ import annotations

import contextlib
from datetime import datetime, timedelta

from celery import chord, group, shared_task
from celery.result import GroupResult
from django.db import InterfaceError, OperationalError
from django.utils import timezone

TRANSIENT = (OperationalError, InterfaceError)
COMMON = {
    "autoretry_for": TRANSIENT,
    "retry_backoff": True,
    "retry_backoff_max": 120,
    "retry_jitter": True,
    "max_retries": 6,
    "acks_late": True,
    "reject_on_worker_lost": True,
}


@shared_task(ignore_result=True, soft_time_limit=60, time_limit=90, **COMMON)
def check_claim(claim_id: int) -> dict[str, int] | None:
    """Check one claim for contradictions (a deleted claim is a no-op)."""
    from claims.services.contradictions import claim_check

    outcome = claim_check(claim_id=claim_id)
    return outcome.as_dict() if outcome is not None else None


@shared_task(ignore_result=True, soft_time_limit=120, time_limit=180, **COMMON)
def sweep_unchecked(older_than_seconds: int = 120, limit: int = 20_000) -> int:
    """Re-enqueue the check of every claim left unchecked; returns how many were sent.

    Claims changed in the last ``older_than_seconds`` are skipped: their own check is on its way.
    """
    from claims.services.contradictions import claims_unchecked

    claim_ids = claims_unchecked(older_than=timedelta(seconds=older_than_seconds), limit=limit)
    for claim_id in claim_ids:
        check_claim.delay(claim_id)
    return len(claim_ids)


@shared_task(soft_time_limit=600, time_limit=660, **COMMON)
def rescan_block(
    lo: int,
    hi: int,
    incident_lo: int,
    incident_hi: int,
    started_at: str | None = None,
    bookkeeping: bool = True,
) -> dict[str, int]:
    """Re-check one block of the rescan plan (claim ids ``[lo, hi]``, incidents ``[incident_lo, incident_hi]``)."""
    from claims.services.contradictions import contradictions_rescan_block

    started = datetime.fromisoformat(started_at) if started_at else None
    return contradictions_rescan_block(
        lo=lo,
        hi=hi,
        incident_lo=incident_lo,
        incident_hi=incident_hi,
        started_at=started,
        bookkeeping=bookkeeping,
    )


@shared_task(**COMMON)
def rescan_done(results: list[dict[str, int]], started_at: str) -> dict[str, int]:
    """Chord callback: sum the blocks' outcomes."""
    totals = {"blocks": len(results)}
    for result in results:
        for key in ("pairs", "found", "created", "updated", "closed", "checked"):
            totals[key] = totals.get(key, 0) + result.get(key, 0)
    totals["started_at"] = started_at
    return totals


@shared_task(soft_time_limit=1200, time_limit=1260, **COMMON)
def rescan(block_size: int = 50_000) -> dict[str, object]:
    """Re-check every claim: group pending claims, then fan out one ``rescan_block`` per id range.

    Returns the id of the group of blocks (progress: ``rescan_progress``) and how many blocks there are.
    """
    from claims.services.contradictions import claims_group_pending, rescan_needs_bookkeeping, rescan_plan

    started_at = timezone.now().isoformat()
    claims_group_pending()
    bookkeeping = rescan_needs_bookkeeping()
    blocks = rescan_plan(block_size=block_size)
    if not blocks:
        return {"group_id": None, "blocks": 0}
    header = group(rescan_block.s(*block, started_at, bookkeeping) for block in blocks)
    result = chord(header)(rescan_done.s(started_at))
    parent = result.parent
    if parent is not None and hasattr(parent, "save"):
        with contextlib.suppress(NotImplementedError, AttributeError):  # no result backend: no progress
            parent.save()
    return {"group_id": parent.id if parent is not None else None, "blocks": len(blocks)}


def rescan_progress(group_id: str) -> tuple[int, int]:
    """(blocks done, blocks in all) of a rescan started by ``rescan`` (needs a result backend)."""
    result = GroupResult.restore(group_id)
    if result is None:
        return 0, 0
    return result.completed_count(), len(result.results)
