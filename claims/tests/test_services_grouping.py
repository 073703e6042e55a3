"""Grouping claims into incidents: same place and day, aliases, kinds, what is never grouped."""

from datetime import timedelta

import pytest

from claims.models import ClaimKind, Incident, IncidentKind
from claims.services.claims import claim_create
from claims.services.grouping import claim_group
from claims.services.incidents import incident_merge
from claims.tests import engine_fixtures
from claims.tests.factories import IncidentFactory
from claims.tests.test_services_incidents import OCT_11, strike_claim
from sources.models import PlaceAlias

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]
eager_celery = engine_fixtures.eager_celery
sides, ganja, hadrut = engine_fixtures.sides, engine_fixtures.ganja, engine_fixtures.hadrut


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
