"""Strict input: a key a write does not know is a 400 naming it (with a suggestion when one is close),
never silently dropped; nothing is written."""

import pytest

from claims.models import Claim, ClaimStatus, Contradiction, ContradictionStatus, Verdict
from sources.models import Article

pytestmark = pytest.mark.django_db


def test_an_article_with_published_instead_of_published_at_is_refused_with_a_suggestion(world, client_a):
    before = Article.objects.count()
    response = client_a.post(
        "/api/v1/articles/",
        {"body": "The ministry said nine people were killed.", "published": "2020-10-11T08:00:00Z"},
        format="json",
    )
    assert response.status_code == 400, response.content
    assert response.json() == {"published": ["unknown field 'published'; did you mean 'published_at'?"]}
    assert Article.objects.count() == before


def test_an_unknown_field_with_no_close_match_lists_the_fields(world, client_a):
    response = client_a.post(
        "/api/v1/claims/",
        {"kind": "casualty", "claimant": world.armenia.pk, "killed_min": 9, "zzz": 1},
        format="json",
    )
    assert response.status_code == 400
    message = response.json()["zzz"][0]
    assert message.startswith("unknown field 'zzz'; the fields are ")
    assert "killed_min" in message


def test_every_unknown_field_is_named_at_once(world, client_a):
    before = Claim.objects.count()
    response = client_a.post(
        "/api/v1/claims/",
        {"kind": "casualty", "claimant": world.armenia.pk, "killed": 9, "wounded": 34},
        format="json",
    )
    assert response.status_code == 400
    body = response.json()
    assert body["killed"] == ["unknown field 'killed'; did you mean 'killed_min'?"]
    assert "wounded" in body
    assert Claim.objects.count() == before


def test_an_unknown_field_in_a_form_encoded_body_is_refused_too(world, client_a):
    response = client_a.post(
        "/api/v1/articles/", {"body": "Nine were killed.", "titel": "x"}, format="multipart"
    )
    assert response.status_code == 400
    assert response.json()["titel"] == ["unknown field 'titel'; did you mean 'title'?"]


def test_staff_review_actions_refuse_unknown_fields(world, staff_client):
    claim = world.claim_a
    response = staff_client.post(f"/api/v1/claims/{claim.pk}/verify/", {"notes": "ok"}, format="json")
    assert response.status_code == 400
    assert "notes" in response.json()
    claim.refresh_from_db()
    assert claim.status != ClaimStatus.VERIFIED

    response = staff_client.post(
        f"/api/v1/claims/{world.published_other.pk}/verdict/",
        {"rating": "false", "sumary": "wrong"},
        format="json",
    )
    assert response.json() == {"sumary": ["unknown field 'sumary'; did you mean 'summary'?"]}
    assert not Verdict.objects.filter(claim=world.published_other).exists()

    contradiction = world.public_contradiction
    response = staff_client.post(
        f"/api/v1/contradictions/{contradiction.pk}/resolve/",
        {"holding": world.published.pk},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["holding"] == ["unknown field 'holding'; did you mean 'holding_claim'?"]
    response = staff_client.post(
        f"/api/v1/contradictions/{contradiction.pk}/confirm/", {"nte": "x"}, format="json"
    )
    assert response.json()["nte"] == ["unknown field 'nte'; did you mean 'note'?"]
    assert Contradiction.objects.get(pk=contradiction.pk).status == ContradictionStatus.OPEN


def test_known_fields_still_go_through(world, client_a):
    response = client_a.post(
        "/api/v1/articles/",
        {"body": "The ministry said nine people were killed.", "published_at": "2020-10-11T08:00:00Z"},
        format="json",
    )
    assert response.status_code == 202, response.content
    assert Article.objects.get(pk=response.json()["id"]).published_at.year == 2020


def test_the_schema_says_every_write_body_refuses_unknown_fields(client, db):
    spec = client.get("/api/schema/?format=json").json()
    schemas = spec["components"]["schemas"]
    bodies = 0
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            for media in operation.get("requestBody", {}).get("content", {}).values():
                ref = media["schema"].get("$ref")
                schema = schemas[ref.rsplit("/", 1)[-1]] if ref else media["schema"]
                assert schema.get("additionalProperties") is False, f"{method} {path}"
                bodies += 1
    assert bodies >= 6
