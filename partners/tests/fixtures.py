"""API test fixtures shared by the partners, claims and sources test suites (imported by their conftest).

Two partners, A and B, each with a read+submit key; a read-only key for A; a staff client; and a
``world`` in which each partner has submitted an article whose extracted claims are unpublished,
next to published claims and contradictions anyone may see.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from claims.models import ClaimOrigin, ClaimStatus, ContradictionKind
from claims.tests.factories import ClaimFactory, ContradictionFactory, IncidentFactory, VerdictFactory
from partners.services import IssuedKey, partner_key_create
from sources.tests.factories import ArticleFactory, OutletFactory, PartyFactory, PlaceFactory


def key_client(key: str | None = None, *, header: str = "x-api-key") -> APIClient:
    client = APIClient()
    if key is not None:
        if header == "authorization":
            client.credentials(HTTP_AUTHORIZATION=f"Api-Key {key}")
        else:
            client.credentials(HTTP_X_API_KEY=key)
    return client


@pytest.fixture(autouse=True)
def fresh_throttle_buckets():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def key_a(db) -> IssuedKey:
    return partner_key_create(partner_name="Partner A", scopes=["read", "submit"])


@pytest.fixture
def key_b(db) -> IssuedKey:
    return partner_key_create(partner_name="Partner B", scopes=["read", "submit"])


@pytest.fixture
def read_key_a(key_a) -> IssuedKey:
    return partner_key_create(partner_name="Partner A", scopes=["read"], key_name="read only")


@pytest.fixture
def submit_only_key_a(key_a) -> IssuedKey:
    return partner_key_create(partner_name="Partner A", scopes=["submit"], key_name="submit only")


@pytest.fixture
def partner_a(key_a):
    return key_a.api_key.partner


@pytest.fixture
def partner_b(key_b):
    return key_b.api_key.partner


@pytest.fixture
def client_a(key_a) -> APIClient:
    return key_client(key_a.key)


@pytest.fixture
def client_b(key_b) -> APIClient:
    return key_client(key_b.key)


@pytest.fixture
def read_client_a(read_key_a) -> APIClient:
    return key_client(read_key_a.key)


@pytest.fixture
def anon_client() -> APIClient:
    return APIClient()


@pytest.fixture
def staff_client(reviewer) -> APIClient:
    client = APIClient()
    client.force_login(reviewer)
    return client


@dataclass
class World:
    azerbaijan: object
    defence_ministry: object
    armenia: object
    ganja: object
    incident: object
    outlet: object
    published: object  # verified casualty claim by Azerbaijan's defence ministry: 9 killed in Ganja
    published_other: object  # verified casualty claim by Armenia: 12 killed, same incident
    published_accusation: object  # verified, Armenia accuses Azerbaijan
    rejected: object
    public_contradiction: object
    verdict: object
    article_a: object
    claim_a: object  # extracted from A's article, pending
    submitted_claim_a: object  # a structured claim A submitted, pending
    article_b: object
    claim_b: object  # extracted from B's article, pending
    contradiction_with_b: object  # published claim vs B's unpublished claim


@pytest.fixture
def world(partner_a, partner_b) -> World:
    azerbaijan = PartyFactory(name="Azerbaijan (test)", side="azerbaijan")
    government = PartyFactory(name="Government of Azerbaijan (test)", parent=azerbaijan)
    defence_ministry = PartyFactory(name="Ministry of Defence (test)", parent=government)
    armenia = PartyFactory(name="Armenia (test)", side="armenia")
    ganja = PlaceFactory(name="Ganja (test)")
    incident = IncidentFactory(title="Strike on Ganja", place=ganja)
    outlet = OutletFactory(name="Reuters")
    public_article = ArticleFactory(outlet=outlet, title="Ceasefire collapses")
    published = ClaimFactory(
        article=public_article,
        claimant=defence_ministry,
        incident=incident,
        place=ganja,
        status=ClaimStatus.VERIFIED,
        killed_min=9,
        killed_max=9,
        wounded_min=34,
        wounded_max=34,
        quote="killing nine people and wounding 34",
    )
    published_other = ClaimFactory(
        claimant=armenia,
        incident=incident,
        place=ganja,
        status=ClaimStatus.VERIFIED,
        killed_min=12,
        killed_max=12,
        quote="twelve were killed",
    )
    from claims.tests.factories import AccusationClaimFactory

    published_accusation = AccusationClaimFactory(
        claimant=armenia,
        accused=azerbaijan,
        status=ClaimStatus.VERIFIED,
        act="launching an assault at 12:05 pm",
    )
    rejected = ClaimFactory(claimant=armenia, status=ClaimStatus.REJECTED, killed_min=100, killed_max=None)
    public_contradiction = ContradictionFactory(
        claim_a=published,
        claim_b=published_other,
        incident=incident,
        kind=ContradictionKind.CASUALTY_MISMATCH,
    )
    verdict = VerdictFactory(claim=published)
    article_a = ArticleFactory(outlet=outlet, submitted_by=partner_a, title="A's scoop")
    claim_a = ClaimFactory(
        article=article_a,
        claimant=azerbaijan,
        status=ClaimStatus.PENDING,
        origin=ClaimOrigin.EXTRACTOR,
        incident=incident,
    )
    submitted_claim_a = ClaimFactory(
        claimant=armenia,
        status=ClaimStatus.PENDING,
        origin=ClaimOrigin.PARTNER,
        submitted_by=partner_a,
        article=None,
    )
    article_b = ArticleFactory(outlet=outlet, submitted_by=partner_b, title="B's secret scoop")
    claim_b = ClaimFactory(
        article=article_b,
        claimant=defence_ministry,
        status=ClaimStatus.PENDING,
        origin=ClaimOrigin.EXTRACTOR,
        incident=IncidentFactory(title="Only B knows"),
        place=ganja,
        killed_min=40,
        killed_max=40,
        quote="forty dead in secret",
    )
    contradiction_with_b = ContradictionFactory(claim_a=published, claim_b=claim_b, incident=incident)
    return World(
        azerbaijan=azerbaijan,
        defence_ministry=defence_ministry,
        armenia=armenia,
        ganja=ganja,
        incident=incident,
        outlet=outlet,
        published=published,
        published_other=published_other,
        published_accusation=published_accusation,
        rejected=rejected,
        public_contradiction=public_contradiction,
        verdict=verdict,
        article_a=article_a,
        claim_a=claim_a,
        submitted_claim_a=submitted_claim_a,
        article_b=article_b,
        claim_b=claim_b,
        contradiction_with_b=contradiction_with_b,
    )


def ids(response) -> set[int]:
    """The ids on a list page."""
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}
