"""Ingesting with extraction (claims/services/ingestion.py): an article stored through sources and its
claims extracted in the same transaction, from a body, files and folders, or a page's URL."""

from datetime import datetime
from pathlib import Path
from unittest import mock
from zoneinfo import ZoneInfo

import pytest

from claims.models import Claim, ClaimOrigin, ClaimStatus
from claims.services import extraction
from claims.services.ingestion import article_ingest, article_ingest_url, articles_ingest_paths
from sources.models import Article
from sources.tests.samples import BODY

pytestmark = pytest.mark.django_db


def test_ingesting_a_body_stores_the_article_and_extracts_its_claims(gazetteer):
    result = article_ingest(
        body=BODY, url="https://wire.example/a", outlet_name="Wire Example", published_at="2020-10-11"
    )
    assert result.created
    article = result.article
    assert article.status == Article.Status.EXTRACTED
    assert article.outlet.name == "Wire Example"
    assert article.outlet.domain == "wire.example"
    casualty = next(c for c in result.claims if c.kind == "casualty")
    assert (casualty.killed_min, casualty.killed_max, casualty.wounded_min) == (9, 9, 34)
    assert casualty.status == ClaimStatus.PENDING
    assert casualty.origin == ClaimOrigin.EXTRACTOR
    assert article.body[casualty.quote_start : casualty.quote_end] == casualty.quote


def test_a_failure_during_extraction_leaves_no_half_written_rows(gazetteer):

    real = extraction.claim_create
    calls = []

    def fail_on_second(**kwargs):
        calls.append(kwargs)
        if len(calls) == 2:
            raise RuntimeError("boom")
        return real(**kwargs)

    with (
        mock.patch.object(extraction, "claim_create", side_effect=fail_on_second),
        pytest.raises(RuntimeError),
    ):
        article_ingest(
            body="Armenian officials accused Azeri troops of shelling Stepanakert, while Azeri officials "
            "accused Armenia of shelling Tartar."
        )
    assert not Article.objects.exists()
    assert not Claim.objects.exists()


def test_the_demo_articles_yield_the_competing_claims_the_demo_shows(gazetteer):
    demo = Path(__file__).resolve().parents[2] / "sources" / "demo" / "articles"
    outcomes = articles_ingest_paths(paths=[demo])
    assert all(o.error is None for o in outcomes)
    assert len(outcomes) >= 4
    claims = Claim.objects.select_related("claimant", "accused", "controller", "place")
    ganja_tolls = {
        (c.claimant.name, c.killed_min)
        for c in claims
        if c.kind == "casualty" and c.place and c.place.name == "Ganja"
    }
    assert ("Prosecutor General of Azerbaijan", 9) in ganja_tolls
    assert ("Hikmet Hajiyev", 10) in ganja_tolls
    baku_time = ZoneInfo("Asia/Baku")
    breach = {
        c.accused.name
        for c in claims
        if c.kind == "accusation" and c.event_start == datetime(2020, 10, 10, 12, 5, tzinfo=baku_time)
    }
    assert breach == {"Armed Forces of Azerbaijan", "Armed Forces of Armenia"}
    assert any(c.kind == "denial" and c.claimant.name == "Ministry of Defence of Armenia" for c in claims)
    hadrut = {c.controller.name for c in claims if c.kind == "control" and c.place.name == "Hadrut"}
    assert hadrut == {"Armed Forces of Azerbaijan", "Artsakh Defence Army"}


def test_an_unexpected_failure_in_one_file_does_not_stop_the_batch(tmp_path: Path, gazetteer):

    (tmp_path / "a.txt").write_text("Armenian officials said two soldiers were killed.", encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        "Azerbaijani officials said three civilians were wounded.", encoding="utf-8"
    )
    real = extraction.extract_candidates

    def fail_for_b(text, **kwargs):
        if "three civilians" in text:
            raise RuntimeError("extractor bug")
        return real(text, **kwargs)

    with mock.patch.object(extraction, "extract_candidates", side_effect=fail_for_b):
        outcomes = {Path(o.source).name: o for o in articles_ingest_paths(paths=[tmp_path])}
    assert outcomes["a.txt"].result.created
    assert "RuntimeError" in outcomes["b.txt"].error
    assert list(Article.objects.values_list("body", flat=True)) == [
        "Armenian officials said two soldiers were killed."
    ]


def test_an_article_seen_before_comes_back_with_the_claims_it_has(gazetteer):
    first = article_ingest(body=BODY, url="https://wire.example/a")

    again = article_ingest(body=BODY, url="https://wire.example/a?utm_source=feed")

    assert not again.created
    assert again.article == first.article
    assert sorted(claim.pk for claim in again.claims) == sorted(claim.pk for claim in first.claims)
    assert Claim.objects.count() == len(first.claims)


def test_async_and_none_store_the_article_without_extracting_it_here(gazetteer):
    for mode, url in (("async", "https://wire.example/later"), ("none", "https://wire.example/never")):
        result = article_ingest(body=BODY + f" ({mode})", url=url, extract=mode)

        assert result.created
        assert result.claims == []
        assert result.article.status == Article.Status.RECEIVED
    assert not Claim.objects.exists()


def test_an_unknown_extraction_mode_is_refused_before_anything_is_stored(gazetteer):
    with pytest.raises(ValueError, match="extract must be one of sync, async, none, not 'later'"):
        article_ingest(body=BODY, extract="later")

    assert not Article.objects.exists()


def test_a_page_fetched_by_its_url_comes_back_with_its_claims(web, gazetteer):
    result = article_ingest_url(url=web.url("/news/ganja-strike"))

    assert result.created
    assert result.article.status == Article.Status.EXTRACTED
    assert [(c.kind, c.claimant.name) for c in result.claims] == [
        ("casualty", "Prosecutor General of Azerbaijan")
    ]
