"""Reviewer decisions on contradictions and verdicts on claims."""

import pytest
from django.core.exceptions import ValidationError

from claims.models import ContradictionStatus, Verdict, VerdictRating
from claims.services.reviews import contradiction_review, verdict_set
from claims.tests.factories import ClaimFactory, ContradictionFactory

pytestmark = pytest.mark.django_db


def test_confirming_records_status_reviewer_and_note(reviewer):
    contradiction = ContradictionFactory()
    contradiction = contradiction_review(
        contradiction=contradiction,
        action="confirm",
        reviewer=reviewer,
        note="Both tolls are for the same strike.",
    )
    assert contradiction.status == ContradictionStatus.CONFIRMED
    assert contradiction.reviewed_by == reviewer
    assert contradiction.reviewed_at is not None
    assert contradiction.history.first().history_change_reason == "review: confirm"


def test_resolving_names_the_claim_that_holds(reviewer):
    contradiction = ContradictionFactory()
    contradiction = contradiction_review(
        contradiction=contradiction, action="resolve", reviewer=reviewer, holding_claim=contradiction.claim_b
    )
    assert contradiction.status == ContradictionStatus.RESOLVED
    assert contradiction.holding_claim == contradiction.claim_b


def test_resolving_without_a_holding_claim_is_refused(reviewer):
    contradiction = ContradictionFactory()
    with pytest.raises(ValidationError, match="needs the claim that holds"):
        contradiction_review(contradiction=contradiction, action="resolve", reviewer=reviewer)
    contradiction.refresh_from_db()
    assert contradiction.status == ContradictionStatus.OPEN


def test_resolving_with_an_unrelated_claim_is_refused(reviewer):
    contradiction = ContradictionFactory()
    with pytest.raises(ValidationError, match="one of the two claims"):
        contradiction_review(
            contradiction=contradiction, action="resolve", reviewer=reviewer, holding_claim=ClaimFactory()
        )


def test_unknown_action_is_refused(reviewer):
    with pytest.raises(ValidationError, match="Unknown action"):
        contradiction_review(contradiction=ContradictionFactory(), action="delete", reviewer=reviewer)


def test_dismissing_clears_a_previous_holding_claim(reviewer):
    contradiction = ContradictionFactory()
    contradiction_review(
        contradiction=contradiction, action="resolve", reviewer=reviewer, holding_claim=contradiction.claim_a
    )
    contradiction = contradiction_review(contradiction=contradiction, action="dismiss", reviewer=reviewer)
    assert contradiction.holding_claim is None
    assert contradiction.status == ContradictionStatus.DISMISSED


def test_verdict_is_created_then_replaced_with_history(reviewer):
    claim = ClaimFactory()
    verdict_set(claim=claim, rating=VerdictRating.UNPROVEN, reviewer=reviewer)
    verdict = verdict_set(
        claim=claim,
        rating=VerdictRating.FALSE,
        reviewer=reviewer,
        summary="Hospital records list twelve dead.",
        evidence_links=["https://evidence.example/hospital"],
    )
    assert Verdict.objects.filter(claim=claim).count() == 1
    assert verdict.rating == VerdictRating.FALSE
    assert verdict.rating_value == 1
    assert [row.rating for row in verdict.history.order_by("history_date")] == ["unproven", "false"]


def test_verdict_with_a_bad_evidence_link_is_refused(reviewer):
    claim = ClaimFactory()
    with pytest.raises(ValidationError, match="not an http"):
        verdict_set(
            claim=claim, rating=VerdictRating.FALSE, reviewer=reviewer, evidence_links=["javascript:alert(1)"]
        )
    assert not Verdict.objects.exists()


def test_verdict_with_an_unknown_rating_is_refused(reviewer):
    with pytest.raises(ValidationError, match="not a rating"):
        verdict_set(claim=ClaimFactory(), rating="pants-on-fire", reviewer=reviewer)
