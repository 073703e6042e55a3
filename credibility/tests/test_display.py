"""Where a reader decides: credibility and the most likely figure in the API and the admin."""

import pytest
from django.urls import reverse
from django.utils import timezone

from claims.models import ClaimStatus, VerdictRating
from claims.tests.factories import ClaimFactory, IncidentFactory, VerdictFactory
from credibility.models import PartyCredibility
from credibility.services import credibility_recompute
from sources.tests.factories import PartyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def scored():
    """A ministry refuted once by a verdict (published), two observers agreeing on 9 killed (not
    reviewed); recomputed."""
    ministry, first, second = (
        PartyFactory(name="Ministry"),
        PartyFactory(name="Observer 1"),
        PartyFactory(name="Observer 2"),
    )
    incident = IncidentFactory(title="Strike")
    refuted = ClaimFactory(
        claimant=ministry,
        incident=incident,
        killed_min=40,
        killed_max=40,
        quote="forty dead",
        status=ClaimStatus.VERIFIED,
    )
    ClaimFactory(claimant=first, incident=incident, killed_min=9, killed_max=9)
    ClaimFactory(claimant=second, incident=incident, killed_min=9, killed_max=9)
    VerdictFactory(claim=refuted, rating=VerdictRating.FALSE)
    credibility_recompute()
    return {"ministry": ministry, "observer": first, "incident": incident, "refuted": refuted}


def test_a_party_in_the_api_carries_its_credibility(scored, client_a):
    body = client_a.get(f"/api/v1/parties/{scored['ministry'].pk}/").json()

    credibility = body["credibility"]
    assert set(credibility) == {
        "score",
        "claims_counted",
        "confirmed",
        "refuted",
        "relayed_counted",
        "relay_score",
        "computed_at",
    }
    assert credibility["refuted"] == 1
    assert (
        credibility["score"]
        < client_a.get(f"/api/v1/parties/{scored['observer'].pk}/").json()["credibility"]["score"]
    )


def test_a_party_without_claims_has_null_credibility(client_a):
    party = PartyFactory()

    assert client_a.get(f"/api/v1/parties/{party.pk}/").json()["credibility"] is None


def test_the_credibility_endpoint_explains_the_score_with_the_claims_that_moved_it(scored, client_a):
    body = client_a.get(f"/api/v1/parties/{scored['ministry'].pk}/credibility/").json()

    first = body["explanation"][0]
    assert first["claim"] == scored["refuted"].pk
    assert first["why"] == "verdict"
    assert first["quote"] == "forty dead"
    assert first["effect"] < 0


def test_the_credibility_explanation_lists_only_claims_the_caller_may_see(scored, client_a, staff_client):
    url = f"/api/v1/parties/{scored['observer'].pk}/credibility/"
    unreviewed = scored["observer"].claims.get().pk

    assert unreviewed in {entry["claim"] for entry in staff_client.get(url).json()["explanation"]}
    assert client_a.get(url).json()["explanation"] == []


def test_the_credibility_endpoint_says_when_nothing_is_computed_yet(client_a):
    party = PartyFactory()

    response = client_a.get(f"/api/v1/parties/{party.pk}/credibility/")

    assert response.status_code == 404
    assert "No credibility computed" in response.json()["detail"]


def test_an_incident_in_the_api_shows_the_most_likely_figure_beside_its_range(scored, staff_client):
    body = staff_client.get(f"/api/v1/incidents/{scored['incident'].pk}/").json()

    assert body["likely_killed"] == 9
    assert 0 < body["likely_killed_confidence"] <= 1
    listed = staff_client.get("/api/v1/incidents/").json()["results"]
    assert {row["id"]: row["likely_killed"] for row in listed}[scored["incident"].pk] == 9


@pytest.mark.parametrize("rows", [1, 100])
def test_the_party_list_stays_constant_query_with_credibility(rows, client_a, django_assert_num_queries):
    since = timezone.now().isoformat()
    for party in PartyFactory.create_batch(rows):
        PartyCredibility.objects.create(party=party, score=0.7, claims_counted=3, computed_at=timezone.now())
    with django_assert_num_queries(4):  # key, page (credibility joined), aliases, sides
        response = client_a.get("/api/v1/parties/", {"page_size": 100, "updated_since": since})
    assert all(row["credibility"]["score"] == 0.7 for row in response.json()["results"])


def test_the_party_admin_page_shows_the_score_and_links_the_claims_that_moved_it(scored, admin_client):
    html = admin_client.get(
        reverse("admin:sources_party_change", args=[scored["ministry"].pk])
    ).content.decode()

    assert "1 refuted" in html
    assert reverse("admin:claims_claim_change", args=[scored["refuted"].pk]) in html
    assert "verdict" in html


def test_the_claim_admin_page_shows_the_claimants_credibility_and_the_likely_figure(scored, admin_client):
    html = admin_client.get(
        reverse("admin:claims_claim_change", args=[scored["refuted"].pk])
    ).content.decode()

    assert "Claimant&#x27;s credibility" in html
    assert "1 refuted" in html
    assert "killed 9 (likely" in html


def test_the_incident_admin_list_shows_the_most_likely_figure(scored, admin_client):
    html = admin_client.get(reverse("admin:claims_incident_changelist")).content.decode()

    assert "most likely killed" in html.lower()
    assert "9 (likely" in html
