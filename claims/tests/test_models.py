"""The database itself refuses rows that break the claim model's invariants (SQLite and PostgreSQL)."""

import pytest
from django.db import IntegrityError, transaction

from claims.models import Claim, ClaimKind, Contradiction
from claims.tests.factories import (
    AccusationClaimFactory,
    ClaimFactory,
    ContradictionFactory,
    ControlClaimFactory,
)

pytestmark = pytest.mark.django_db


def assert_rejected(update_kwargs, claim=None):
    claim = claim or ClaimFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.filter(pk=claim.pk).update(**update_kwargs)


def test_killed_min_above_killed_max_is_rejected():
    assert_rejected({"killed_min": 12, "killed_max": 9})


@pytest.mark.parametrize("field", ["killed_min", "killed_max", "wounded_min", "displaced_min", "missing_min"])
def test_negative_counts_are_rejected(field):
    assert_rejected({field: -1})


def test_upper_bound_without_lower_bound_is_rejected():
    assert_rejected({"wounded_max": 30})


def test_casualty_claim_without_any_figure_is_rejected():
    assert_rejected({"killed_min": None, "killed_max": None})


def test_casualty_claim_with_only_wounded_is_accepted():
    claim = ClaimFactory(killed_min=None, killed_max=None, wounded_min=34, wounded_max=34)
    assert claim.pk


def test_open_ended_count_is_accepted():
    claim = ClaimFactory(killed_min=9, killed_max=None)
    assert Claim.objects.get(pk=claim.pk).killed_max is None


def test_accusation_without_accused_party_is_rejected():
    claim = AccusationClaimFactory()
    assert_rejected({"accused": None}, claim=claim)


def test_control_claim_needs_a_place():
    claim = ControlClaimFactory()
    assert_rejected({"place": None}, claim=claim)


def test_statement_needs_no_figures():
    claim = ClaimFactory(kind=ClaimKind.STATEMENT, killed_min=None, killed_max=None)
    assert claim.pk


def test_quote_end_before_start_is_rejected():
    assert_rejected({"quote_start": 10, "quote_end": 5})


def test_contradiction_never_pairs_a_claim_with_itself():
    claim = ClaimFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Contradiction.objects.create(claim_a=claim, claim_b=claim, kind="casualty_mismatch", explanation="x")


def test_contradiction_is_unique_per_unordered_pair_and_kind():
    contradiction = ContradictionFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Contradiction.objects.create(
            claim_a=contradiction.claim_a,
            claim_b=contradiction.claim_b,
            kind=contradiction.kind,
            explanation="again",
        )


def test_contradiction_stored_in_reverse_order_is_rejected():
    """The pair is stored lower id first, so (b, a) cannot slip past the unique constraint."""
    contradiction = ContradictionFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Contradiction.objects.create(
            claim_a=contradiction.claim_b,
            claim_b=contradiction.claim_a,
            kind=contradiction.kind,
            explanation="reversed",
        )


def test_same_pair_may_contradict_in_two_kinds():
    contradiction = ContradictionFactory()
    other = Contradiction.objects.create(
        claim_a=contradiction.claim_a,
        claim_b=contradiction.claim_b,
        kind="conflicting_blame",
        explanation="each blames the other",
    )
    assert other.pk != contradiction.pk


def test_contradiction_score_outside_zero_one_is_rejected():
    contradiction = ContradictionFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Contradiction.objects.filter(pk=contradiction.pk).update(score=1.5)
