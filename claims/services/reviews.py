"""Reviewer decisions: contradictions confirmed, dismissed or resolved; verdicts on claims."""

from __future__ import annotations

from typing import Any, Required, TypedDict

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone

from claims.models import Claim, Contradiction, ContradictionStatus, DismissReason, Verdict, VerdictRating
from claims.services.claims import audit_user, history_attribute


class Decision(TypedDict, total=False):
    """A reviewer's decision on a contradiction or a dispute, as ``contradiction_review`` and
    ``claims.services.disputes.dispute_settle`` take it: what, by whom, and the optional note, the claim
    that holds (resolve) and why it was dismissed (dismiss)."""

    action: Required[str]
    reviewer: Required[Any]
    note: str
    holding_claim: Claim | None
    dismiss_reason: str


class ReviewAction:
    CONFIRM = "confirm"
    DISMISS = "dismiss"
    RESOLVE = "resolve"
    REOPEN = "reopen"

    PAST = {CONFIRM: "confirmed", DISMISS: "dismissed", RESOLVE: "resolved", REOPEN: "reopened"}

    STATUS = {
        CONFIRM: ContradictionStatus.CONFIRMED,
        DISMISS: ContradictionStatus.DISMISSED,
        RESOLVE: ContradictionStatus.RESOLVED,
        REOPEN: ContradictionStatus.OPEN,
    }


@transaction.atomic
def contradiction_review(
    *,
    contradiction: Contradiction,
    action: str,
    reviewer: Any,
    note: str = "",
    holding_claim: Claim | None = None,
    dismiss_reason: str = "",
) -> Contradiction:
    """Record a reviewer's decision. Resolving names the claim that holds, which must be one of the pair;
    dismissing may say why (``DismissReason``), which the reports count."""
    if action not in ReviewAction.STATUS:
        raise ValidationError(
            {"action": f"Unknown action '{action}'; use confirm, dismiss, resolve or reopen."}
        )
    if action == ReviewAction.RESOLVE:
        if holding_claim is None:
            raise ValidationError({"holding_claim": "Resolving needs the claim that holds."})
        if holding_claim.pk not in (contradiction.claim_a_id, contradiction.claim_b_id):
            raise ValidationError({"holding_claim": "The claim that holds must be one of the two claims."})
    else:
        holding_claim = None
    if dismiss_reason and dismiss_reason not in DismissReason.values:
        raise ValidationError(
            {
                "dismiss_reason": f"'{dismiss_reason}' is not a reason; use one of {', '.join(DismissReason.values)}."
            }
        )
    contradiction = Contradiction.objects.select_for_update().get(pk=contradiction.pk)
    contradiction.status = ReviewAction.STATUS[action]
    contradiction.holding_claim = holding_claim
    contradiction.review_note = note
    contradiction.dismiss_reason = dismiss_reason if action == ReviewAction.DISMISS else ""
    contradiction.reviewed_by = reviewer
    contradiction.reviewed_at = timezone.now()
    history_attribute(contradiction, user=reviewer, reason=f"review: {action}")
    contradiction.save()
    return contradiction


def evidence_links_clean(evidence_links: list[str]) -> list[str]:
    validate = URLValidator(schemes=["http", "https"])
    cleaned = []
    for link in evidence_links:
        try:
            validate(link)
        except ValidationError as exc:
            raise ValidationError({"evidence_links": f"'{link}' is not an http(s) URL."}) from exc
        cleaned.append(link)
    return cleaned


@transaction.atomic
def verdict_set(
    *,
    claim: Claim,
    rating: str,
    reviewer: Any,
    summary: str = "",
    evidence_links: list[str] | None = None,
    claim_reviewed: str = "",
) -> Verdict:
    """Create or replace the verdict on a claim; the audit trail keeps earlier ratings.

    ``claim_reviewed`` is the short statement of the claim readers see (ClaimReview's claimReviewed);
    left empty, the public page and the ClaimReview use the claim's quote, trimmed."""
    if rating not in VerdictRating.values:
        raise ValidationError(
            {"rating": f"'{rating}' is not a rating; use one of {', '.join(VerdictRating.values)}."}
        )
    links = evidence_links_clean(list(evidence_links or []))
    verdict = Verdict.objects.select_for_update().filter(claim=claim).first() or Verdict(claim=claim)
    verdict.rating = rating
    verdict.summary = summary
    verdict.claim_reviewed = (claim_reviewed or "").strip()
    verdict.evidence_links = links
    verdict.reviewer = reviewer
    verdict.withdrawn, verdict.withdrawn_at, verdict.withdrawn_by = False, None, None
    verdict.full_clean()
    history_attribute(verdict, user=reviewer)
    verdict.save()
    return verdict


@transaction.atomic
def verdict_withdraw(*, verdict: Verdict, reviewer: Any, reason: str = "") -> Verdict:
    """Withdraw a verdict: it stays, with its audit trail, but no longer rates the claim (API, ClaimReview,
    credibility). Setting a verdict again brings it back. Withdrawing twice changes nothing."""
    verdict = Verdict.objects.select_for_update().get(pk=verdict.pk)
    if verdict.withdrawn:
        return verdict
    verdict.withdrawn = True
    verdict.withdrawn_at = timezone.now()
    verdict.withdrawn_by = audit_user(reviewer)
    history_attribute(verdict, user=reviewer, reason=f"withdrawn: {reason}" if reason else "withdrawn")
    verdict.save()
    return verdict
