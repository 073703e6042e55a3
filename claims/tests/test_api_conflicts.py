"""Conflicts over the API: the list with sides and who opposes whom, and ``?conflict=`` on every list."""

import pytest

from claims.models import ClaimStatus, Contradiction, ContradictionKind
from claims.tests.factories import ClaimFactory, IncidentFactory, VerdictFactory
from sources.conflict_packs import pack_parse
from sources.conflicts import conflict_pack_load
from sources.models import Conflict
from sources.tests.factories import ArticleFactory
from sources.tests.test_conflict_packs import GOOD

pytestmark = pytest.mark.django_db

KARABAKH = "nagorno-karabakh-2020"


@pytest.fixture
def lakeland(gazetteer):
    conflict_pack_load(pack=pack_parse(GOOD, source="lakeland.yaml"))
    return Conflict.objects.get(slug="lakeland-2031")


def test_conflicts_list_their_sides_and_who_opposes_whom(lakeland, client_a, django_assert_num_queries):
    # key; the page; sides; the sides they oppose; their roots.
    with django_assert_num_queries(5):
        body = client_a.get("/api/v1/conflicts/").json()
    by_slug = {conflict["slug"]: conflict for conflict in body["results"]}
    sides = {side["slug"]: side for side in by_slug["lakeland-2031"]["sides"]}
    assert sides["north"]["opposes"] == ["south"]
    assert sides["south"]["opposes"] == ["north"]
    assert sides["observers"] == {**sides["observers"], "kind": "third_party", "opposes": []}
    assert [root["name"] for root in sides["north"]["roots"]] == ["Northern Republic"]
    assert by_slug[KARABAKH]["timezone"] == "Asia/Baku"
    detail = client_a.get("/api/v1/conflicts/lakeland-2031/").json()
    assert detail["countries"] == ["LT"]


def _in(conflict, rows: int) -> None:
    for _ in range(rows):
        article = ArticleFactory(conflict=conflict)
        incident = IncidentFactory(conflict=conflict)
        claim_a = ClaimFactory(article=article, incident=incident, status=ClaimStatus.VERIFIED)
        claim_b = ClaimFactory(
            article=article, incident=incident, status=ClaimStatus.VERIFIED, killed_min=12, killed_max=12
        )
        Contradiction.objects.create(
            claim_a=claim_a, claim_b=claim_b, kind=ContradictionKind.CASUALTY_MISMATCH, explanation="9 vs 12"
        )
        VerdictFactory(claim=claim_a)


LISTS = ["/api/v1/claims/", "/api/v1/incidents/", "/api/v1/contradictions/", "/api/v1/articles/"]


@pytest.mark.parametrize("url", LISTS)
@pytest.mark.parametrize("rows", [1, 20])
def test_every_list_narrows_to_one_conflict_at_a_constant_query_count(
    url, rows, lakeland, client_a, django_assert_num_queries
):
    _in(lakeland, rows)
    _in(Conflict.objects.get(slug=KARABAKH), 3)
    everything = client_a.get(url, {"page_size": 100}).json()["results"]
    # key; the conflict's slug; the page; and for claims the names, conflicts and sides they embed (one
    # statement).
    with django_assert_num_queries(4 if url == "/api/v1/claims/" else 3):
        narrowed = client_a.get(url, {"page_size": 100, "conflict": "lakeland-2031"}).json()["results"]
    expected = {
        "/api/v1/claims/": 2 * rows,
        "/api/v1/incidents/": rows,
        "/api/v1/contradictions/": rows,
        "/api/v1/articles/": rows,
    }[url]
    assert len(narrowed) == expected
    assert len(everything) > len(narrowed)


def test_an_unknown_conflict_is_not_found_naming_the_parameter(client_a):
    response = client_a.get("/api/v1/claims/", {"conflict": "atlantis-1999"})
    assert response.status_code == 404
    assert "conflict" in response.json()


@pytest.mark.parametrize("rows", [1, 20])
def test_outlets_narrow_to_those_reporting_on_one_conflict_at_a_constant_query_count(
    rows, lakeland, client_a, django_assert_num_queries
):
    _in(lakeland, rows)
    _in(Conflict.objects.get(slug=KARABAKH), 3)
    lakeland_outlets = set(
        ArticleFactory._meta.model.objects.filter(conflict=lakeland).values_list("outlet_id", flat=True)
    )
    # key; the conflict's slug; the page.
    with django_assert_num_queries(3):
        narrowed = client_a.get("/api/v1/outlets/", {"page_size": 100, "conflict": "lakeland-2031"}).json()
    assert {row["id"] for row in narrowed["results"]} == lakeland_outlets


def test_an_outlet_known_from_another_partners_unpublished_article_is_not_in_its_conflict(
    lakeland, client_a, partner_b
):
    outlet = ArticleFactory(conflict=Conflict.objects.get(slug=KARABAKH)).outlet
    ArticleFactory(outlet=outlet, conflict=lakeland, submitted_by=partner_b)

    assert outlet.pk in {row["id"] for row in client_a.get("/api/v1/outlets/").json()["results"]}
    assert client_a.get("/api/v1/outlets/", {"conflict": "lakeland-2031"}).json()["results"] == []
    assert [
        row["id"] for row in client_a.get("/api/v1/outlets/", {"conflict": KARABAKH}).json()["results"]
    ] == [outlet.pk]


@pytest.mark.parametrize("rows", [1, 20])
def test_the_claimreview_feed_narrows_to_one_conflict_at_a_constant_query_count(
    rows, lakeland, client_a, django_assert_num_queries
):
    _in(lakeland, rows)
    _in(Conflict.objects.get(slug=KARABAKH), 3)
    # key; the conflict's slug; the page of verdicts with their claims; the articles that carried them.
    with django_assert_num_queries(4):
        feed = client_a.get("/api/v1/claimreview/", {"page_size": 100, "conflict": "lakeland-2031"}).json()
    assert len(feed["dataFeedElement"]) == rows
    assert client_a.get("/api/v1/claimreview/", {"conflict": "atlantis-1999"}).status_code == 404
