"""credibility.inputs: which claims take part in a run, and as what (measure, value, ground truth)."""

import numpy as np
import pytest

from claims.models import (
    ClaimKind,
    ClaimStatus,
    ContradictionKind,
    ContradictionStatus,
    VerdictRating,
    VictimGroup,
)
from claims.tests.factories import (
    AccusationClaimFactory,
    ClaimFactory,
    ContradictionFactory,
    IncidentFactory,
    VerdictFactory,
)
from credibility.inputs import (
    MEASURE_BLAME,
    MEASURE_KILLED,
    MEASURE_WOUNDED,
    OWN_FACT,
    WHY_RESOLUTION,
    WHY_VERDICT,
    credibility_inputs,
)
from sources.tests.factories import PartyFactory

pytestmark = pytest.mark.django_db


def _rows(inputs) -> list[tuple[int, int, int]]:
    """(claim id, measure, value) per row, sorted."""
    return sorted(zip(inputs.claim_id.tolist(), inputs.measure.tolist(), inputs.value.tolist(), strict=True))


def test_a_closed_band_counts_at_its_midpoint_and_an_open_one_at_its_lower_bound():
    incident = IncidentFactory()
    band = ClaimFactory(incident=incident, killed_min=10, killed_max=20)
    at_least = ClaimFactory(incident=incident, killed_min=9, killed_max=None)

    inputs = credibility_inputs()

    assert _rows(inputs) == sorted([(band.pk, MEASURE_KILLED, 15), (at_least.pk, MEASURE_KILLED, 9)])


def test_killed_and_wounded_are_two_facts_and_civilians_and_soldiers_are_different_questions():
    incident = IncidentFactory()
    civilians = ClaimFactory(
        incident=incident,
        killed_min=9,
        killed_max=9,
        wounded_min=34,
        wounded_max=34,
        victim_group=VictimGroup.CIVILIAN,
    )
    soldiers = ClaimFactory(incident=incident, killed_min=9, killed_max=9, victim_group=VictimGroup.MILITARY)

    inputs = credibility_inputs()

    assert _rows(inputs) == sorted(
        [
            (civilians.pk, MEASURE_KILLED, 9),
            (civilians.pk, MEASURE_WOUNDED, 34),
            (soldiers.pk, MEASURE_KILLED, 9),
        ]
    )
    keys = dict(
        zip(
            zip(inputs.claim_id.tolist(), inputs.measure.tolist(), strict=True),
            inputs.object_key.tolist(),
            strict=True,
        )
    )
    assert keys[(civilians.pk, MEASURE_KILLED)] != keys[(soldiers.pk, MEASURE_KILLED)]


def test_blame_counts_the_accused_root_party():
    state = PartyFactory(name="Testland")
    army = PartyFactory(name="Testland army", parent=state)
    claim = AccusationClaimFactory(incident=IncidentFactory(), accused=army)

    inputs = credibility_inputs()

    assert _rows(inputs) == [(claim.pk, MEASURE_BLAME, state.pk)]


def test_rejected_claims_statements_and_claims_without_incident_or_review_take_no_part():
    incident = IncidentFactory()
    ClaimFactory(incident=incident, status=ClaimStatus.REJECTED)
    ClaimFactory(incident=incident, kind=ClaimKind.STATEMENT, killed_min=None, killed_max=None)
    ClaimFactory(incident=None)

    assert len(credibility_inputs().claim_id) == 0


def test_a_reviewed_claim_without_an_incident_is_a_fact_of_its_own_seeded_by_its_verdict():
    verdict = VerdictFactory(claim=ClaimFactory(incident=None), rating=VerdictRating.MOSTLY_ACCURATE)

    inputs = credibility_inputs()

    assert inputs.claim_id.tolist() == [verdict.claim_id]
    assert inputs.measure.tolist() == [OWN_FACT]
    assert inputs.seed.tolist() == [pytest.approx(0.9)]
    assert inputs.why.tolist() == [WHY_VERDICT]


def test_a_resolution_makes_the_holding_claim_true_and_the_other_false_but_an_update_says_nothing():
    incident = IncidentFactory()
    holds, loses = (
        ClaimFactory(incident=incident, killed_min=10, killed_max=10),
        ClaimFactory(incident=incident),
    )
    ContradictionFactory(
        claim_a=holds, claim_b=loses, status=ContradictionStatus.RESOLVED, holding_claim=holds
    )
    early, later = (
        ClaimFactory(incident=incident),
        ClaimFactory(incident=incident, killed_min=12, killed_max=12),
    )
    ContradictionFactory(
        claim_a=early,
        claim_b=later,
        kind=ContradictionKind.UPDATE,
        status=ContradictionStatus.RESOLVED,
        holding_claim=later,
    )

    inputs = credibility_inputs()

    seeds = dict(zip(inputs.claim_id.tolist(), inputs.seed.tolist(), strict=True))
    assert seeds[holds.pk] == 1.0
    assert seeds[loses.pk] == 0.0
    assert np.isnan(seeds[later.pk])
    assert inputs.why[inputs.claim_id == holds.pk].tolist() == [WHY_RESOLUTION]
