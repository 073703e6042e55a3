"""Partner isolation, end to end: partner B's unpublished submission never leaves the server towards A.

B submits an article (a unique title, URL and outlet, an unknown speaker, two figures) and a structured
claim (a unique quote and figure) about the same strike as published claims.  Then partner A, with its
read+submit key, its read-only key, and a third partner that never submitted anything, requests every
GET operation in the OpenAPI schema (each ``{id}`` replaced by every id that exists, B's hidden ones
included), every list filtered by B's figures and words, every report download and A's webhook
deliveries; B's markers must not appear in a single byte.  Staff see them, so the test can fail.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import UTC, date, datetime

import pytest
from django.core.cache import cache

from claims.models import Claim, ClaimStatus, Contradiction, Incident, Verdict, VerdictRating
from claims.services.claims import claims_review
from claims.services.ingestion import article_ingest
from claims.services.reviews import verdict_set
from claims.tests.engine_fixtures import eager_celery  # noqa: F401
from credibility.services import credibility_recompute
from partners.services import partner_key_create
from partners.tests.fixtures import key_client
from reports.models import PeriodKind, Report
from reports.services import report_build
from reports.webhooks import webhook_body, webhook_deliveries_record
from sources.models import Article, Conflict, Outlet, Party, Place, UrlSubmission

pytestmark = pytest.mark.django_db(transaction=False)

TITLE = "BETA SECRET TITLE"
URL = "https://beta-secret-outlet.example/unpublished/zq-1"
OUTLET = "Beta Secret Outlet"
SPEAKER = "Zorvan Quillbeck"
QUOTE = "BETA HIDDEN QUOTE 76543 dead"
FIGURES = (98765, 87654, 76543)
WORDS = (TITLE, URL, "beta-secret-outlet.example", OUTLET, SPEAKER, "BETA HIDDEN QUOTE", "unpublished/zq-1")
B_BODY = (
    f"Russian Deputy Foreign Minister {SPEAKER} said {FIGURES[0]} civilians had died in the shelling of Ganja. "
    f"A missile hit Ganja, killing {FIGURES[1]} people, {OUTLET} reported."
)
PUBLISHED_AT = datetime(2020, 10, 12, 9, tzinfo=UTC)

# Which model a path's ``{id}`` stands for, by the path's first segment under /api/v1/.
MODELS = {
    "claims": Claim,
    "parties": Party,
    "outlets": Outlet,
    "places": Place,
    "articles": Article,
    "incidents": Incident,
    "contradictions": Contradiction,
    "verdicts": Verdict,
    "url-submissions": UrlSubmission,
    "reports": Report,
}


def leaks(content: bytes) -> list[str]:
    """B's markers found in ``content`` (text case-insensitively; figures as whole numbers)."""
    text = content.decode("utf-8", "replace")
    found = [word for word in WORDS if word.lower() in text.lower()]
    for figure in FIGURES:
        for shown in (str(figure), f"{figure:,}", f"{figure:,}".replace(",", "\u202f")):
            if re.search(rf"(?<![0-9.]){re.escape(shown)}(?![0-9])", text):
                found.append(shown)
    return found


def unpacked(response) -> bytes:
    """The response body, with a zip's members unpacked (a CSV download is zipped)."""
    content = response.content
    if content[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return b"\n".join(archive.read(name) for name in archive.namelist())
    return content


@pytest.fixture
def scene(gazetteer, reviewer, eager_celery, django_capture_on_commit_callbacks):  # noqa: F811
    """Published house claims about the Ganja strike, B's unpublished submission, a report, scores."""
    key_a = partner_key_create(partner_name="Partner A", scopes=["read", "submit"])
    read_a = partner_key_create(partner_name="Partner A", scopes=["read"], key_name="read only")
    key_b = partner_key_create(partner_name="Partner B", scopes=["read", "submit"])
    key_c = partner_key_create(partner_name="Partner C", scopes=["read"])
    partner_a = key_a.api_key.partner
    partner_a.webhook_url = "https://hooks.partner-a.example/factcheck"
    partner_a.webhook_secret = "s3cret"
    partner_a.save()
    with django_capture_on_commit_callbacks(execute=True):
        house = [
            article_ingest(
                body="A missile hit Ganja, killing nine people and wounding 34.",
                url="https://wire.example/ganja-1",
                title="Missile hits Ganja",
                outlet_name="Wire Agency",
                published_at=PUBLISHED_AT,
            ),
            article_ingest(
                body="The Armenian Defence Ministry said ten people were killed in Ganja.",
                url="https://paper.example/ganja-2",
                title="Ten dead in Ganja",
                outlet_name="Evening Paper",
                published_at=PUBLISHED_AT,
            ),
        ]
        house_claims = [claim.pk for result in house for claim in result.claims]
        assert len(house_claims) == 2, house_claims
        claims_review(claim_ids=house_claims, status=ClaimStatus.VERIFIED, reviewer=reviewer)
        verdict_set(
            claim=Claim.objects.get(pk=house_claims[0]),
            reviewer=reviewer,
            rating=VerdictRating.ACCURATE,
            summary="Matches the hospital records.",
        )
        own = key_client(key_a.key).post(
            "/api/v1/articles/",
            {"body": "Officials said two people were wounded in Ganja.", "url": "https://a.example/x"},
            format="json",
        )
        assert own.status_code == 202, own.content
        client_b = key_client(key_b.key)
        submitted = client_b.post(
            "/api/v1/articles/",
            {
                "body": B_BODY,
                "url": URL,
                "title": TITLE,
                "outlet": OUTLET,
                "published_at": PUBLISHED_AT.isoformat(),
            },
            format="json",
        )
        assert submitted.status_code == 202, submitted.content
        ganja = Place.objects.get(name="Ganja")
        ministry = Claim.objects.get(pk=house_claims[0]).claimant
        structured = client_b.post(
            "/api/v1/claims/",
            {
                "kind": "casualty",
                "claimant": ministry.pk,
                "place": ganja.pk,
                "killed_min": FIGURES[2],
                "killed_max": FIGURES[2],
                "quote": QUOTE,
                "stated_at": PUBLISHED_AT.isoformat(),
            },
            format="json",
        )
        assert structured.status_code == 201, structured.content
    b_claims = Claim.objects.filter(killed_min__in=FIGURES)
    assert b_claims.count() == 3
    assert not b_claims.filter(status=ClaimStatus.VERIFIED).exists()
    assert Contradiction.objects.filter(claim_b__in=b_claims).exists(), "B's claims contradict nothing"
    credibility_recompute()
    report_build(period_start=date(2020, 10, 1), period_end=date(2020, 10, 31), kind=PeriodKind.CUSTOM)
    report_build(
        period_start=date(2020, 10, 1),
        period_end=date(2020, 10, 31),
        kind=PeriodKind.CUSTOM,
        filters={"incident": b_claims.filter(incident__isnull=False).first().incident_id},
    )
    return {"A (read+submit)": key_a, "A (read only)": read_a, "C (never submitted)": key_c}


def _concrete_paths(schema: dict) -> list[str]:
    paths = []
    for template, item in schema["paths"].items():
        if "get" not in item:
            continue
        if "{" not in template:
            paths.append(template)
            continue
        resource = template.removeprefix("/api/v1/").split("/")[0]
        if "{slug}" in template:  # conflicts: reference data, looked up by slug
            paths += [
                template.replace("{slug}", slug) for slug in Conflict.objects.values_list("slug", flat=True)
            ]
            continue
        for pk in MODELS[resource].objects.values_list("pk", flat=True):
            path = template.replace("{id}", str(pk))
            if "{fmt}" in path:
                paths += [path.replace("{fmt}", fmt) for fmt in ("html", "csv", "json")]
            else:
                paths.append(path)
    return paths


def _filtered_lists(schema: dict) -> list[str]:
    """Every list, filtered to rows at least as large as B's smallest figure or containing B's words."""
    queries = []
    for template, item in schema["paths"].items():
        if "{" in template or "get" not in item:
            continue
        for parameter in item["get"].get("parameters", []):
            name = parameter["name"]
            if name.endswith("__gte") and parameter["schema"].get("type") == "integer":
                queries.append(f"{template}?{name}={min(FIGURES)}")
            if name == "q":
                queries += [f"{template}?q=BETA", f"{template}?q=Quillbeck"]
    return queries


def test_another_partners_unpublished_submission_never_reaches_a_partner(scene, reviewer, client):
    client.force_login(reviewer)
    schema = client.get("/api/schema/?format=json").json()
    paths = _concrete_paths(schema)
    filtered = _filtered_lists(schema)
    assert any("/reports/" in p and p.endswith("/csv/") for p in paths)
    assert any(p.startswith("/api/v1/incidents/?killed_high__gte=") for p in filtered)

    # The oracle works: staff see B's markers on the same paths.
    staff_seen = set()
    for path in paths:
        staff_seen.update(leaks(unpacked(client.get(path))))
    assert {TITLE, SPEAKER, str(FIGURES[2])} <= staff_seen

    for who, issued in scene.items():
        partner = key_client(issued.key)
        for path in paths + filtered:
            cache.clear()  # the throttle is not under test
            response = partner.get(path)
            assert response.status_code in (200, 404), (who, path, response.status_code)
            assert not leaks(unpacked(response)), (who, path, leaks(unpacked(response)))
        for path in filtered:
            response = partner.get(path)
            assert response.json()["results"] == [], (who, path)

    partner_a = scene["A (read+submit)"].api_key.partner
    delivered = webhook_deliveries_record(partner=partner_a, now=datetime(2100, 1, 1, tzinfo=UTC))
    assert delivered, "A receives the public contradictions"
    for delivery in partner_a.webhook_deliveries.all():
        assert not leaks(webhook_body(delivery.payload)), delivery.payload


def test_another_partners_withdrawn_work_leaves_no_tombstone(scene, reviewer, client):
    """B's never-published claims rejected and deleted (with their contradictions and incidents) are
    no tombstone to anyone else: a tombstone's id alone would say B had submitted something."""
    client.force_login(reviewer)
    schema = client.get("/api/schema/?format=json").json()
    withdrawn_paths = [
        p for p in schema["paths"] if p.endswith("/withdrawn/") and "get" in schema["paths"][p]
    ]
    assert {"/api/v1/claims/withdrawn/", "/api/v1/contradictions/withdrawn/"} <= set(withdrawn_paths)

    b_claims = list(Claim.objects.filter(killed_min__in=FIGURES))
    hidden = {
        "claims": {c.pk for c in b_claims},
        "contradictions": set(Contradiction.objects.filter(claim_b__in=b_claims).values_list("pk", flat=True))
        | set(Contradiction.objects.filter(claim_a__in=b_claims).values_list("pk", flat=True)),
        "incidents": {c.incident_id for c in b_claims if c.incident_id}
        - set(Claim.objects.exclude(pk__in=[c.pk for c in b_claims]).values_list("incident_id", flat=True)),
        "verdicts": set(),
    }
    claims_review(claim_ids=[c.pk for c in b_claims[:2]], status=ClaimStatus.REJECTED, reviewer=reviewer)
    Claim.objects.filter(pk=b_claims[2].pk).delete()
    Incident.objects.filter(pk__in=hidden["incidents"]).delete()

    # The oracle works: staff learn of the deletion.
    staff_rows = client.get("/api/v1/claims/withdrawn/").json()["results"]
    assert b_claims[2].pk in {row["id"] for row in staff_rows}

    for who, issued in scene.items():
        partner = key_client(issued.key)
        for path in withdrawn_paths:
            cache.clear()
            response = partner.get(path, {"page_size": 500})
            assert response.status_code == 200, (who, path, response.content)
            resource = path.removeprefix("/api/v1/").split("/")[0]
            seen = {row["id"] for row in response.json()["results"]}
            assert not seen & hidden[resource], (who, path, seen & hidden[resource])
