"""Reviewers' decisions through review.services: each records the decision in claims and schedules one
debounced credibility recompute after commit; a decision that changes nothing schedules none."""

from unittest import mock

import pytest
from django.core.cache import cache

from claims.models import ClaimStatus, ContradictionStatus, VerdictRating
from claims.services.reviews import ReviewAction
from claims.tests.factories import ClaimFactory, ContradictionFactory
from credibility.services import RECOMPUTE_LOCK
from credibility.tasks import recompute_credibility
from review.services import (
    claim_review,
    claims_review,
    contradiction_review,
    dispute_settle,
    verdict_set,
    verdict_withdraw,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_debounce_left_over():
    cache.delete(RECOMPUTE_LOCK)
    yield
    cache.delete(RECOMPUTE_LOCK)


def test_a_burst_of_reviews_enqueues_one_recompute(django_capture_on_commit_callbacks, reviewer):
    claims = [ClaimFactory() for _ in range(5)]
    with (
        mock.patch.object(recompute_credibility, "apply_async") as enqueue,
        django_capture_on_commit_callbacks(execute=True),
    ):
        for claim in claims:
            verdict_set(claim=claim, rating=VerdictRating.FALSE, reviewer=reviewer)
        claims_review(claim_ids=[c.pk for c in claims], status="verified", reviewer=reviewer)

    enqueue.assert_called_once_with(countdown=30)


@pytest.mark.parametrize("action", [ReviewAction.CONFIRM, ReviewAction.DISMISS, ReviewAction.RESOLVE])
def test_every_contradiction_decision_schedules_a_recompute(
    action, django_capture_on_commit_callbacks, reviewer
):
    contradiction = ContradictionFactory()
    with (
        mock.patch.object(recompute_credibility, "apply_async") as enqueue,
        django_capture_on_commit_callbacks(execute=True),
    ):
        contradiction_review(
            contradiction=contradiction,
            action=action,
            reviewer=reviewer,
            holding_claim=contradiction.claim_a if action == ReviewAction.RESOLVE else None,
        )

    assert enqueue.call_count == 1


def test_a_review_that_changes_no_status_schedules_no_recompute(django_capture_on_commit_callbacks, reviewer):
    claim = ClaimFactory(status=ClaimStatus.VERIFIED)
    with (
        mock.patch.object(recompute_credibility, "apply_async") as enqueue,
        django_capture_on_commit_callbacks(execute=True),
    ):
        reviewed = claim_review(claim=claim, status=ClaimStatus.VERIFIED, reviewer=reviewer)

    assert reviewed.status == ClaimStatus.VERIFIED
    assert not enqueue.called


def test_settling_a_dispute_records_the_decision_and_schedules_a_recompute(
    django_capture_on_commit_callbacks, reviewer
):
    contradiction = ContradictionFactory()
    with (
        mock.patch.object(recompute_credibility, "apply_async") as enqueue,
        django_capture_on_commit_callbacks(execute=True),
    ):
        settled = dispute_settle(contradiction=contradiction, action=ReviewAction.DISMISS, reviewer=reviewer)

    assert settled.decided == [contradiction.pk]
    contradiction.refresh_from_db()
    assert contradiction.status == ContradictionStatus.DISMISSED
    assert enqueue.call_count == 1


def test_withdrawing_a_verdict_schedules_the_recompute_without_it(
    django_capture_on_commit_callbacks, reviewer
):
    verdict = verdict_set(claim=ClaimFactory(), rating=VerdictRating.FALSE, reviewer=reviewer)
    cache.delete(RECOMPUTE_LOCK)
    with (
        mock.patch.object(recompute_credibility, "apply_async") as enqueue,
        django_capture_on_commit_callbacks(execute=True),
    ):
        withdrawn = verdict_withdraw(verdict=verdict, reviewer=reviewer, reason="wrong claim")

    assert withdrawn.withdrawn
    assert enqueue.call_count == 1
