"""Reviewers' merge and split of incidents."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError

from claims.models import (
    Claim,
    ClaimKind,
    Contradiction,
    ContradictionKind,
    ContradictionStatus,
    VictimGroup,
)
from claims.services.claims import claim_create
from claims.services.grouping import claim_group
from claims.services.incidents import incident_merge, incident_split
from claims.tests import engine_fixtures
from claims.tests.factories import ClaimFactory, IncidentFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]
eager_celery = engine_fixtures.eager_celery
sides, ganja, hadrut = engine_fixtures.sides, engine_fixtures.ganja, engine_fixtures.hadrut

OCT_11 = datetime(2020, 10, 11, 8, 0, tzinfo=UTC)


def strike_claim(claimant, place, killed=(9, 9), stated_at=OCT_11, **extra):
    return claim_create(
        claimant=claimant,
        kind=ClaimKind.CASUALTY,
        stated_at=stated_at,
        place=place,
        killed_min=killed[0],
        killed_max=killed[1],
        victim_group=VictimGroup.CIVILIAN,
        **extra,
    )


def test_merging_two_incidents_moves_their_claims_and_flags_the_new_conflict(
    sides, ganja, django_capture_on_commit_callbacks
):
    early = IncidentFactory(place=ganja, window_start=OCT_11, window_end=OCT_11)
    late = IncidentFactory(
        place=ganja, window_start=OCT_11 + timedelta(days=3), window_end=OCT_11 + timedelta(days=3)
    )
    nine = strike_claim(sides["az_prosecutor"], ganja, incident=early)
    twelve = strike_claim(sides["am_defence"], ganja, (12, 12), incident=late)
    with django_capture_on_commit_callbacks(execute=True):
        incident_merge(target=early, others=[late])
    late.refresh_from_db()
    assert late.merged_into == early
    assert set(early.claims.values_list("pk", flat=True)) == {nine.pk, twelve.pk}
    assert Contradiction.objects.get().kind == ContradictionKind.CASUALTY_MISMATCH
    early.refresh_from_db()
    assert (early.killed_low, early.killed_high) == (9, 12)


def test_splitting_off_a_claim_closes_the_contradiction_it_had_with_the_rest(
    sides, ganja, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        nine = strike_claim(sides["az_prosecutor"], ganja)
        twelve = strike_claim(sides["am_defence"], ganja, (12, 12))
    incident = Claim.objects.get(pk=nine.pk).incident
    with django_capture_on_commit_callbacks(execute=True):
        new = incident_split(incident=incident, claim_ids=[twelve.pk])
    assert Claim.objects.get(pk=twelve.pk).incident == new
    assert Contradiction.objects.get().status == ContradictionStatus.CLOSED
    incident.refresh_from_db()
    assert (incident.killed_low, incident.killed_high, new.killed_low) == (9, 9, 12)


def test_split_refuses_claims_of_other_incidents_and_emptying_the_incident(sides, ganja):
    first = strike_claim(sides["az_prosecutor"], ganja)
    incident = claim_group(claim=first)
    stranger = ClaimFactory()
    with pytest.raises(ValidationError):
        incident_split(incident=incident, claim_ids=[stranger.pk])
    with pytest.raises(ValidationError):
        incident_split(incident=incident, claim_ids=[first.pk])
