"""Reading claims over the API: who sees what, every filter, ordering, cursor sync and query counts."""

from datetime import timedelta

import pytest
from django.utils import timezone

from claims.models import Claim, ClaimKind, ClaimStatus
from claims.tests.factories import (
    AccusationClaimFactory,
    ClaimFactory,
    ControlClaimFactory,
    IncidentFactory,
    VerdictFactory,
)
from partners.tests.fixtures import ids
from sources.tests.factories import ArticleFactory, OutletFactory, PartyFactory, PlaceFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/claims/"


def test_a_partner_sees_published_claims_and_its_own_submissions_only(world, client_a):
    assert ids(client_a.get(URL)) == {
        world.published.pk,
        world.published_other.pk,
        world.published_accusation.pk,
        world.claim_a.pk,
        world.submitted_claim_a.pk,
    }


def test_partner_b_does_not_see_partner_a_submissions(world, client_b):
    seen = ids(client_b.get(URL))
    assert world.claim_b.pk in seen
    assert world.claim_a.pk not in seen
    assert world.submitted_claim_a.pk not in seen
    assert world.rejected.pk not in seen


def test_staff_see_every_claim(world, staff_client):
    assert ids(staff_client.get(URL)) == set(Claim.objects.values_list("pk", flat=True))


def test_a_claim_reads_with_its_figures_relations_and_verdict(world, client_a):
    body = client_a.get(f"{URL}{world.published.pk}/").json()
    assert body["kind"] == "casualty"
    assert body["status"] == "verified"
    assert (body["killed_min"], body["killed_max"], body["wounded_min"]) == (9, 9, 34)
    assert body["claimant"] == world.defence_ministry.pk
    assert body["incident"] == world.incident.pk
    assert body["quote"] == "killing nine people and wounding 34"
    assert body["verdict"]["rating"] == "accurate"
    assert body["verdict"]["rating_label"] == "Accurate"


def test_another_partners_unpublished_claim_is_404_by_id(world, client_a, client_b):
    assert client_a.get(f"{URL}{world.claim_b.pk}/").status_code == 404
    assert client_b.get(f"{URL}{world.claim_a.pk}/").status_code == 404
    assert client_b.get(f"{URL}{world.submitted_claim_a.pk}/").status_code == 404
    assert client_a.get(f"{URL}{world.claim_a.pk}/").status_code == 200


def test_a_rejected_claim_is_404_to_partners_but_not_to_staff(world, client_a, staff_client):
    assert client_a.get(f"{URL}{world.rejected.pk}/").status_code == 404
    assert staff_client.get(f"{URL}{world.rejected.pk}/").status_code == 200


def test_once_verified_a_partners_claim_is_public(world, client_a):
    Claim.objects.filter(pk=world.claim_b.pk).update(status=ClaimStatus.VERIFIED)
    assert client_a.get(f"{URL}{world.claim_b.pk}/").status_code == 200


# --- filters --------------------------------------------------------------------------------------


def test_claimant_filter_includes_sub_parties(world, client_a):
    """Filtering on the state returns claims by its defence ministry."""
    assert ids(client_a.get(URL, {"claimant": world.azerbaijan.pk})) == {world.published.pk, world.claim_a.pk}
    assert ids(client_a.get(URL, {"claimant": world.defence_ministry.pk})) == {world.published.pk}


def test_accused_filter_includes_sub_parties(world, client_a):
    sub = PartyFactory(parent=world.azerbaijan)
    accusation = AccusationClaimFactory(accused=sub, status=ClaimStatus.VERIFIED)
    assert ids(client_a.get(URL, {"accused": world.azerbaijan.pk})) == {
        world.published_accusation.pk,
        accusation.pk,
    }


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"kind": "accusation"}, {"published_accusation"}),
        ({"status": "pending"}, {"claim_a", "submitted_claim_a"}),
        ({"origin": "partner"}, {"submitted_claim_a"}),
        ({"killed_min__gte": 10}, {"published_other"}),
        ({"killed_min__lte": 9}, {"published", "claim_a", "submitted_claim_a"}),
        ({"killed_max__gte": 12}, {"published_other"}),
        ({"killed_max__lte": 9}, {"published", "claim_a", "submitted_claim_a"}),
        ({"wounded_min__gte": 30}, {"published"}),
        ({"wounded_min__lte": 34}, {"published"}),
        ({"wounded_max__gte": 34}, {"published"}),
        ({"wounded_max__lte": 40}, {"published"}),
        ({"q": "WOUNDING"}, {"published"}),
        ({"q": "12:05"}, {"published_accusation"}),
        ({"has_verdict": "true"}, {"published"}),
        ({"victim_group": "unspecified", "kind": "accusation"}, {"published_accusation"}),
        ({"polarity": "asserts", "kind": "accusation"}, {"published_accusation"}),
    ],
)
def test_claim_filters(params, expected, world, client_a):
    assert ids(client_a.get(URL, params)) == {getattr(world, name).pk for name in expected}


def test_incident_place_article_and_outlet_filters(world, client_a):
    assert ids(client_a.get(URL, {"incident": world.incident.pk})) == {
        world.published.pk,
        world.published_other.pk,
        world.claim_a.pk,
    }
    assert ids(client_a.get(URL, {"place": world.ganja.pk})) == {world.published.pk, world.published_other.pk}
    assert ids(client_a.get(URL, {"article": world.article_a.pk})) == {world.claim_a.pk}
    assert ids(client_a.get(URL, {"outlet": world.outlet.pk})) == {world.published.pk, world.claim_a.pk}


def test_relayed_by_and_controller_filters(world, client_a):
    agency = PartyFactory(name="AFP (test)")
    relayed = ClaimFactory(relayed_by=agency, status=ClaimStatus.VERIFIED)
    control = ControlClaimFactory(claimant=world.armenia, status=ClaimStatus.VERIFIED)
    assert ids(client_a.get(URL, {"relayed_by": agency.pk})) == {relayed.pk}
    assert ids(client_a.get(URL, {"controller": world.armenia.pk})) == {control.pk}


def test_date_range_filters(world, client_a):
    old = ClaimFactory(
        status=ClaimStatus.VERIFIED,
        stated_at=timezone.now() - timedelta(days=30),
        event_start=timezone.now() - timedelta(days=31),
        event_end=timezone.now() - timedelta(days=31),
    )
    cutoff = (timezone.now() - timedelta(days=1)).isoformat()
    assert ids(client_a.get(URL, {"stated_at__lte": cutoff})) == {old.pk}
    assert old.pk not in ids(client_a.get(URL, {"stated_at__gte": cutoff}))
    assert ids(client_a.get(URL, {"event_end__lte": cutoff})) == {old.pk}
    assert ids(
        client_a.get(URL, {"event_start__gte": (timezone.now() - timedelta(days=40)).isoformat()})
    ) == {old.pk}


def test_updated_since_returns_only_what_changed(world, client_a):
    since = timezone.now()
    Claim.objects.filter(pk=world.published_other.pk).update(updated_at=since + timedelta(seconds=1))
    assert ids(client_a.get(URL, {"updated_since": since.isoformat()})) == {world.published_other.pk}


def test_no_filter_reveals_another_partners_unpublished_claims(world, client_a):
    """Every filter that would match B's hidden claim returns nothing of it (or refuses B's ids)."""
    hidden = world.claim_b
    probes = [
        {"claimant": world.defence_ministry.pk},
        {"claimant": world.azerbaijan.pk},
        {"place": world.ganja.pk},
        {"outlet": world.outlet.pk},
        {"killed_min__gte": 40},
        {"q": "secret"},
        {"status": "pending"},
        {"origin": "extractor"},
        {"kind": "casualty"},
        {"updated_since": (timezone.now() - timedelta(days=1)).isoformat()},
    ]
    for params in probes:
        assert hidden.pk not in ids(client_a.get(URL, params)), params
    # B's article and B's incident are 404, exactly like ids that do not exist.
    for name, value in (("article", world.article_b.pk), ("incident", hidden.incident_id)):
        refused = client_a.get(URL, {name: value})
        missing = client_a.get(URL, {name: 999_999})
        assert refused.status_code == missing.status_code == 404
        assert refused.json() == missing.json()


# --- ordering and cursor sync ------------------------------------------------------------------------


def test_default_order_is_newest_statement_first(world, client_a):
    old = ClaimFactory(status=ClaimStatus.VERIFIED, stated_at=timezone.now() - timedelta(days=3))
    assert client_a.get(URL).json()["results"][-1]["id"] == old.pk


def test_ordering_parameter(world, client_a):
    rows = client_a.get(URL, {"ordering": "id"}).json()["results"]
    assert [r["id"] for r in rows] == sorted(r["id"] for r in rows)
    rows = client_a.get(URL, {"ordering": "-updated_at"}).json()["results"]
    assert [r["updated_at"] for r in rows] == sorted((r["updated_at"] for r in rows), reverse=True)


def test_cursor_pages_walk_every_row_once(client_a):
    ClaimFactory.create_batch(7, status=ClaimStatus.VERIFIED, stated_at=timezone.now())
    seen, url, pages = [], f"{URL}?page_size=3&ordering=updated_at", 0
    while url:
        body = client_a.get(url).json()
        seen += [row["id"] for row in body["results"]]
        url, pages = body["next"], pages + 1
    assert pages == 3
    assert sorted(seen) == sorted(Claim.objects.values_list("pk", flat=True))


def test_a_sync_loop_with_updated_since_picks_up_a_change(world, client_a):
    first = client_a.get(URL, {"ordering": "updated_at"}).json()["results"]
    high_water = first[-1]["updated_at"]
    Claim.objects.filter(pk=world.published.pk).update(
        killed_min=10, killed_max=10, updated_at=timezone.now() + timedelta(seconds=5)
    )
    changed = client_a.get(URL, {"ordering": "updated_at", "updated_since": high_water}).json()["results"]
    assert world.published.pk in {row["id"] for row in changed}


# --- query counts ------------------------------------------------------------------------------------


def _published(n: int) -> None:
    party, place, article = PartyFactory(), PlaceFactory(), ArticleFactory(outlet=OutletFactory())
    Claim.objects.bulk_create(
        [
            Claim(
                claimant=party,
                place=place,
                article=article,
                kind=ClaimKind.CASUALTY,
                killed_min=i,
                killed_max=i,
                status=ClaimStatus.VERIFIED,
                stated_at=timezone.now(),
                changed_at=timezone.now(),
            )
            for i in range(n)
        ]
    )


@pytest.mark.parametrize("rows", [1, 100])
def test_claim_list_query_count_does_not_grow_with_rows(rows, client_a, django_assert_num_queries):
    _published(rows)
    # 1: the API key with its partner; 2: the page; 3: the names of the page's parties and places.
    with django_assert_num_queries(3):
        response = client_a.get(URL, {"page_size": 100})
    assert len(response.json()["results"]) == rows


@pytest.mark.parametrize("rows", [1, 100])
def test_filtered_claim_list_query_count_is_pinned(rows, client_a, django_assert_num_queries):
    _published(rows)
    party = Claim.objects.first().claimant
    # key; the claimant id check; the page; the names of the page's parties and places.
    with django_assert_num_queries(4):
        response = client_a.get(URL, {"page_size": 100, "claimant": party.pk, "killed_min__gte": 0})
    assert len(response.json()["results"]) == rows


@pytest.mark.parametrize("rows", [1, 100])
def test_claimreview_feed_query_count_is_pinned(rows, client_a, django_assert_num_queries):
    incident = IncidentFactory()
    for _ in range(rows):
        VerdictFactory(claim__incident=incident)
    # key; the page of verdicts with their claims; every article that carried them.
    with django_assert_num_queries(3):
        response = client_a.get("/api/v1/claimreview/", {"page_size": 100})
    assert len(response.json()["dataFeedElement"]) == rows


# --- ClaimReview --------------------------------------------------------------------------------------


def test_claimreview_of_a_verified_claim_with_a_verdict(world, client_a):
    review = client_a.get(f"{URL}{world.published.pk}/claimreview/").json()
    assert review["@context"] == "https://schema.org"
    assert review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == "killing nine people and wounding 34"
    assert review["reviewRating"] == {"@type": "Rating", "alternateName": "Accurate"}
    item = review["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"]["name"] == world.defence_ministry.name
    assert item["appearance"][0]["url"] == world.published.article.url
    assert item["appearance"][0]["publisher"]["name"] == "Reuters"
    assert review["url"] == f"http://127.0.0.1:8000/fact-checks/{world.verdict.pk}/"
    assert review["datePublished"]


def test_claimreview_is_404_without_a_verdict_or_unpublished(world, client_a, staff_client):
    assert client_a.get(f"{URL}{world.published_other.pk}/claimreview/").status_code == 404
    VerdictFactory(claim=world.claim_b)
    assert client_a.get(f"{URL}{world.claim_b.pk}/claimreview/").status_code == 404
    assert staff_client.get(f"{URL}{world.claim_b.pk}/claimreview/").status_code == 404


def test_claimreview_feed_lists_verified_claims_with_verdicts(world, client_a):
    VerdictFactory(claim=world.claim_b)  # B's claim is unpublished: not in anyone's feed
    feed = client_a.get("/api/v1/claimreview/").json()["dataFeedElement"]
    assert [r["url"] for r in feed] == [f"http://127.0.0.1:8000/fact-checks/{world.verdict.pk}/"]
    assert feed[0]["reviewRating"]["alternateName"] == "Accurate"


def test_a_partner_that_never_submitted_sees_exactly_the_published_claims(world, db):
    from partners.services import partner_key_create
    from partners.tests.fixtures import key_client

    newcomer = key_client(partner_key_create(partner_name="Newcomer", scopes=["read", "submit"]).key)
    published = {world.published.pk, world.published_other.pk, world.published_accusation.pk}
    assert ids(newcomer.get(URL)) == published
    created = newcomer.post(
        URL, {"kind": "statement", "claimant": world.armenia.pk, "act": "x"}, format="json"
    )
    assert ids(newcomer.get(URL)) == published | {created.json()["id"]}


def test_list_rows_match_the_detail_view(world, client_a):
    row = next(r for r in client_a.get(URL).json()["results"] if r["id"] == world.published.pk)
    detail = client_a.get(f"{URL}{world.published.pk}/").json()
    detail.pop("verdict")
    assert row == detail


def test_claimreview_of_a_claim_without_a_quote_says_what_was_claimed(world, client_a):
    VerdictFactory(claim=world.published_other, rating="false")
    world.published_other.quote = ""
    world.published_other.save()
    review = client_a.get(f"{URL}{world.published_other.pk}/claimreview/").json()
    assert review["claimReviewed"] == f"12 killed in {world.ganja.name}"
    assert review["reviewRating"]["alternateName"] == "False"


# --- embedded names -------------------------------------------------------------------------------


def test_list_items_name_the_claimant_accused_and_place_beside_their_ids(world, client_a):
    rows = {row["id"]: row for row in client_a.get(URL).json()["results"]}
    accusation = rows[world.published_accusation.pk]
    assert (accusation["claimant"], accusation["claimant_name"], accusation["claimant_side"]) == (
        world.armenia.pk,
        "Armenia (test)",
        "armenia",
    )
    assert (accusation["accused"], accusation["accused_name"], accusation["accused_side"]) == (
        world.azerbaijan.pk,
        "Azerbaijan (test)",
        "azerbaijan",
    )
    casualty = rows[world.published.pk]
    assert (casualty["place"], casualty["place_name"]) == (world.ganja.pk, "Ganja (test)")
    assert (casualty["accused_name"], casualty["controller_name"]) == (None, None)
    # the ids stay, the names are appended after them
    keys = list(casualty)
    assert keys.index("claimant") < keys.index("updated_at") < keys.index("claimant_name")


@pytest.mark.parametrize("rows", [1, 60])
def test_embedded_names_cost_no_query_per_row(rows, client_a, django_assert_num_queries):
    place = PlaceFactory()
    for _ in range(rows):
        AccusationClaimFactory(
            claimant=PartyFactory(), accused=PartyFactory(), place=place, status="verified"
        )
    # key; the page; in one statement every party it names (claimants and accused alike), its places,
    # its conflicts and the sides of its parties in their conflicts.
    with django_assert_num_queries(3):
        response = client_a.get(URL, {"page_size": 100})
    names = {row["accused_name"] for row in response.json()["results"]}
    assert len(names) == rows
    assert None not in names


def test_filtering_by_a_speaker_only_another_partner_may_see_is_a_404_until_it_is_published(
    world, client_a, client_b
):
    found = PartyFactory(name="Speaker only B knows (filter)", needs_review=True)
    ClaimFactory(article=world.article_b, claimant=found, status=ClaimStatus.PENDING)

    assert client_a.get(URL, {"claimant": found.pk}).status_code == 404
    assert client_a.get(URL, {"accused": found.pk}).status_code == 404
    assert client_b.get(URL, {"claimant": found.pk}).status_code == 200
    published = ClaimFactory(claimant=found, status=ClaimStatus.VERIFIED)
    assert ids(client_a.get(URL, {"claimant": found.pk})) == {published.pk}


def test_the_browsable_filter_form_offers_a_partner_only_the_speakers_it_may_see(world, client_a):
    hidden = PartyFactory(name="Speaker only B knows (form)", needs_review=True)
    ClaimFactory(article=world.article_b, claimant=hidden, status=ClaimStatus.PENDING)

    page = client_a.get(URL, {"claimant": world.azerbaijan.pk}, HTTP_ACCEPT="text/html")

    assert page.status_code == 200
    assert "Azerbaijan (test)" in page.content.decode()
    assert "Speaker only B knows (form)" not in page.content.decode()


def test_filtering_by_a_reference_party_takes_its_sub_parties(world, client_a):
    assert world.published.pk in ids(client_a.get(URL, {"claimant": world.azerbaijan.pk}))
