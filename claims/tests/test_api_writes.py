"""Writes over the API: partners submit claims and articles; staff verify, reject, rate and resolve."""

import pytest

from claims.models import Claim, ClaimOrigin, ClaimStatus, Contradiction, ContradictionStatus, Verdict
from partners.tests.fixtures import ids
from sources.models import Article

pytestmark = pytest.mark.django_db

GANJA_TEXT = (
    "Azerbaijan's defence ministry said an Armenian missile hit Ganja, killing nine people and wounding 34. "
    "Armenian officials denied it."
)


def test_a_partner_submits_a_structured_claim_into_the_review_queue(world, client_a, client_b):
    response = client_a.post(
        "/api/v1/claims/",
        {
            "kind": "casualty",
            "claimant": world.armenia.pk,
            "place": world.ganja.pk,
            "killed_min": 10,
            "killed_max": 10,
            "victim_group": "civilian",
            "quote": "ten civilians were killed",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    claim = Claim.objects.get(pk=body["id"])
    assert (claim.status, claim.origin, claim.submitted_by) == (
        ClaimStatus.PENDING,
        ClaimOrigin.PARTNER,
        world.claim_a.article.submitted_by,
    )
    assert body["status"] == "pending"
    assert client_a.get(f"/api/v1/claims/{claim.pk}/").status_code == 200
    assert client_b.get(f"/api/v1/claims/{claim.pk}/").status_code == 404


def test_a_submitted_claim_may_point_at_the_partners_own_article_but_not_at_anothers(world, client_a):
    ok = client_a.post(
        "/api/v1/claims/",
        {"kind": "denial", "claimant": world.armenia.pk, "article": world.article_a.pk, "act": "the strike"},
        format="json",
    )
    assert ok.status_code == 201
    refused = client_a.post(
        "/api/v1/claims/",
        {"kind": "denial", "claimant": world.armenia.pk, "article": world.article_b.pk, "act": "the strike"},
        format="json",
    )
    assert refused.status_code == 400
    assert "article" in refused.json()


def test_a_claim_the_model_refuses_is_a_400_naming_the_field_and_nothing_is_saved(world, client_a):
    before = Claim.objects.count()
    accusation_without_accused = client_a.post(
        "/api/v1/claims/", {"kind": "accusation", "claimant": world.armenia.pk}, format="json"
    )
    assert accusation_without_accused.status_code == 400
    min_over_max = client_a.post(
        "/api/v1/claims/",
        {"kind": "casualty", "claimant": world.armenia.pk, "killed_min": 12, "killed_max": 9},
        format="json",
    )
    assert min_over_max.status_code == 400
    bad_offsets = client_a.post(
        "/api/v1/claims/",
        {
            "kind": "statement",
            "claimant": world.armenia.pk,
            "article": world.article_a.pk,
            "quote": "not in the article",
            "quote_start": 0,
            "quote_end": 5,
        },
        format="json",
    )
    assert bad_offsets.status_code == 400
    assert "quote" in bad_offsets.json()
    assert Claim.objects.count() == before


def test_staff_submissions_are_reviewer_claims(world, staff_client):
    response = staff_client.post(
        "/api/v1/claims/",
        {"kind": "statement", "claimant": world.armenia.pk, "act": "ceasefire holds"},
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["origin"] == "reviewer"


# --- articles -----------------------------------------------------------------------------------------


def test_a_partner_submits_an_article_and_polls_its_status(
    world, client_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_a.post(
            "/api/v1/articles/",
            {
                "body": GANJA_TEXT,
                "url": "https://oc-media.example/ganja-strike?utm_source=x",
                "title": "Missile hits Ganja",
                "outlet": "OC Media",
                "published_at": "2020-10-17T09:00:00Z",
            },
            format="json",
        )
    assert response.status_code == 202, response.content
    accepted = response.json()
    assert accepted["created"] is True
    assert response["Location"] == accepted["status_url"]
    article = Article.objects.get(pk=accepted["id"])
    assert article.submitted_by.name == "Partner A"
    assert article.outlet.name == "OC Media"
    status = client_a.get(accepted["status_url"]).json()
    assert status["status"] in ("received", "extracted", "failed")
    assert status["title"] == "Missile hits Ganja"


def test_claims_extracted_from_a_submission_are_visible_to_the_submitter_only(
    world, client_a, client_b, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        accepted = client_a.post("/api/v1/articles/", {"body": GANJA_TEXT}, format="json").json()
    extracted = set(Claim.objects.filter(article_id=accepted["id"]).values_list("pk", flat=True))
    assert ids(client_a.get(accepted["claims_url"])) == extracted
    assert client_b.get(f"/api/v1/articles/{accepted['id']}/").status_code == 404
    assert not extracted & ids(client_b.get("/api/v1/claims/", {"page_size": 500}))


def test_html_submissions_are_accepted(world, client_a):
    html = f"<html><head><title>Ganja</title></head><body><p>{GANJA_TEXT}</p></body></html>"
    response = client_a.post("/api/v1/articles/", {"html": html}, format="json")
    assert response.status_code == 202
    assert "killing nine people" in Article.objects.get(pk=response.json()["id"]).body


def test_resubmitting_the_same_article_returns_the_first(world, client_a):
    first = client_a.post("/api/v1/articles/", {"body": GANJA_TEXT}, format="json").json()
    again = client_a.post("/api/v1/articles/", {"body": GANJA_TEXT}, format="json")
    assert again.status_code == 202
    assert again.json()["id"] == first["id"]
    assert again.json()["created"] is False


def test_resubmitting_another_partners_unpublished_article_does_not_reveal_it(world, client_a, client_b):
    client_b.post("/api/v1/articles/", {"body": GANJA_TEXT}, format="json")
    response = client_a.post("/api/v1/articles/", {"body": GANJA_TEXT}, format="json")
    assert response.status_code == 409
    assert "id" not in response.json()


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({}, "body"),
        ({"body": GANJA_TEXT, "html": "<p>x</p>"}, "html"),
        ({"body": GANJA_TEXT, "url": "not a url"}, "url"),
        ({"body": GANJA_TEXT, "published_at": "yesterday-ish"}, "published_at"),
        ({"body": GANJA_TEXT, "title": "x" * 501}, "title"),
        ({"body": 12}, "body"),
    ],
)
def test_bad_article_submissions_name_the_field_and_store_nothing(payload, field, world, client_a):
    before = Article.objects.count()
    response = client_a.post("/api/v1/articles/", payload, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert Article.objects.count() == before


def test_an_article_the_ingestion_service_refuses_is_a_400(world, client_a):
    response = client_a.post("/api/v1/articles/", {"body": "   \n  "}, format="json")
    assert response.status_code == 400


# --- staff review -------------------------------------------------------------------------------------


def test_staff_verify_a_claim_and_partners_then_see_it(world, staff_client, client_a, reviewer):
    response = staff_client.post(f"/api/v1/claims/{world.claim_b.pk}/verify/")
    assert response.status_code == 200
    assert response.json()["status"] == "verified"
    world.claim_b.refresh_from_db()
    assert world.claim_b.reviewed_by == reviewer
    assert client_a.get(f"/api/v1/claims/{world.claim_b.pk}/").status_code == 200


def test_staff_reject_a_claim_and_it_leaves_the_public_view(world, staff_client, client_a):
    assert (
        staff_client.post(f"/api/v1/claims/{world.published_other.pk}/reject/").json()["status"] == "rejected"
    )
    assert client_a.get(f"/api/v1/claims/{world.published_other.pk}/").status_code == 404


def test_staff_set_a_verdict_which_feeds_claimreview(world, staff_client, client_a):
    response = staff_client.post(
        f"/api/v1/claims/{world.published_other.pk}/verdict/",
        {
            "rating": "false",
            "summary": "Hospital lists nine.",
            "evidence_links": ["https://example.org/list"],
            "claim_reviewed": "Twelve people died in the strike",
        },
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["rating_label"] == "False"
    assert response.json()["claim_reviewed"] == "Twelve people died in the strike"
    review = client_a.get(f"/api/v1/claims/{world.published_other.pk}/claimreview/").json()
    assert review["reviewRating"] == {"@type": "Rating", "alternateName": "False"}
    assert review["claimReviewed"] == "Twelve people died in the strike"


def test_a_bad_verdict_names_the_field_and_changes_nothing(world, staff_client):
    bad_rating = staff_client.post(
        f"/api/v1/claims/{world.published.pk}/verdict/", {"rating": "meh"}, format="json"
    )
    assert bad_rating.status_code == 400
    assert "rating" in bad_rating.json()
    bad_link = staff_client.post(
        f"/api/v1/claims/{world.published.pk}/verdict/",
        {"rating": "false", "evidence_links": ["javascript:alert(1)"]},
        format="json",
    )
    assert bad_link.status_code == 400
    assert "evidence_links" in bad_link.json()
    assert Verdict.objects.get(claim=world.published).rating == "accurate"


@pytest.mark.parametrize(
    ("action", "status"),
    [("confirm", ContradictionStatus.CONFIRMED), ("dismiss", ContradictionStatus.DISMISSED)],
)
def test_staff_confirm_or_dismiss_a_contradiction(action, status, world, staff_client, reviewer):
    response = staff_client.post(
        f"/api/v1/contradictions/{world.public_contradiction.pk}/{action}/",
        {"note": "checked"},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["status"] == status
    contradiction = Contradiction.objects.get(pk=world.public_contradiction.pk)
    assert (contradiction.reviewed_by, contradiction.review_note) == (reviewer, "checked")


def test_staff_resolve_a_contradiction_naming_the_claim_that_holds(world, staff_client):
    url = f"/api/v1/contradictions/{world.public_contradiction.pk}/resolve/"
    missing = staff_client.post(url, {}, format="json")
    assert missing.status_code == 400
    assert "holding_claim" in missing.json()
    outsider = staff_client.post(url, {"holding_claim": world.rejected.pk}, format="json")
    assert outsider.status_code == 400
    assert "holding_claim" in outsider.json()
    unknown = staff_client.post(url, {"holding_claim": 999_999}, format="json")
    assert unknown.status_code == 400
    assert Contradiction.objects.get(pk=world.public_contradiction.pk).status == ContradictionStatus.OPEN
    resolved = staff_client.post(url, {"holding_claim": world.published.pk}, format="json")
    assert resolved.status_code == 200
    assert resolved.json()["status"] == "resolved"
    assert resolved.json()["holding_claim"] == world.published.pk


def test_review_actions_on_unknown_ids_are_404(world, staff_client):
    assert staff_client.post("/api/v1/claims/999999/verify/").status_code == 404
    assert staff_client.post("/api/v1/contradictions/999999/confirm/", {}, format="json").status_code == 404
