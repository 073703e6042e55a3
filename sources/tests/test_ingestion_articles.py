"""article_ingest (sources/ingestion/articles.py): one service for every entry point, dedup, bad input refused."""

from datetime import UTC, datetime
from unittest import mock

import pytest

from claims.models import Claim
from sources.ingestion import IngestError, article_ingest
from sources.models import Article, Party
from sources.tests.samples import BODY

pytestmark = pytest.mark.django_db


def test_the_same_article_twice_changes_nothing(gazetteer):
    first = article_ingest(body=BODY, url="https://wire.example/a?utm_campaign=x")
    counts = (Article.objects.count(), Claim.objects.count(), Party.objects.count())
    again = article_ingest(body=BODY, url="https://WIRE.example/a/#comments")
    assert not again.created
    assert again.article.pk == first.article.pk
    assert (Article.objects.count(), Claim.objects.count(), Party.objects.count()) == counts


def test_the_same_body_under_another_url_is_a_duplicate(gazetteer):
    first = article_ingest(body=BODY, url="https://wire.example/a")
    again = article_ingest(body="  " + BODY.replace(" ", "\n", 3) + "\n", url="https://mirror.example/b")
    assert not again.created
    assert again.article.pk == first.article.pk


@pytest.mark.parametrize("body", ["", "   \n\t  "])
def test_an_empty_body_is_refused(body):
    with pytest.raises(IngestError, match="empty"):
        article_ingest(body=body)
    assert not Article.objects.exists()


def test_binary_text_is_refused():
    with pytest.raises(IngestError, match="binary"):
        article_ingest(body="PK\x03\x04\x00\x00 zip data")


def test_an_unreadable_date_is_refused():
    with pytest.raises(IngestError, match="not a date"):
        article_ingest(body=BODY, published_at="the day after the ceasefire")


def test_an_oversized_body_is_refused(settings):
    settings.FACTCHECK_MAX_ARTICLE_BYTES = 100
    with pytest.raises(IngestError, match="larger than the limit"):
        article_ingest(body=BODY * 2)


def test_a_naive_date_is_read_as_utc():
    result = article_ingest(body=BODY, published_at="2020-10-11 08:30", extract="none")
    assert result.article.published_at == datetime(2020, 10, 11, 8, 30, tzinfo=UTC)


def test_extract_none_stores_without_claims(gazetteer):
    result = article_ingest(body=BODY, extract="none")
    assert result.claims == []
    assert result.article.status == Article.Status.RECEIVED
    assert not Claim.objects.exists()


def test_extract_async_enqueues_the_task_after_commit(gazetteer, django_capture_on_commit_callbacks):
    with (
        mock.patch("claims.tasks.extract_article.delay") as delay,
        django_capture_on_commit_callbacks(execute=True) as callbacks,
    ):
        result = article_ingest(body=BODY, extract="async")
        delay.assert_not_called() if not callbacks else None
    assert result.claims == []
    delay.assert_called_once_with(result.article.pk)
    assert len(callbacks) >= 1


def test_html_pages_are_reduced_to_their_main_text(gazetteer):
    html = (
        "<html><head><title>Ganja hit</title></head><body><nav>Home | World | Sport</nav>"
        f"<article><h1>Ganja hit</h1><p>{BODY}</p><p>Rescue teams searched the rubble through the night "
        "while residents gathered outside the damaged buildings in the city centre.</p></article>"
        "<footer>Copyright Wire Example</footer></body></html>"
    )
    result = article_ingest(html=html, url="https://wire.example/html")
    assert "Home | World" not in result.article.body
    assert "killed nine civilians" in result.article.body
    assert result.article.title == "Ganja hit"
