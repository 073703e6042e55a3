"""What a delivery carries: a contradiction with its two claims, or a verdict published or withdrawn."""

from __future__ import annotations

from claims.claimreview import claim_reviewed, fact_check_url
from claims.models import Claim, ClaimStatus, Contradiction, Verdict
from reports.selectors import admin_change_url


def _side_in_conflict(claim: Claim) -> str:
    """The claimant's side slug in the claim's conflict (from the prefetched ``conflict_sides``)."""
    for party_side in claim.claimant.conflict_sides.all():
        if party_side.conflict_id == claim.conflict_id:
            return party_side.side.slug
    return "unknown"


CLAIMANT_SIDES = ("claim_a__claimant__conflict_sides__side", "claim_b__claimant__conflict_sides__side")


def _claim_payload(claim: Claim) -> dict:
    article = claim.article
    return {
        "id": claim.id,
        "kind": claim.kind,
        "status": claim.status,
        "claimant": {"id": claim.claimant_id, "name": claim.claimant.name, "side": _side_in_conflict(claim)},
        "quote": claim.quote,
        "stated_at": claim.stated_at.isoformat() if claim.stated_at else None,
        "killed": [claim.killed_min, claim.killed_max] if claim.killed_min is not None else None,
        "wounded": [claim.wounded_min, claim.wounded_max] if claim.wounded_min is not None else None,
        "accused_id": claim.accused_id,
        "act": claim.act,
        "article": {
            "url": article.url,
            "title": article.title,
            "outlet": article.outlet.name if article.outlet else None,
            "published_at": article.published_at.isoformat() if article.published_at else None,
        }
        if article
        else None,
    }


def contradiction_payload(contradiction: Contradiction, *, event: str) -> dict:
    """``contradiction.created`` or ``.updated``: the contradiction with both claims and its admin link."""
    return {
        "event": event,
        "contradiction": {
            "id": contradiction.id,
            "kind": contradiction.kind,
            "status": contradiction.status,
            "explanation": contradiction.explanation,
            "score": contradiction.score,
            "incident": {"id": contradiction.incident_id, "title": str(contradiction.incident)}
            if contradiction.incident
            else None,
            "detected_at": contradiction.detected_at.isoformat(),
            "updated_at": contradiction.updated_at.isoformat(),
            "reviewed_at": contradiction.reviewed_at.isoformat() if contradiction.reviewed_at else None,
            "holding_claim_id": contradiction.holding_claim_id,
            "claims": [_claim_payload(contradiction.claim_a), _claim_payload(contradiction.claim_b)],
            "admin_url": admin_change_url(
                app_label="claims", model_name="contradiction", pk=contradiction.id
            ),
        },
    }


def verdict_payload(verdict: Verdict) -> dict:
    """``verdict.published``: the rating, the reasoning, the public fact-check page and the claim."""
    claim = verdict.claim
    return {
        "event": "verdict.published",
        "verdict": {
            "id": verdict.id,
            "claim_id": verdict.claim_id,
            "rating": verdict.rating,
            "rating_label": verdict.get_rating_display(),
            "claim_reviewed": claim_reviewed(verdict),
            "summary": verdict.summary,
            "evidence_links": verdict.evidence_links,
            "url": fact_check_url(verdict_id=verdict.id) if claim.status == ClaimStatus.VERIFIED else None,
            "created_at": verdict.created_at.isoformat(),
            "updated_at": verdict.updated_at.isoformat(),
            "claim": _claim_payload(claim),
        },
    }


def verdict_withdrawal_payload(row: dict) -> dict:
    """``verdict.withdrawn``: the tombstone only (the claim may no longer be the partner's to read)."""
    return {
        "event": "verdict.withdrawn",
        "verdict": {
            "id": row["tomb_id"],
            "withdrawn": True,
            "withdrawn_at": row["tomb_at"].isoformat(),
            "reason": row["tomb_reason"],
        },
    }
