"""Sync that never goes stale: ``<list>/withdrawn/`` tombstones for claims, verdicts, contradictions and
incidents, through the one visibility rule (a partner never learns of another partner's unpublished work)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from claims.models import Claim, ClaimKind, ClaimStatus, Verdict
from claims.services.checking import claim_check
from claims.services.claims import claim_create
from claims.services.incidents import incident_merge
from claims.services.reviews import verdict_set, verdict_withdraw
from claims.tests import engine_fixtures
from claims.tests.factories import ClaimFactory, IncidentFactory
from partners.tests.fixtures import ids
from review.services import claim_review
from sources.models import Place
from sources.tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
sides, eager_celery = engine_fixtures.sides, engine_fixtures.eager_celery


def tombstones(client, resource: str, **params) -> dict[int, dict]:
    response = client.get(f"/api/v1/{resource}/withdrawn/", params)
    assert response.status_code == 200, response.content
    return {row["id"]: row for row in response.json()["results"]}


@pytest.fixture
def before():
    return (timezone.now() - timedelta(seconds=1)).isoformat()


def test_a_published_claim_rejected_reaches_a_partner_as_a_tombstone(world, client_a, reviewer, before):
    claim_review(claim=world.published_other, status=ClaimStatus.REJECTED, reviewer=reviewer)

    rows = tombstones(client_a, "claims", updated_since=before)
    assert set(rows) == {world.published_other.pk}
    row = rows[world.published_other.pk]
    assert row["withdrawn"] is True
    assert row["reason"] == "rejected"
    assert row["merged_into"] is None
    assert row["withdrawn_at"] >= before
    assert world.published_other.pk not in ids(client_a.get("/api/v1/claims/", {"updated_since": before}))


def test_a_published_claim_deleted_reaches_a_partner_as_a_tombstone(world, client_a, before):
    gone = world.published_other.pk
    Claim.objects.get(pk=gone).delete()

    assert tombstones(client_a, "claims", updated_since=before)[gone]["reason"] == "deleted"


def test_another_partners_unpublished_claim_withdrawn_never_appears(
    world, client_a, client_b, reviewer, before
):
    claim_review(claim=world.claim_b, status=ClaimStatus.REJECTED, reviewer=reviewer)
    hidden = world.claim_b.pk
    Claim.objects.get(pk=hidden).delete()

    assert hidden not in tombstones(client_a, "claims")
    assert hidden not in tombstones(client_a, "contradictions")
    # B could see its own claim, so B learns it is gone.
    assert tombstones(client_b, "claims", updated_since=before)[hidden]["reason"] == "deleted"


def test_a_claim_published_once_is_a_tombstone_even_for_a_partner_who_submitted_nothing(
    world, read_client_a, reviewer, before
):
    claim_review(claim=world.published, status=ClaimStatus.PENDING, reviewer=reviewer)

    assert (
        tombstones(read_client_a, "claims", updated_since=before)[world.published.pk]["reason"]
        == "unpublished"
    )


def test_old_withdrawals_are_left_out_by_updated_since(world, client_a, reviewer):
    claim_review(claim=world.published_other, status=ClaimStatus.REJECTED, reviewer=reviewer)
    later = (timezone.now() + timedelta(seconds=1)).isoformat()

    assert tombstones(client_a, "claims", updated_since=later) == {}
    assert world.published_other.pk in tombstones(client_a, "claims")


def test_a_withdrawn_verdict_is_a_tombstone_and_leaves_the_list(world, client_a, reviewer, before):
    verdict_withdraw(verdict=world.verdict, reviewer=reviewer, reason="new evidence")

    assert tombstones(client_a, "verdicts", updated_since=before)[world.verdict.pk]["reason"] == "withdrawn"
    assert world.verdict.pk not in ids(client_a.get("/api/v1/verdicts/"))


def test_a_verdict_whose_claim_is_rejected_is_a_tombstone(world, client_a, reviewer, before):
    claim_review(claim=world.published, status=ClaimStatus.REJECTED, reviewer=reviewer)

    assert (
        tombstones(client_a, "verdicts", updated_since=before)[world.verdict.pk]["reason"]
        == "claim_unpublished"
    )


def test_a_verdict_given_again_after_withdrawal_is_no_tombstone(world, client_a, reviewer, before):
    verdict_withdraw(verdict=world.verdict, reviewer=reviewer)
    verdict_set(claim=world.published, reviewer=reviewer, rating="accurate", summary="Checked again.")

    assert tombstones(client_a, "verdicts", updated_since=before) == {}
    assert world.verdict.pk in ids(client_a.get("/api/v1/verdicts/", {"updated_since": before}))


def test_a_contradiction_whose_claim_is_rejected_is_a_tombstone(world, client_a, reviewer, before):
    claim_review(claim=world.published_other, status=ClaimStatus.REJECTED, reviewer=reviewer)

    rows = tombstones(client_a, "contradictions", updated_since=before)
    assert rows[world.public_contradiction.pk]["reason"] == "claim_unpublished"
    # A never saw the contradiction with B's pending claim, so it is no tombstone for A.
    assert world.contradiction_with_b.pk not in rows


def test_a_deleted_contradiction_is_a_tombstone_only_for_who_saw_it(world, client_a, client_b, before):
    seen, unseen = world.public_contradiction.pk, world.contradiction_with_b.pk
    world.public_contradiction.delete()
    world.contradiction_with_b.delete()

    assert set(tombstones(client_a, "contradictions", updated_since=before)) == {seen}
    assert set(tombstones(client_b, "contradictions", updated_since=before)) == {seen, unseen}


def test_a_merged_incident_is_a_tombstone_naming_where_it_went(world, client_a, reviewer, before):
    other = IncidentFactory(title="Same strike, second report", place=world.ganja)
    ClaimFactory(incident=other, claimant=world.armenia, status=ClaimStatus.VERIFIED)
    incident_merge(target=world.incident, others=[other])

    row = tombstones(client_a, "incidents", updated_since=before)[other.pk]
    assert (row["reason"], row["merged_into"]) == ("merged", world.incident.pk)


def test_an_incident_only_another_partner_knew_never_appears(world, client_a, before):
    hidden = world.claim_b.incident
    hidden.delete()

    assert hidden.pk not in tombstones(client_a, "incidents")


def test_staff_learn_of_deletions_only(world, staff_client, reviewer, before):
    claim_review(claim=world.published_other, status=ClaimStatus.REJECTED, reviewer=reviewer)
    gone = world.published.pk
    Claim.objects.get(pk=gone).delete()

    assert set(tombstones(staff_client, "claims", updated_since=before)) == {gone}


def test_tombstones_page_with_a_next_link(world, client_a, reviewer, before):
    for claim in (world.published, world.published_other, world.published_accusation):
        claim_review(claim=claim, status=ClaimStatus.REJECTED, reviewer=reviewer)

    seen, url, params = [], "/api/v1/claims/withdrawn/", {"updated_since": before, "page_size": 2}
    while url:
        body = client_a.get(url, params).json()
        seen += [row["id"] for row in body["results"]]
        url, params = body["next"], None
    assert sorted(seen) == sorted(
        [world.published.pk, world.published_other.pk, world.published_accusation.pk]
    )
    assert len(seen) == 3


@pytest.mark.parametrize(
    ("params", "name"),
    [
        ({"updated_since": "yesterday"}, "updated_since"),
        ({"after_withdrawn_at": "soon"}, "after_withdrawn_at"),
        ({"page_size": 0}, "page_size"),
    ],
)
def test_bad_sync_parameters_are_a_400_naming_them(world, client_a, params, name):
    response = client_a.get("/api/v1/claims/withdrawn/", params)
    assert response.status_code == 400
    assert name in response.json()


@pytest.mark.parametrize("rows", [1, 40])
@pytest.mark.parametrize(
    ("resource", "queries"),
    [("claims", 3), ("verdicts", 3), ("contradictions", 3), ("incidents", 3)],
)
def test_tombstone_pages_run_a_constant_number_of_queries(
    world, client_a, reviewer, django_assert_num_queries, rows, resource, queries
):
    claims = [ClaimFactory(status=ClaimStatus.VERIFIED, incident=IncidentFactory()) for _ in range(rows)]
    for claim in claims:
        verdict_set(claim=claim, reviewer=reviewer, rating="false", summary="No.")
    for claim in claims:
        claim_review(claim=claim, status=ClaimStatus.REJECTED, reviewer=reviewer)
    # The API key with its partner; one query for the rows that are gone and one for the deleted ones.
    with django_assert_num_queries(queries):
        response = client_a.get(f"/api/v1/{resource}/withdrawn/", {"page_size": 100})
    assert response.status_code == 200
    if resource in ("claims", "verdicts", "incidents"):
        assert len(response.json()["results"]) >= rows


# --- a partner's copy converges -------------------------------------------------------------------


class PartnerCopy:
    """What a sync client keeps: upsert what the lists return, delete what the tombstones name."""

    RESOURCES = ("claims", "verdicts", "contradictions", "incidents")

    def __init__(self, client):
        self.client = client
        self.rows: dict[str, set[int]] = {name: set() for name in self.RESOURCES}
        self.high_water: str | None = None

    def _pages(self, url: str, params: dict) -> list[dict]:
        rows = []
        while url:
            body = self.client.get(url, params).json()
            rows += body["results"]
            url, params = body["next"], None
        return rows

    def sync(self) -> None:
        started = timezone.now().isoformat()
        since = {"updated_since": self.high_water} if self.high_water else {}
        for name in self.RESOURCES:
            for row in self._pages(f"/api/v1/{name}/", {**since, "page_size": 500}):
                self.rows[name].add(row["id"])
            for row in self._pages(f"/api/v1/{name}/withdrawn/", {**since, "page_size": 500}):
                self.rows[name].discard(row["id"])
        self.high_water = started


def server_view(client) -> dict[str, set[int]]:
    return {name: ids(client.get(f"/api/v1/{name}/", {"page_size": 500})) for name in PartnerCopy.RESOURCES}


def test_a_partners_sync_over_verify_reject_verdict_withdraw_converges(world, client_a, reviewer):
    copy = PartnerCopy(client_a)
    copy.sync()
    assert copy.rows == server_view(client_a)

    fresh = ClaimFactory(status=ClaimStatus.PENDING, claimant=world.armenia, incident=IncidentFactory())
    steps = [
        lambda: claim_review(claim=fresh, status=ClaimStatus.VERIFIED, reviewer=reviewer),
        lambda: verdict_set(claim=fresh, reviewer=reviewer, rating="misleading", summary="Half of it."),
        lambda: claim_review(claim=world.published_other, status=ClaimStatus.REJECTED, reviewer=reviewer),
        lambda: verdict_withdraw(verdict=Verdict.objects.get(claim=fresh), reviewer=reviewer),
        lambda: claim_review(claim=fresh, status=ClaimStatus.REJECTED, reviewer=reviewer),
        lambda: claim_review(claim=world.published_other, status=ClaimStatus.VERIFIED, reviewer=reviewer),
        lambda: Claim.objects.get(pk=world.published_accusation.pk).delete(),
        lambda: claim_review(claim=world.published, status=ClaimStatus.REJECTED, reviewer=reviewer),
    ]
    for step in steps:
        step()
        copy.sync()
        assert copy.rows == server_view(client_a)


@pytest.mark.usefixtures("eager_celery")
def test_an_incident_seen_only_through_a_claim_the_engine_pulled_in_is_a_tombstone_when_that_claim_goes(
    sides, client_a, reviewer
):
    tartar = Place.objects.get(name="Tartar")
    article = ArticleFactory(published_at=datetime(2020, 10, 5, 9, tzinfo=UTC))
    denial = claim_create(
        claimant=sides["am_defence"], kind=ClaimKind.DENIAL, article=article, act="groundless and false"
    )
    claim_review(claim=denial, status=ClaimStatus.VERIFIED, reviewer=reviewer)
    claim_check(claim_id=denial.pk)
    # The accusation with a place (still pending) starts the incident and pulls the placeless denial in.
    blame = claim_create(
        claimant=sides["az_defence"],
        kind=ClaimKind.ACCUSATION,
        article=article,
        accused=sides["am_forces"],
        act="shelled Tartar",
        place=tartar,
    )
    claim_check(claim_id=blame.pk)
    incident = Claim.objects.get(pk=denial.pk).incident_id
    assert incident is not None
    assert incident in ids(client_a.get("/api/v1/incidents/"))
    since = (timezone.now() - timedelta(seconds=1)).isoformat()

    claim_review(claim=Claim.objects.get(pk=denial.pk), status=ClaimStatus.REJECTED, reviewer=reviewer)

    assert incident not in ids(client_a.get("/api/v1/incidents/"))
    assert tombstones(client_a, "incidents", updated_since=since)[incident]["reason"] == "unpublished"
