"""Reviewers' decisions as the admin and the API make them: the claims write, then a recompute of the
credibility scores that read it.

The decision spans two apps, so it is composed here, above both: ``claims`` records the decision and
knows nothing of credibility; ``credibility`` is told to recompute (debounced, after commit).  Every
interface records a review through these functions, never through the claims services directly.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Unpack

from claims.models import Claim, Contradiction, Verdict
from claims.services import claims as claim_writes
from claims.services import disputes, reviews
from claims.services.disputes import Settled
from claims.services.reviews import Decision
from credibility.services import credibility_recompute_soon


def claims_review(*, claim_ids: Iterable[int], status: str, reviewer: Any) -> int:
    """Verify, reject or reset many claims (``claims.services.claims.claims_review``); returns how many
    changed.  Published claims are what credibility counts, so a change schedules its recompute."""
    changed = claim_writes.claims_review(claim_ids=claim_ids, status=status, reviewer=reviewer)
    if changed:
        credibility_recompute_soon()
    return changed


def claim_review(*, claim: Claim, status: str, reviewer: Any) -> Claim:
    """Review one claim (see ``claims_review``) and return it refreshed."""
    claims_review(claim_ids=[claim.pk], status=status, reviewer=reviewer)
    claim.refresh_from_db()
    return claim


def contradiction_review(*, contradiction: Contradiction, **decision: Unpack[Decision]) -> Contradiction:
    """Confirm, dismiss, resolve or reopen one contradiction (``claims.services.reviews``), then schedule
    the credibility recompute that reads the decision."""
    reviewed = reviews.contradiction_review(contradiction=contradiction, **decision)
    credibility_recompute_soon()
    return reviewed


def dispute_settle(*, contradiction: Contradiction, **decision: Unpack[Decision]) -> Settled:
    """Settle every open pair of a dispute at once (``claims.services.disputes``), then schedule the
    credibility recompute if any pair was decided."""
    settled = disputes.dispute_settle(contradiction=contradiction, **decision)
    if settled.decided:
        credibility_recompute_soon()
    return settled


def verdict_set(
    *,
    claim: Claim,
    rating: str,
    reviewer: Any,
    summary: str = "",
    evidence_links: list[str] | None = None,
    claim_reviewed: str = "",
) -> Verdict:
    """Create or replace the verdict on a claim (``claims.services.reviews``); verdicts are what refutes
    a claimant, so the credibility recompute is scheduled."""
    verdict = reviews.verdict_set(
        claim=claim,
        rating=rating,
        reviewer=reviewer,
        summary=summary,
        evidence_links=evidence_links,
        claim_reviewed=claim_reviewed,
    )
    credibility_recompute_soon()
    return verdict


def verdict_withdraw(*, verdict: Verdict, reviewer: Any, reason: str = "") -> Verdict:
    """Withdraw a verdict (kept with its trail) and schedule the credibility recompute without it."""
    withdrawn = reviews.verdict_withdraw(verdict=verdict, reviewer=reviewer, reason=reason)
    credibility_recompute_soon()
    return withdrawn
