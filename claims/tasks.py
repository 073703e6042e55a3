"""Celery tasks for the contradiction engine: thin, idempotent, ids only.

- ``extract_article(article_id)``: sent by name after an article is stored for extraction on a worker
  (``sources.ingestion``), on the ``extraction`` queue.
- ``check_claim(claim_id)``: enqueued after commit whenever a claim is created or a checked field
  changes (``claims.services.checks``).
- ``sweep_unchecked()``: on the beat schedule (migration 0002); re-enqueues every claim whose check is
  missing or older than its last change, so a lost message (broker down, worker killed) loses nothing.
- ``rescan()``: re-checks everything after a rule change, one ``rescan_block`` task per range of claim
  ids, each recorded as a ``RescanBlock`` row marked done when it commits (``rescan_progress``); the
  sweep re-sends blocks whose message was lost.

Retries only for transient database errors, with exponential backoff and jitter.  ``acks_late`` and
``reject_on_worker_lost``: a task whose worker dies is delivered again, which is safe because every
task is idempotent.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from celery import shared_task
from django.db import OperationalError

from claims.models import RescanBlock
from claims.selectors.checks import claims_awaiting_check
from claims.services.checking import claim_check
from claims.services.extraction import article_extract_claims
from claims.services.rescan import (
    contradictions_rescan_block,
    rescan_block_done,
    rescan_blocks_create,
    rescan_blocks_progress,
    rescan_blocks_stale,
)
from factcheck.celery_policy import RETRY_ON_TRANSIENT
from sources.models import Article


@shared_task(ignore_result=True, soft_time_limit=60, time_limit=90, **RETRY_ON_TRANSIENT)
def check_claim(claim_id: int) -> dict[str, int] | None:
    """Check one claim for contradictions (a deleted claim is a no-op)."""
    outcome = claim_check(claim_id=claim_id)
    return outcome.as_dict() if outcome is not None else None


@shared_task(ignore_result=True, soft_time_limit=120, time_limit=180, **RETRY_ON_TRANSIENT)
def sweep_unchecked(older_than_seconds: int = 120, limit: int = 20_000) -> int:
    """Re-enqueue the check of every claim left unchecked, and re-send rescan blocks not done long
    after they were sent; returns how many checks were sent.

    Claims changed in the last ``older_than_seconds`` are skipped: their own check is on its way.
    """
    claim_ids = claims_awaiting_check(older_than=timedelta(seconds=older_than_seconds), limit=limit)
    for claim_id in claim_ids:
        check_claim.delay(claim_id)
    # Rescan blocks whose message was lost (a worker killed mid-block) go out again too.
    send_rescan_blocks(rescan_blocks_stale())
    return len(claim_ids)


@shared_task(soft_time_limit=600, time_limit=660, ignore_result=False, **RETRY_ON_TRANSIENT)
def rescan_block(
    lo: int,
    hi: int,
    incident_lo: int,
    incident_hi: int,
    started_at: str | None = None,
    bookkeeping: bool = True,
    block_id: int | None = None,
) -> dict[str, int]:
    """Re-check one block of the rescan plan (claim ids ``[lo, hi]``, incidents ``[incident_lo, incident_hi]``);
    with ``block_id`` the block's ``RescanBlock`` row is marked done, which is how progress is counted."""
    started = datetime.fromisoformat(started_at) if started_at else None
    outcome = contradictions_rescan_block(
        lo=lo,
        hi=hi,
        incident_lo=incident_lo,
        incident_hi=incident_hi,
        started_at=started,
        bookkeeping=bookkeeping,
    )
    if block_id is not None:
        rescan_block_done(block_id=block_id, outcome=outcome)
    return outcome


def send_rescan_blocks(block_ids: list[int]) -> None:
    """Send ``rescan_block`` for each ``RescanBlock`` row (the first time, or again)."""
    for block in RescanBlock.objects.filter(pk__in=block_ids):
        rescan_block.delay(
            block.lo,
            block.hi,
            block.incident_lo,
            block.incident_hi,
            block.started_at.isoformat(),
            block.bookkeeping,
            block_id=block.pk,
        )


@shared_task(soft_time_limit=1200, time_limit=1260, ignore_result=False, **RETRY_ON_TRANSIENT)
def rescan(block_size: int = 50_000) -> dict[str, object]:
    """Re-check every claim: group pending claims, record the blocks, then send one ``rescan_block`` each.

    Returns the rescan's id (progress: ``rescan_progress``, read from the database) and how many
    blocks there are.
    """
    rescan_id, block_ids = rescan_blocks_create(block_size=block_size)
    send_rescan_blocks(block_ids)
    return {"rescan_id": str(rescan_id) if block_ids else None, "blocks": len(block_ids)}


def rescan_progress(rescan_id: str) -> tuple[int, int]:
    """(blocks done, blocks in all) of a rescan started by ``rescan``, counted in the database."""
    return rescan_blocks_progress(rescan_id=rescan_id)


@shared_task(**RETRY_ON_TRANSIENT)
def extract_article(article_id: int) -> int:
    """Extract the claims of one stored article; returns how many claims exist for it afterwards.

    Idempotent: the extraction service skips candidates already saved for the article, so a
    redelivered message adds nothing.  A missing article (deleted meanwhile) is a no-op; an article
    whose extraction fails is marked "failed" with the reason.
    """
    article = Article.objects.select_related("outlet").filter(pk=article_id).first()
    if article is None:
        return 0
    try:
        return len(article_extract_claims(article=article))
    except OperationalError:
        raise
    except Exception as exc:
        # Not retried (a bug does not go away); recorded on the article so reviewers and a sweep see it.
        Article.objects.filter(pk=article_id).update(
            status=Article.Status.FAILED,
            status_message=f"Extraction failed: {type(exc).__name__}: {exc}"[:2000],
        )
        raise
