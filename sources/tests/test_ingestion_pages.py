"""Ingesting a page by its URL (sources/ingestion/pages.py): fetched, read, filed under its canonical URL."""

import pytest

from claims.models import Claim
from sources.ingestion import IngestError, article_ingest_url
from sources.models import Article, Outlet

pytestmark = pytest.mark.django_db


def test_a_url_is_fetched_and_ingested_with_the_pages_metadata(web, gazetteer):
    result = article_ingest_url(url=web.url("/news/ganja-strike?utm_source=feed"))
    article = result.article
    assert result.created
    assert article.url == web.url("/news/ganja-strike")
    assert (article.title, article.outlet.name, article.language) == (
        "Missile strike hits Ganja homes",
        "Kura Valley Post",
        "en",
    )
    assert article.published_at.date().isoformat() == "2020-10-11"
    assert "Neighbours spent the morning" in article.body
    assert "All rights reserved" not in article.body
    assert article.status == Article.Status.RECEIVED, "extraction is sent to a worker"


def test_the_pages_canonical_url_files_the_article(web, gazetteer):
    article = article_ingest_url(url=web.url("/plain/own-canonical")).article
    assert article.url == web.url("/plain/ganja-toll")


def test_a_canonical_url_on_another_site_is_ignored(web, gazetteer):
    article = article_ingest_url(url=web.url("/plain/foreign-canonical")).article
    assert article.url == web.url("/plain/foreign-canonical")


def test_without_a_site_name_the_outlet_is_the_domain(web, gazetteer):
    article = article_ingest_url(url=web.url("/plain/own-canonical")).article
    assert article.outlet.name == "127.0.0.1"


def test_a_known_url_is_not_fetched_again(web, gazetteer):
    first = article_ingest_url(url=web.url("/news/ganja-strike"))
    again = article_ingest_url(url=web.url("/news/ganja-strike#comments"))
    assert (again.created, again.article) == (False, first.article)
    assert web.paths() == ["/news/ganja-strike"]


def test_a_page_that_cannot_be_fetched_stores_nothing(web, gazetteer):
    with pytest.raises(IngestError, match="timed out"):
        article_ingest_url(url=web.url("/slow"))
    assert (Article.objects.count(), Claim.objects.count(), Outlet.objects.count()) == (0, 0, 0)
