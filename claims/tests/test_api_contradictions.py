"""Contradictions, incidents and verdicts over the API: visibility, filters, query counts."""

from datetime import timedelta

import pytest
from django.utils import timezone

from claims.models import Claim, ClaimStatus, Contradiction, ContradictionKind, ContradictionStatus, Incident
from claims.services.incident_figures import incidents_refresh
from claims.tests.factories import ClaimFactory, ContradictionFactory, IncidentFactory, VerdictFactory
from partners.tests.fixtures import ids

pytestmark = pytest.mark.django_db

URL = "/api/v1/contradictions/"


def test_partners_see_contradictions_between_claims_they_may_see(world, client_a, client_b, staff_client):
    assert ids(client_a.get(URL)) == {world.public_contradiction.pk}
    # B sees the one involving its own (unpublished) claim; A never does.
    assert ids(client_b.get(URL)) == {world.public_contradiction.pk, world.contradiction_with_b.pk}
    assert client_a.get(f"{URL}{world.contradiction_with_b.pk}/").status_code == 404
    assert ids(staff_client.get(URL)) == {world.public_contradiction.pk, world.contradiction_with_b.pk}


def test_a_contradiction_reads_with_its_pair_and_explanation(world, client_a):
    body = client_a.get(f"{URL}{world.public_contradiction.pk}/").json()
    assert {body["claim_a"], body["claim_b"]} == {world.published.pk, world.published_other.pk}
    assert body["kind"] == "casualty_mismatch"
    assert body["explanation"] == "killed: 9 vs 12"
    assert body["status"] == "open"


def test_contradiction_filters(world, client_a):
    blame = ContradictionFactory(
        claim_a=ClaimFactory(status=ClaimStatus.VERIFIED, claimant=world.armenia),
        claim_b=ClaimFactory(status=ClaimStatus.VERIFIED),
        kind=ContradictionKind.CONFLICTING_BLAME,
        status=ContradictionStatus.CONFIRMED,
        score=0.4,
    )
    public = world.public_contradiction.pk
    assert ids(client_a.get(URL, {"kind": "conflicting_blame"})) == {blame.pk}
    assert ids(client_a.get(URL, {"status": "open"})) == {public}
    assert ids(client_a.get(URL, {"incident": world.incident.pk})) == {public}
    assert ids(client_a.get(URL, {"party": world.azerbaijan.pk})) == {public}  # via its defence ministry
    assert ids(client_a.get(URL, {"party": world.armenia.pk})) == {public, blame.pk}
    assert ids(client_a.get(URL, {"claim": world.published_other.pk})) == {public}
    assert ids(client_a.get(URL, {"score__gte": 0.5})) == {public}
    soon = (timezone.now() + timedelta(hours=1)).isoformat()
    assert ids(client_a.get(URL, {"detected_at__lte": soon})) == {public, blame.pk}
    assert ids(client_a.get(URL, {"detected_at__gte": soon})) == set()
    Contradiction.objects.filter(pk=blame.pk).update(updated_at=timezone.now() + timedelta(hours=2))
    assert ids(client_a.get(URL, {"updated_since": soon})) == {blame.pk}


def test_contradiction_filters_never_reveal_another_partners_claims(world, client_a):
    for params in ({"party": world.defence_ministry.pk}, {"kind": "casualty_mismatch"}, {"status": "open"}):
        assert world.contradiction_with_b.pk not in ids(client_a.get(URL, params))
    refused = client_a.get(URL, {"claim": world.claim_b.pk})
    assert refused.status_code == 404
    assert refused.json() == client_a.get(URL, {"claim": 999_999}).json()


@pytest.mark.parametrize("rows", [1, 100])
def test_contradiction_list_query_count_is_pinned(rows, client_a, django_assert_num_queries):
    claims = ClaimFactory.create_batch(rows + 1, status=ClaimStatus.VERIFIED)
    Contradiction.objects.bulk_create(
        [
            Contradiction(
                claim_a=claims[0], claim_b=other, kind=ContradictionKind.CASUALTY_MISMATCH, explanation="x"
            )
            for other in claims[1:]
        ]
    )
    with django_assert_num_queries(2):
        response = client_a.get(URL, {"page_size": 100})
    assert len(response.json()["results"]) == rows


# --- incidents ----------------------------------------------------------------------------------------


def test_incidents_are_visible_through_their_visible_claims(world, client_a, client_b, staff_client):
    hidden = world.claim_b.incident_id
    assert ids(client_a.get("/api/v1/incidents/")) == {world.incident.pk}
    assert hidden in ids(client_b.get("/api/v1/incidents/"))
    assert client_a.get(f"/api/v1/incidents/{hidden}/").status_code == 404
    assert ids(staff_client.get("/api/v1/incidents/")) == set(Incident.objects.values_list("pk", flat=True))


PUBLISHED_FIGURES = {
    "published_killed_low": 9,
    "published_killed_high": 12,
    "published_grade": "contested",
}


def test_incident_reads_with_its_figures(world, client_a):
    Incident.objects.filter(pk=world.incident.pk).update(**PUBLISHED_FIGURES)
    body = client_a.get(f"/api/v1/incidents/{world.incident.pk}/").json()
    assert (body["killed_low"], body["killed_high"], body["grade"]) == (9, 12, "contested")
    assert body["place"] == world.ganja.pk


def test_partners_read_incident_figures_over_published_claims_only(world, client_a, client_b, staff_client):
    ClaimFactory(
        article=world.article_b,
        claimant=world.armenia,
        incident=world.incident,
        place=world.ganja,
        status=ClaimStatus.PENDING,
        killed_min=777,
        killed_max=777,
    )
    incidents_refresh(incident_ids=[world.incident.pk])
    url = f"/api/v1/incidents/{world.incident.pk}/"
    for client in (client_a, client_b):
        assert (client.get(url).json()["killed_low"], client.get(url).json()["killed_high"]) == (9, 12)
    assert staff_client.get(url).json()["killed_high"] == 777
    assert ids(client_a.get("/api/v1/incidents/", {"killed_high__gte": 700})) == set()
    assert ids(staff_client.get("/api/v1/incidents/", {"killed_high__gte": 700})) == {world.incident.pk}


def test_incident_filters(world, client_a):
    Incident.objects.filter(pk=world.incident.pk).update(**PUBLISHED_FIGURES)
    other = IncidentFactory(
        kind="capture", title="Hadrut taken", window_start=timezone.now() - timedelta(days=9)
    )
    ClaimFactory(incident=other, status=ClaimStatus.VERIFIED)
    main = world.incident.pk
    assert ids(client_a.get("/api/v1/incidents/", {"kind": "capture"})) == {other.pk}
    assert ids(client_a.get("/api/v1/incidents/", {"grade": "contested"})) == {main}
    assert ids(client_a.get("/api/v1/incidents/", {"place": world.ganja.pk})) == {main}
    assert ids(client_a.get("/api/v1/incidents/", {"killed_high__gte": 10})) == {main}
    assert ids(client_a.get("/api/v1/incidents/", {"killed_low__gte": 9})) == {main}
    assert ids(client_a.get("/api/v1/incidents/", {"q": "hadrut"})) == {other.pk}
    cutoff = (timezone.now() - timedelta(days=1)).isoformat()
    assert ids(client_a.get("/api/v1/incidents/", {"window_start__lte": cutoff})) == {other.pk}
    assert ids(client_a.get("/api/v1/incidents/", {"window_start__gte": cutoff})) == {main}
    Incident.objects.filter(pk=other.pk).update(updated_at=timezone.now() + timedelta(hours=1))
    assert ids(client_a.get("/api/v1/incidents/", {"updated_since": timezone.now().isoformat()})) == {
        other.pk
    }


@pytest.mark.parametrize("rows", [1, 100])
def test_incident_list_query_count_is_pinned(rows, client_a, django_assert_num_queries):
    for incident in Incident.objects.bulk_create([Incident(title=f"I{i}") for i in range(rows)]):
        ClaimFactory(incident=incident, status=ClaimStatus.VERIFIED)
    with django_assert_num_queries(2):
        response = client_a.get("/api/v1/incidents/", {"page_size": 100})
    assert len(response.json()["results"]) == rows


# --- verdicts -----------------------------------------------------------------------------------------


def test_verdicts_follow_their_claims_visibility(world, client_a, client_b):
    hidden = VerdictFactory(claim=world.claim_b)
    assert ids(client_a.get("/api/v1/verdicts/")) == {world.verdict.pk}
    assert client_a.get(f"/api/v1/verdicts/{hidden.pk}/").status_code == 404
    assert ids(client_b.get("/api/v1/verdicts/")) == {world.verdict.pk, hidden.pk}


def test_verdict_filters(world, client_a):
    false = VerdictFactory(rating="false")
    assert ids(client_a.get("/api/v1/verdicts/", {"rating": "false"})) == {false.pk}
    assert ids(client_a.get("/api/v1/verdicts/", {"claim": world.published.pk})) == {world.verdict.pk}
    body = client_a.get(f"/api/v1/verdicts/{false.pk}/").json()
    assert body["rating_label"] == "False"
    assert body["evidence_links"] == ["https://evidence.example/ganja-hospital-list"]


@pytest.mark.parametrize("rows", [1, 100])
def test_verdict_list_query_count_is_pinned(rows, client_a, django_assert_num_queries):
    for _ in range(rows):
        VerdictFactory()
    assert Claim.objects.count() == rows
    with django_assert_num_queries(2):
        response = client_a.get("/api/v1/verdicts/", {"page_size": 100})
    assert len(response.json()["results"]) == rows
