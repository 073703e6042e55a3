"""The cached casualty range and grade of incidents, and their audit entries."""

import pytest

from bench.corpus import generate_corpus
from claims.models import Claim, ClaimCheckPending, ClaimStatus, Incident, IncidentKind
from claims.selectors.candidates import claims_facts
from claims.selectors.incidents import incident_casualty_range
from claims.services.claims import claims_review
from claims.services.incident_figures import incident_refresh_from_facts, incidents_refresh
from claims.tests import engine_fixtures
from claims.tests.factories import AccusationClaimFactory, IncidentFactory
from claims.tests.test_services_incidents import strike_claim
from sources.selectors import side_relations

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]
eager_celery = engine_fixtures.eager_celery
sides, ganja, hadrut = engine_fixtures.sides, engine_fixtures.ganja, engine_fixtures.hadrut


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
    ClaimCheckPending.objects.filter(claim=done).delete()  # as its check left it

    contradictions_rescan(block_size=10)

    fresh.refresh_from_db()
    checked.refresh_from_db()
    assert (fresh.killed_low, fresh.killed_high) == (9, 9)
    assert checked.killed_low is None  # its claims were checked: nothing about them changed


def test_a_checks_refresh_from_the_claims_in_hand_gives_the_figures_the_set_based_refresh_gives(sides):
    generate_corpus(800, seed=3, planted=20, disagreement=True)
    claims = Claim.objects.filter(incident__isnull=False)
    ids = list(claims.order_by("pk").values_list("pk", flat=True))
    # Reviews spread over the incidents, so discounted, published and unpublished figures all differ.
    Claim.objects.filter(pk__in=ids[::3]).update(status=ClaimStatus.VERIFIED)
    Claim.objects.filter(pk__in=ids[1::4]).update(status=ClaimStatus.REJECTED)
    incidents = sorted(set(claims.values_list("incident_id", flat=True)))
    Claim.objects.filter(incident_id__in=incidents[:5]).update(status=ClaimStatus.REJECTED)  # discounted
    Incident.objects.update(
        grade=Incident.Grade.DISCOUNTED, killed_low=None, published_grade=Incident.Grade.CONFIRMED
    )
    facts = claims_facts(claim_ids=ids)
    by_incident: dict[int, list] = {}
    for claim in facts.values():
        by_incident.setdefault(claim.incident_id, []).append(claim)

    changed = sum(
        incident_refresh_from_facts(
            incident_id=incident, claims=by_incident[incident], relations=side_relations()
        )
        for incident in incidents
    )

    assert changed == len(incidents)
    assert incidents_refresh(incident_ids=incidents) == 0
    assert len(set(Incident.objects.values_list("grade", flat=True))) >= 3
    assert (
        Incident.history.filter(history_change_reason="figures and grade recomputed from its claims").count()
        == changed
    )
