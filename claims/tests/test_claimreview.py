"""ClaimReview as fact-check readers consume it: Google's field list, the public page as its url, every
article that carried the claim, a words-only rating, and the feed as a JSON-LD DataFeed."""

from datetime import timedelta

import pytest
from django.test import override_settings

from claims.models import ClaimStatus
from claims.tests.claimreview_fields import claimreview_problems
from claims.tests.factories import ClaimFactory, VerdictFactory
from sources.tests.factories import ArticleFactory, OutletFactory, PartyFactory

pytestmark = pytest.mark.django_db

PUBLIC = "https://checks.example.org"


def review_of(client, claim):
    response = client.get(f"/api/v1/claims/{claim.pk}/claimreview/")
    assert response.status_code == 200, response.content
    return response.json()


@pytest.fixture
def relayed(world):
    """The ministry's statement, carried again a day later by another agency: one more appearance."""
    article = ArticleFactory(
        outlet=OutletFactory(name="Caucasus Wire"),
        title="Agency relays the ministry's toll",
        published_at=world.published.article.published_at + timedelta(days=1),
    )
    return ClaimFactory(
        article=article,
        claimant=world.defence_ministry,
        relayed_by=PartyFactory(name="Caucasus Wire (party)"),
        incident=world.incident,
        place=world.ganja,
        status=ClaimStatus.VERIFIED,
        killed_min=9,
        killed_max=9,
        wounded_min=34,
        wounded_max=34,
        quote="nine dead and 34 hurt, the ministry said",
    )


@override_settings(FACTCHECK_PUBLIC_BASE_URL=PUBLIC, FACTCHECK_ORG_URL=f"{PUBLIC}/")
def test_a_claimreview_has_every_field_google_and_fact_check_explorer_read(world, relayed, client_a):
    review = review_of(client_a, world.published)
    assert claimreview_problems(review, site=PUBLIC) == []


def test_the_url_is_the_public_fact_check_page_on_the_public_address_not_the_api(world, client_a, client):
    with override_settings(FACTCHECK_PUBLIC_BASE_URL=PUBLIC):
        review = review_of(client_a, world.published)
    assert review["url"] == f"{PUBLIC}/fact-checks/{world.verdict.pk}/"
    # ... and that page is open to anyone, without a key.
    assert client.get(f"/fact-checks/{world.verdict.pk}/").status_code == 200


@override_settings(FACTCHECK_ORG_NAME="Caucasus Fact Desk", FACTCHECK_ORG_URL="https://desk.example/")
def test_the_author_is_the_organisation_named_in_the_settings(world, client_a):
    author = review_of(client_a, world.published)["author"]
    assert (author["@type"], author["name"], author["url"]) == (
        "Organization",
        "Caucasus Fact Desk",
        "https://desk.example/",
    )
    assert author["logo"]["url"].startswith("http")


def test_claim_reviewed_is_a_short_statement_the_reviewer_can_edit(world, client_a, staff_client):
    world.published.quote = (
        "The ministry said that nine civilians, among them two children, were killed and 34 wounded "
        "when the missile struck a block of flats overnight."
    )
    world.published.save()
    statement = review_of(client_a, world.published)["claimReviewed"]
    assert len(statement) <= 75
    assert statement.endswith("…")
    assert world.published.quote.startswith(statement[:-1])

    staff_client.post(
        f"/api/v1/claims/{world.published.pk}/verdict/",
        {"rating": "accurate", "claim_reviewed": "Nine civilians were killed in the strike"},
        format="json",
    )
    assert review_of(client_a, world.published)["claimReviewed"] == "Nine civilians were killed in the strike"


def test_the_claim_lists_every_article_that_carried_it_and_the_first(world, relayed, client_a):
    ClaimFactory(  # the same statement in an article no reviewer has verified: not an appearance yet
        article=ArticleFactory(title="Unreviewed copy"),
        claimant=world.defence_ministry,
        incident=world.incident,
        status=ClaimStatus.PENDING,
        killed_min=9,
        killed_max=9,
        wounded_min=34,
        wounded_max=34,
    )
    ClaimFactory(  # the same claimant with another figure: a different statement
        article=ArticleFactory(title="Later toll"),
        claimant=world.defence_ministry,
        incident=world.incident,
        status=ClaimStatus.VERIFIED,
        killed_min=10,
        killed_max=10,
    )
    item = review_of(client_a, world.published)["itemReviewed"]
    assert [work["url"] for work in item["appearance"]] == [world.published.article.url, relayed.article.url]
    assert item["firstAppearance"]["url"] == world.published.article.url
    assert item["appearance"][1]["publisher"]["name"] == "Caucasus Wire"


def test_the_claimants_same_as_is_given_where_the_party_has_one(world, client_a):
    assert "sameAs" not in review_of(client_a, world.published)["itemReviewed"]["author"]
    world.defence_ministry.same_as = "https://www.wikidata.org/wiki/Q4056424"
    world.defence_ministry.save()
    author = review_of(client_a, world.published)["itemReviewed"]["author"]
    assert author["sameAs"] == "https://www.wikidata.org/wiki/Q4056424"


@pytest.mark.parametrize(
    ("rating", "words"),
    [("false", "False"), ("misleading", "Misleading"), ("unproven", "Unproven"), ("accurate", "Accurate")],
)
def test_the_rating_is_its_words_without_a_made_up_scale(world, client_a, rating, words):
    world.verdict.rating = rating
    world.verdict.save()
    assert review_of(client_a, world.published)["reviewRating"] == {"@type": "Rating", "alternateName": words}


def test_the_feed_is_a_jsonld_datafeed_with_the_next_page_in_the_link_header(world, client_a):
    VerdictFactory(claim=world.published_other, rating="false")
    response = client_a.get("/api/v1/claimreview/", {"page_size": 1})
    assert response["Content-Type"].startswith("application/ld+json")
    feed = response.json()
    assert (feed["@context"], feed["@type"]) == ("https://schema.org", "DataFeed")
    assert not {"next", "previous", "results"} & set(feed)
    assert len(feed["dataFeedElement"]) == 1
    assert all(claimreview_problems(r, embedded=True) == [] for r in feed["dataFeedElement"])
    assert 'rel="next"' in response["Link"]

    next_url = response["Link"].split(">", 1)[0].lstrip("<")
    second = client_a.get(next_url).json()["dataFeedElement"]
    urls = {feed["dataFeedElement"][0]["url"], second[0]["url"]}
    assert len(urls) == 2


def test_a_client_asking_for_plain_json_still_gets_the_document(world, client_a):
    response = client_a.get("/api/v1/claimreview/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert response.json()["@type"] == "DataFeed"


def test_a_claimreview_for_an_id_that_is_not_a_number_is_a_404(world, client_a):
    assert client_a.get("/api/v1/claims/null/claimreview/").status_code == 404
