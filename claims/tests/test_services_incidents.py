"""Incident grouping, reviewers' merge and split, and the cached casualty range and grade."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError

from claims.models import (
    Claim,
    ClaimKind,
    ClaimStatus,
    Contradiction,
    ContradictionKind,
    ContradictionStatus,
    Incident,
    IncidentKind,
    VictimGroup,
)
from claims.selectors.incidents import incident_casualty_range
from claims.services.claims import claim_create, claims_review
from claims.services.incidents import claim_group, incident_merge, incident_split, incidents_refresh
from claims.tests import engine_fixtures
from claims.tests.factories import AccusationClaimFactory, ClaimFactory, IncidentFactory
from sources.models import PlaceAlias

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


def test_claims_about_the_same_place_and_day_share_one_incident(sides, ganja):
    first = strike_claim(sides["az_prosecutor"], ganja)
    second = strike_claim(sides["am_defence"], ganja, stated_at=OCT_11 + timedelta(hours=5))
    incident = claim_group(claim=first)
    assert claim_group(claim=second) == incident
    incident.refresh_from_db()
    assert incident.kind == IncidentKind.STRIKE
    assert incident.place == ganja
    assert incident.window_start <= OCT_11 - timedelta(days=1)
    assert incident.window_end >= OCT_11 + timedelta(hours=5)


def test_a_transliterated_place_name_resolves_to_the_same_incident(sides, ganja):
    gence = PlaceAlias.objects.get(alias="Gence").place
    first = strike_claim(sides["az_prosecutor"], ganja)
    second = strike_claim(sides["am_defence"], gence)
    assert claim_group(claim=first) == claim_group(claim=second)


def test_a_strike_a_week_later_is_another_incident(sides, ganja):
    first = strike_claim(sides["az_prosecutor"], ganja)
    later = strike_claim(sides["az_prosecutor"], ganja, stated_at=OCT_11 + timedelta(days=7))
    assert claim_group(claim=first) != claim_group(claim=later)


def test_another_place_is_another_incident(sides, ganja, hadrut):
    assert claim_group(claim=strike_claim(sides["am_defence"], ganja)) != claim_group(
        claim=strike_claim(sides["am_defence"], hadrut)
    )


def test_control_claims_form_capture_incidents_apart_from_strikes(sides, hadrut):
    strike = strike_claim(sides["am_defence"], hadrut)
    capture = claim_create(
        claimant=sides["az_defence"],
        kind=ClaimKind.CONTROL,
        stated_at=OCT_11,
        place=hadrut,
        controller=sides["az_forces"],
    )
    assert claim_group(claim=capture).kind == IncidentKind.CAPTURE
    assert claim_group(claim=capture) != claim_group(claim=strike)


def test_claims_without_a_place_and_statements_are_not_grouped(sides, ganja):
    unplaced = claim_create(
        claimant=sides["am_defence"], kind=ClaimKind.CASUALTY, stated_at=OCT_11, killed_min=3
    )
    statement = claim_create(
        claimant=sides["am_defence"], kind=ClaimKind.STATEMENT, stated_at=OCT_11, place=ganja
    )
    assert claim_group(claim=unplaced) is None
    assert claim_group(claim=statement) is None
    assert not Incident.objects.exists()


def test_merged_incidents_take_no_new_claims(sides, ganja):
    first = strike_claim(sides["az_prosecutor"], ganja)
    merged = claim_group(claim=first)
    target = IncidentFactory(place=ganja, window_start=OCT_11 + timedelta(days=20))
    incident_merge(target=target, others=[merged])
    again = strike_claim(sides["am_defence"], ganja)
    assert claim_group(claim=again) not in (merged, None)


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


def test_casualty_range_lists_each_source_and_the_conservative_figure(sides, ganja):
    incident = IncidentFactory(place=ganja)
    strike_claim(sides["az_prosecutor"], ganja, (9, 9), incident=incident)
    strike_claim(sides["am_defence"], ganja, (12, None), incident=incident, relayed_by=sides["osce"])
    strike_claim(sides["az_defence"], ganja, (30, 30), incident=incident, status=ClaimStatus.REJECTED)
    figures = incident_casualty_range(incident_id=incident.pk)
    assert [source.claimant for source in figures.sources] == [
        "Prosecutor General of Azerbaijan",
        "Ministry of Defence of Armenia",
    ]
    assert figures.sources[1].relayed_by == "OSCE Minsk Group"
    assert (figures.killed_low, figures.killed_high, figures.killed_conservative) == (9, 12, 9)
    assert figures.killed_display == "9–12"
    incidents_refresh(incident_ids=[incident.pk])
    incident.refresh_from_db()
    assert (incident.killed_low, incident.killed_high) == (9, 12)
    assert incident.grade == Incident.Grade.FAIR


def test_grade_follows_airwars(sides, ganja, reviewer):
    incident = IncidentFactory(place=ganja)
    one = strike_claim(sides["az_prosecutor"], ganja, incident=incident)
    incidents_refresh(incident_ids=[incident.pk])
    incident.refresh_from_db()
    assert incident.grade == Incident.Grade.WEAK

    AccusationClaimFactory(
        claimant=sides["am_defence"], accused=sides["az_forces"], incident=incident, place=ganja
    )
    AccusationClaimFactory(
        claimant=sides["az_defence"], accused=sides["am_forces"], incident=incident, place=ganja
    )
    incidents_refresh(incident_ids=[incident.pk])
    incident.refresh_from_db()
    assert incident.grade == Incident.Grade.CONTESTED

    AccusationClaimFactory(
        claimant=sides["az_defence"], accused=sides["az_forces"], incident=incident, place=ganja
    )
    incidents_refresh(incident_ids=[incident.pk])
    incident.refresh_from_db()
    assert incident.grade == Incident.Grade.CONFIRMED

    claims_review(
        claim_ids=incident.claims.values_list("pk", flat=True), status=ClaimStatus.REJECTED, reviewer=reviewer
    )
    incidents_refresh(incident_ids=[incident.pk])
    incident.refresh_from_db()
    assert incident.grade == Incident.Grade.DISCOUNTED
    assert one.pk in incident.claims.values_list("pk", flat=True)


def test_control_claimed_for_both_sides_grades_the_capture_contested(sides, hadrut):
    from claims.tests.factories import ControlClaimFactory

    incident = IncidentFactory(place=hadrut, kind=IncidentKind.CAPTURE)
    ControlClaimFactory(
        claimant=sides["az_defence"], controller=sides["az_forces"], place=hadrut, incident=incident
    )
    ControlClaimFactory(
        claimant=sides["am_defence"], controller=sides["am_forces"], place=hadrut, incident=incident
    )
    incidents_refresh(incident_ids=[incident.pk])
    incident.refresh_from_db()
    assert incident.grade == Incident.Grade.CONTESTED


def test_two_bodies_of_one_state_or_two_relays_of_one_statement_are_one_source(sides, ganja):
    incident = IncidentFactory(place=ganja)
    strike_claim(sides["az_prosecutor"], ganja, incident=incident)
    strike_claim(sides["az_defence"], ganja, incident=incident)
    strike_claim(sides["az_prosecutor"], ganja, incident=incident, relayed_by=sides["osce"])
    incidents_refresh(incident_ids=[incident.pk])
    incident.refresh_from_db()
    assert incident.grade == Incident.Grade.WEAK
    strike_claim(sides["am_defence"], ganja, incident=incident)
    incidents_refresh(incident_ids=[incident.pk])
    incident.refresh_from_db()
    assert incident.grade == Incident.Grade.FAIR


def test_a_refresh_writes_one_system_audit_entry_per_incident_whose_figures_changed(sides, ganja, hadrut):
    changing, steady = IncidentFactory(place=ganja), IncidentFactory(place=hadrut)
    strike_claim(sides["az_prosecutor"], ganja, incident=changing)
    strike_claim(sides["am_defence"], hadrut, incident=steady)
    incidents_refresh(incident_ids=[steady.pk])
    entries = Incident.history.filter(history_change_reason="figures and grade recomputed from its claims")
    before = entries.count()

    assert incidents_refresh(incident_ids=[changing.pk, steady.pk]) == 1

    new = entries.order_by("-history_id")[: entries.count() - before]
    assert [(entry.id, entry.killed_low, entry.history_user_id) for entry in new] == [(changing.pk, 9, None)]


def test_a_rescan_block_fills_the_figures_of_the_incidents_of_its_unchecked_claims_only(sides, ganja, hadrut):
    from claims.services.rescan import contradictions_rescan

    fresh, checked = IncidentFactory(place=ganja), IncidentFactory(place=hadrut)
    strike_claim(sides["az_prosecutor"], ganja, incident=fresh)
    done = strike_claim(sides["am_defence"], hadrut, killed=(4, 4), incident=checked)
    Claim.objects.filter(pk=done.pk).update(checked_at=done.changed_at)

    contradictions_rescan(block_size=10)

    fresh.refresh_from_db()
    checked.refresh_from_db()
    assert (fresh.killed_low, fresh.killed_high) == (9, 9)
    assert checked.killed_low is None  # its claims were checked: nothing about them changed
