"""Article ingestion: one service for every entry point, dedup, bad input refused, batches go on."""

from datetime import UTC, datetime
from pathlib import Path
from unittest import mock
from zoneinfo import ZoneInfo

import pytest

from claims.models import Claim, ClaimOrigin, ClaimStatus
from sources.ingestion import (
    IngestError,
    article_ingest,
    article_ingest_url,
    articles_ingest_paths,
    text_split_headers,
    url_canonicalize,
)
from sources.models import Article, Outlet, Party

pytestmark = pytest.mark.django_db

BODY = (
    "Azerbaijan's Prosecutor General's Office said on Sunday that an Armenian missile strike on Ganja "
    "killed nine civilians and wounded 34 others."
)

TEXT_FILE = f"""Title: Missile strike on Ganja
URL: https://wire.example/world/ganja-strike/?utm_source=feed&id=7#top
Outlet: Wire Example
Published: 2020-10-11T10:00:00+00:00
Language: en

{BODY}
"""


def test_canonical_url_drops_tracking_fragment_trailing_slash_and_host_case():
    assert (
        url_canonicalize("HTTPS://Wire.Example:443/world/ganja/?utm_medium=x&b=2&a=1&fbclid=zz#frag")
        == "https://wire.example/world/ganja?a=1&b=2"
    )


def test_an_ipv6_literal_keeps_its_brackets_and_a_port():
    assert url_canonicalize("http://[2001:DB8::1]:8080/a/") == "http://[2001:db8::1]:8080/a"
    assert url_canonicalize("https://[2001:db8::1]:443/a") == "https://[2001:db8::1]/a"


def test_a_user_name_or_password_in_a_url_is_never_stored():
    assert url_canonicalize("https://alice:s3cret@wire.example/a") == "https://wire.example/a"
    assert url_canonicalize("https://alice@wire.example:8443/a") == "https://wire.example:8443/a"


def test_a_port_out_of_range_is_an_ingest_error_not_a_crash():
    with pytest.raises(IngestError, match="port out of range"):
        url_canonicalize("https://e.org:99999/a")


def test_headers_are_case_insensitive_and_end_at_a_blank_line_or_dashes():
    headers, body = text_split_headers("TITLE: One\npublished: 2020-10-11\n---\nBody text.")
    assert headers == {"title": "One", "published_at": "2020-10-11"}
    assert body == "Body text."


def test_a_text_without_headers_is_all_body():
    headers, body = text_split_headers("Fighting resumed: shelling was heard.\n\nMore text.")
    assert headers == {}
    assert body.startswith("Fighting resumed")


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
        mock.patch("sources.tasks.extract_article.delay") as delay,
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


def test_a_text_file_with_headers(tmp_path: Path, gazetteer):
    path = tmp_path / "ganja.txt"
    path.write_text(TEXT_FILE, encoding="utf-8")
    [outcome] = articles_ingest_paths(paths=[path])
    article = outcome.result.article
    assert article.title == "Missile strike on Ganja"
    assert article.url == "https://wire.example/world/ganja-strike?id=7"
    assert article.published_at == datetime(2020, 10, 11, 10, tzinfo=UTC)
    assert article.body == BODY
    assert Outlet.objects.filter(name="Wire Example").exists()


def test_a_json_file_with_one_object_or_a_list(tmp_path: Path, gazetteer):
    (tmp_path / "one.json").write_text(
        '{"title": "One", "url": "https://x.example/1", "body": "Armenian officials said two soldiers were killed."}'
    )
    (tmp_path / "many.json").write_text(
        '[{"text": "Azerbaijani officials said three civilians were wounded."}, {"content": ""}]'
    )
    outcomes = articles_ingest_paths(paths=[tmp_path])
    assert sorted(o.error is None for o in outcomes) == [False, True, True]
    assert Article.objects.count() == 2
    [bad] = [o for o in outcomes if o.error]
    assert "many.json[1]" in bad.error
    assert "empty" in bad.error


def test_a_folder_goes_in_even_when_some_files_are_bad(tmp_path: Path, gazetteer):
    (tmp_path / "good.txt").write_text(TEXT_FILE, encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes("Gäncä strike".encode("latin-1"))
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02 binary")
    (tmp_path / "baddate.txt").write_text("Published: not a date at all\n\nSome body text.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("Title: Nothing\n\n", encoding="utf-8")
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "notes.csv").write_text("ignored", encoding="utf-8")
    outcomes = {Path(o.source).name: o for o in articles_ingest_paths(paths=[tmp_path])}
    assert set(outcomes) == {
        "good.txt",
        "latin1.txt",
        "binary.txt",
        "baddate.txt",
        "empty.txt",
        "broken.json",
    }
    assert outcomes["good.txt"].result.created
    for name in ("latin1.txt", "binary.txt", "baddate.txt", "empty.txt", "broken.json"):
        assert name in (outcomes[name].error or ""), name
    assert "UTF-8" in outcomes["latin1.txt"].error
    assert Article.objects.count() == 1


def test_an_oversized_file_is_refused_by_name(tmp_path: Path, settings):
    settings.FACTCHECK_MAX_ARTICLE_BYTES = 50
    path = tmp_path / "big.txt"
    path.write_text("word " * 2000, encoding="utf-8")
    [outcome] = articles_ingest_paths(paths=[path])
    assert "big.txt" in outcome.error
    assert "over the limit" in outcome.error


def test_a_failure_during_extraction_leaves_no_half_written_rows(gazetteer):
    from claims.services import extraction

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


def test_the_task_is_idempotent(gazetteer):
    from sources.tasks import extract_article

    result = article_ingest(body=BODY, extract="none")
    first = extract_article(result.article.pk)
    second = extract_article(result.article.pk)
    assert first == second == Claim.objects.filter(article=result.article).count() > 0


def test_the_task_ignores_a_deleted_article():
    from sources.tasks import extract_article

    assert extract_article(987654) == 0


def test_the_demo_articles_yield_the_competing_claims_the_demo_shows(gazetteer):
    demo = Path(__file__).resolve().parent.parent / "demo" / "articles"
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
    from claims.services import extraction

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


def test_a_failed_extraction_task_marks_the_article_failed(gazetteer):
    from claims.services import extraction
    from sources.tasks import extract_article

    result = article_ingest(body=BODY, extract="none")
    with (
        mock.patch.object(extraction, "extract_candidates", side_effect=ValueError("bad rule")),
        pytest.raises(ValueError),
    ):
        extract_article(result.article.pk)
    result.article.refresh_from_db()
    assert result.article.status == Article.Status.FAILED
    assert "bad rule" in result.article.status_message


# --- URLs -------------------------------------------------------------------------------------------


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
    assert [(c.kind, c.claimant.name) for c in result.claims] == [
        ("casualty", "Prosecutor General of Azerbaijan")
    ]


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
