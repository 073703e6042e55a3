"""What readers and partners open in a real browser (Debian's headless Chromium through Playwright):
the public pages as an anonymous reader, with their ClaimReview JSON-LD; the API docs with every request
outside the project refused, as on a machine without internet; the report's range labels measured.

Skipped with the reason when Chromium is missing on a developer machine; a failure under CI=true."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import urlsplit

import pytest
from django.test import override_settings

from claims.models import ClaimStatus, ContradictionStatus
from claims.tests.claimreview_fields import claimreview_problems
from claims.tests.factories import ClaimFactory, ContradictionFactory, IncidentFactory, VerdictFactory
from reports import charts
from sources.tests.factories import ArticleFactory, OutletFactory, PartyFactory, PlaceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def offline(page, live_server) -> list[str]:
    """Refuse every request that leaves the live server; returns the refused URLs."""
    own = urlsplit(live_server.url).netloc
    refused: list[str] = []

    def route(route):
        if urlsplit(route.request.url).netloc == own:
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    page.route("**/*", route)
    return refused


@pytest.mark.parametrize(
    ("path", "operation"), [("/api/docs/", ".opblock"), ("/api/redoc/", "[data-section-id]")]
)
def test_the_api_docs_list_the_operations_without_internet(browser_page, live_server, path, operation):
    page = browser_page
    refused = offline(page, live_server)
    page.goto(f"{live_server.url}{path}")
    page.wait_for_selector(operation)
    text = page.inner_text("body")
    assert "List claims" in text
    assert "ClaimReview feed" in text
    assert page.locator(operation).count() >= 10
    # Nothing the page needs comes from outside; Redoc's "API docs by Redocly" badge image is the one
    # outside request it makes, and it hides itself when the image cannot load.
    assert [url for url in refused if url != "https://cdn.redoc.ly/redoc/logo-mini.svg"] == []


def test_an_anonymous_reader_opens_an_incident_and_its_fact_check(browser_page, live_server):
    place = PlaceFactory(name="Martakert (sample)")
    incident = IncidentFactory(
        title="Shelling of the market",
        place=place,
        window_start=datetime(2020, 10, 4, 8, 15, tzinfo=UTC),
        window_end=datetime(2020, 10, 4, 8, 15, tzinfo=UTC),
        grade="fair",
    )
    ministry = PartyFactory(name="Ministry of Health (sample)", same_as="https://www.wikidata.org/wiki/Q1")
    ombudsman = PartyFactory(name="Ombudsman (sample)")
    first = ClaimFactory(
        article=ArticleFactory(outlet=OutletFactory(name="Sample Wire"), title="Market shelled"),
        claimant=ministry,
        incident=incident,
        place=place,
        status=ClaimStatus.VERIFIED,
        killed_min=4,
        killed_max=4,
        quote="four people were killed at the market, the ministry said",
    )
    second = ClaimFactory(
        claimant=ombudsman,
        incident=incident,
        place=place,
        status=ClaimStatus.VERIFIED,
        killed_min=6,
        killed_max=6,
        quote="six died in the shelling, the ombudsman wrote",
    )
    ContradictionFactory(
        claim_a=first,
        claim_b=second,
        incident=incident,
        status=ContradictionStatus.CONFIRMED,
        explanation="killed 4 (ministry) vs 6 (ombudsman)",
    )
    verdict = VerdictFactory(claim=first, rating="misleading", summary="The hospital counted six.")

    page = browser_page
    with override_settings(
        FACTCHECK_PUBLIC_BASE_URL=live_server.url, FACTCHECK_ORG_URL=f"{live_server.url}/"
    ):
        page.goto(f"{live_server.url}/")
        page.click("text=Shelling of the market")
        page.wait_for_selector("h1")
        assert page.inner_text("h1") == "Shelling of the market"
        body = page.inner_text("main")
        assert "Sunday 4 October 2020, 12:15" in body  # local time
        assert "4–6" in body
        assert "killed 4 (ministry) vs 6 (ombudsman)" in body
        assert page.locator("table").nth(1).locator("tbody tr").count() == 2

        page.click("text=Fact check: Misleading")
        page.wait_for_selector("script[type='application/ld+json']", state="attached")
        assert page.url == f"{live_server.url}/fact-checks/{verdict.pk}/"
        review = page.evaluate(
            "() => JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').textContent)"
        )
        assert claimreview_problems(review, site=live_server.url) == []
        assert review["url"] == page.url
        assert review["itemReviewed"]["author"]["sameAs"] == "https://www.wikidata.org/wiki/Q1"
        assert review["reviewRating"]["alternateName"] == "Misleading"
        assert "The hospital counted six." in page.inner_text("main")
        assert page.evaluate("document.documentElement.lang") == "en"


def test_the_range_chart_labels_fit_in_a_real_browser(browser_page):
    rows = [
        {
            "title": title,
            "victim_group": "civilian",
            "low": low,
            "high": high,
            "range": f"{low}–{high}",
            "sources": [{"claimant": "A", "figure": str(low), "killed_min": low}],
        }
        for title, low, high in [
            ("Strike on a market town far from the front", 9, 10),
            ("Night shelling", 1200, 15000),
            ("Drone strike", 48, 50),
        ]
    ]
    page = browser_page
    page.set_content(
        f"<!doctype html><html><body style='margin:0'>{charts.range_dots(rows=rows, title='r')}</body></html>"
    )
    overflow = page.evaluate(
        """() => {
            const svg = document.querySelector('svg');
            const width = svg.viewBox.baseVal.width;
            return [...svg.querySelectorAll('text')]
                .map(t => ({text: t.textContent, box: t.getBBox()}))
                .filter(({box}) => box.x < 0 || box.x + box.width > width)
                .map(({text, box}) => `${text}: ${box.x.toFixed(1)}..${(box.x + box.width).toFixed(1)} of ${width}`);
        }"""
    )
    assert overflow == []
