"""The public pages as an anonymous reader gets them: only what review published, cacheable, accessible,
at a constant number of queries."""

import itertools
import json
from datetime import UTC, datetime

import lxml.html
import pytest
from django.test import override_settings

from claims.models import ClaimStatus, ContradictionKind, ContradictionStatus, VictimGroup
from claims.tests.claimreview_fields import claimreview_problems
from claims.tests.factories import ClaimFactory, ContradictionFactory, IncidentFactory, VerdictFactory
from credibility.models import IncidentEstimate
from public.selectors import published_claims, published_contradictions, published_verdicts
from sources.tests.factories import ArticleFactory, PartyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def incident_world(world):
    """The world's Ganja incident, timed, with a military figure, its disputes and an estimate."""
    incident = world.incident
    incident.window_start = datetime(2020, 10, 11, 0, 30, tzinfo=UTC)  # 04:30 local (UTC+4)
    incident.window_end = incident.window_start
    incident.grade = "fair"
    incident.save()
    soldiers = ClaimFactory(
        claimant=world.armenia,
        incident=incident,
        status=ClaimStatus.VERIFIED,
        victim_group=VictimGroup.MILITARY,
        killed_min=3,
        killed_max=None,
        quote="at least three soldiers were among the dead",
    )
    confirmed = ContradictionFactory(
        claim_a=world.published,
        claim_b=world.published_other,
        incident=incident,
        kind=ContradictionKind.CONFLICTING_BLAME,
        status=ContradictionStatus.CONFIRMED,
        explanation="Each side names the other as the one that fired",
    )
    resolved = ContradictionFactory(
        claim_a=world.published,
        claim_b=soldiers,
        incident=incident,
        status=ContradictionStatus.RESOLVED,
        holding_claim=world.published,
        explanation="nine dead against at least three soldiers",
        review_note="The hospital list settles it",
    )
    dismissed = ContradictionFactory(
        claim_a=world.published_other,
        claim_b=soldiers,
        incident=incident,
        kind=ContradictionKind.SELF_REVERSAL,
        status=ContradictionStatus.DISMISSED,
        explanation="a dismissed pairing nobody should read",
    )
    IncidentEstimate.objects.create(
        incident=incident, killed_likely=10, killed_confidence=0.7, computed_at=datetime.now(UTC)
    )
    world.claim_a.quote = "an unreviewed claim nobody should read"
    world.claim_a.save()
    return {"soldiers": soldiers, "confirmed": confirmed, "resolved": resolved, "dismissed": dismissed}


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    return response, lxml.html.fromstring(response.content)


def text_of(tree) -> str:
    """The text a reader sees in <main>, each element's text apart."""
    main = tree.xpath("//main")[0]
    return " ".join(" ".join(part.split()) for part in main.itertext() if part.strip())


# --- the published rule ---------------------------------------------------------------------------


def test_published_means_verified_claims_reviewed_disputes_between_them_and_their_verdicts(
    world, incident_world
):
    assert set(published_claims().values_list("pk", flat=True)) == {
        world.published.pk,
        world.published_other.pk,
        world.published_accusation.pk,
        incident_world["soldiers"].pk,
    }
    assert set(published_contradictions().values_list("pk", flat=True)) == {
        incident_world["confirmed"].pk,
        incident_world["resolved"].pk,
    }
    VerdictFactory(claim=world.claim_a)  # a verdict on an unverified claim is not published
    assert list(published_verdicts()) == [world.verdict]


# --- the site root and caching ------------------------------------------------------------------


def test_the_site_root_is_the_public_index_for_anyone(world, incident_world, client):
    response, tree = page(client, "/")
    assert tree.xpath("//h1")[0].text_content() == "Incidents and fact checks"
    links = tree.xpath("//a/@href")
    assert f"/incidents/{world.incident.pk}/" in links
    assert f"/fact-checks/{world.verdict.pk}/" in links
    assert "Only B knows" not in response.content.decode()  # B's incident has no published claim
    assert "October 2020" in text_of(tree)


@pytest.mark.parametrize("path", ["/", "/incidents/{incident}/", "/fact-checks/{verdict}/"])
def test_public_pages_may_be_kept_by_shared_caches_and_set_no_cookie(world, client, path):
    response = client.get(path.format(incident=world.incident.pk, verdict=world.verdict.pk))
    assert response.status_code == 200
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert {"public", "max-age=300"} <= directives
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")


@override_settings(FACTCHECK_PUBLIC_MAX_AGE=60, FACTCHECK_ORG_NAME="Caucasus Fact Desk")
def test_the_organisation_and_cache_lifetime_are_settings(world, client):
    response, tree = page(client, "/")
    assert "max-age=60" in response["Cache-Control"]
    assert "Caucasus Fact Desk" in tree.xpath("//header")[0].text_content()
    assert tree.xpath("//header//img/@alt") == ["Caucasus Fact Desk logo"]


def test_unpublished_or_unknown_things_are_not_found(world, client):
    assert client.get(f"/incidents/{world.claim_b.incident_id}/").status_code == 404
    hidden = VerdictFactory(claim=world.claim_a)
    assert client.get(f"/fact-checks/{hidden.pk}/").status_code == 404
    assert client.get("/incidents/999999/").status_code == 404
    assert client.post("/").status_code == 405


# --- the incident page ----------------------------------------------------------------------------


def test_the_incident_page_reads_as_airwars_does(world, incident_world, client):
    _, tree = page(client, f"/incidents/{world.incident.pk}/")
    body = text_of(tree)
    assert tree.xpath("//h1")[0].text_content() == "Strike on Ganja"
    assert "Ganja (test)" in body
    assert "Sunday 11 October 2020, 04:30" in body  # local time, not UTC
    assert "Fair (two or more independent sources)" in body
    assert "3 published sources (Armenia (test), Ministry of Defence (test))" not in body
    assert "Two or more independent sources report it: 2 published sources" in body

    rows = {
        r.xpath("string(th)"): [" ".join(td.text_content().split()) for td in r.xpath("td")]
        for r in tree.xpath("(//table)[1]/tbody/tr")
    }
    assert rows["Unspecified"][:2] == ["9–12", "34"]
    assert rows["Military"][:2] == ["at least 3", "—"]
    assert "Conservative figure 3 killed" in body
    assert "Most likely figure 10 killed" in body


def test_the_incident_page_lists_every_published_source_with_its_outlet_date_figure_quote_and_link(
    world, incident_world, client
):
    _, tree = page(client, f"/incidents/{world.incident.pk}/")
    sources = tree.xpath("(//table)[2]/tbody/tr")
    assert len(sources) == 3
    first = next(r for r in sources if "killing nine people" in r.text_content())
    cells = [" ".join(c.text_content().split()) for c in first.xpath("th|td")]
    assert cells[0] == "Ministry of Defence (test)"
    assert cells[1] == "Reuters"
    assert cells[3] == "9 killed, 34 wounded"
    assert world.published.article.url in first.xpath(".//a/@href")
    assert f"/fact-checks/{world.verdict.pk}/" in first.xpath(".//a/@href")
    assert "an unreviewed claim nobody should read" not in tree.text_content()


def test_the_incident_page_shows_open_and_settled_disputes_but_not_unreviewed_or_dismissed_ones(
    world, incident_world, client
):
    _, tree = page(client, f"/incidents/{world.incident.pk}/")
    body = text_of(tree)
    assert "Each side names the other as the one that fired" in body
    assert (
        "nine dead against at least three soldiers — what holds: the account of Ministry of Defence (test)"
        in body
    )
    assert "The hospital list settles it" in body
    assert "a dismissed pairing nobody should read" not in body
    assert world.public_contradiction.explanation not in body  # open, not reviewed


# --- the fact-check page --------------------------------------------------------------------------


def test_the_fact_check_page_has_the_claim_appearances_rating_reasoning_and_claimreview(world, client):
    relayed = ClaimFactory(
        article=ArticleFactory(title="Relayed by an agency"),
        claimant=world.defence_ministry,
        incident=world.incident,
        status=ClaimStatus.VERIFIED,
        killed_min=9,
        killed_max=9,
        wounded_min=34,
        wounded_max=34,
    )
    _, tree = page(client, f"/fact-checks/{world.verdict.pk}/")
    body = text_of(tree)
    assert tree.xpath("//h1")[0].text_content() == "killing nine people and wounding 34"
    assert "Rating: Accurate" in body
    assert world.verdict.summary in body
    assert "Said by Ministry of Defence (test)" in body
    hrefs = tree.xpath("//a/@href")
    assert world.published.article.url in hrefs
    assert relayed.article.url in hrefs
    assert world.verdict.evidence_links[0] in hrefs

    scripts = tree.xpath('//script[@type="application/ld+json"]')
    assert len(scripts) == 1
    review = json.loads(scripts[0].text)
    assert claimreview_problems(review, site="http://127.0.0.1:8000") == []
    assert review["url"] == tree.xpath('//link[@rel="canonical"]/@href')[0]
    assert len(review["itemReviewed"]["appearance"]) == 2


def test_markup_in_a_claim_cannot_break_out_of_the_json_ld(world, client):
    world.verdict.summary = "</script><script>alert(1)</script>"
    world.verdict.save()
    response, tree = page(client, f"/fact-checks/{world.verdict.pk}/")
    assert b"<script>alert(1)" not in response.content
    assert json.loads(tree.xpath('//script[@type="application/ld+json"]')[0].text)["reviewBody"] == (
        "</script><script>alert(1)</script>"
    )


# --- accessibility --------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/incidents/{incident}/", "/fact-checks/{verdict}/"])
def test_pages_have_a_language_landmarks_ordered_headings_alt_text_and_table_headers(
    world, incident_world, client, path
):
    _, tree = page(client, path.format(incident=world.incident.pk, verdict=world.verdict.pk))
    assert tree.get("lang") == "en"
    assert tree.xpath("//title")[0].text_content().strip()
    assert len(tree.xpath("//main")) == 1
    for landmark in ("//header", "//footer", "//nav[@aria-label]"):
        assert tree.xpath(landmark), landmark
    assert tree.xpath('//a[@href="#main"]')
    levels = [int(h.tag[1]) for h in tree.xpath("//h1|//h2|//h3|//h4")]
    assert levels.count(1) == 1
    assert levels[0] == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), levels
    assert all(img.get("alt") for img in tree.xpath("//img"))
    for table in tree.xpath("//table"):
        assert table.xpath("caption")
        assert table.xpath(".//th[@scope='col']")
    assert all(a.text_content().strip() for a in tree.xpath("//a"))


# --- query counts ---------------------------------------------------------------------------------


def _more_sources(world, n):
    for i in range(n):
        claim = ClaimFactory(
            claimant=PartyFactory(),
            incident=world.incident,
            status=ClaimStatus.VERIFIED,
            killed_min=9 + i,
            killed_max=9 + i,
        )
        VerdictFactory(claim=claim)
        ContradictionFactory(
            claim_a=world.published,
            claim_b=claim,
            incident=world.incident,
            status=ContradictionStatus.CONFIRMED,
        )


@pytest.mark.parametrize("extra", [0, 20])
def test_the_incident_page_runs_three_queries_whatever_its_sources(
    world, client, django_assert_num_queries, extra
):
    _more_sources(world, extra)
    with django_assert_num_queries(3):
        client.get(f"/incidents/{world.incident.pk}/")


@pytest.mark.parametrize("extra", [0, 20])
def test_the_fact_check_page_runs_two_queries_whatever_its_appearances(
    world, client, django_assert_num_queries, extra
):
    for _ in range(extra):
        ClaimFactory(
            claimant=world.defence_ministry,
            incident=world.incident,
            status=ClaimStatus.VERIFIED,
            killed_min=9,
            killed_max=9,
            wounded_min=34,
            wounded_max=34,
        )
    with django_assert_num_queries(2):
        response = client.get(f"/fact-checks/{world.verdict.pk}/")
    # every appearance, and the first once more as firstAppearance
    assert response.content.count(b'"@type": "CreativeWork"') == (1 + extra) + 1


@pytest.mark.parametrize("extra", [0, 20])
def test_the_index_runs_two_queries_whatever_it_lists(world, client, django_assert_num_queries, extra):
    for _ in range(extra):
        ClaimFactory(incident=IncidentFactory(), status=ClaimStatus.VERIFIED)
    _more_sources(world, extra)
    with django_assert_num_queries(2):
        client.get("/")
