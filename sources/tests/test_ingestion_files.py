"""Files and folders (sources/ingestion/files.py): one article at a time, a bad file never stops the batch."""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from sources.ingestion import articles_ingest_paths
from sources.models import Article, Outlet
from sources.tests.samples import BODY, TEXT_FILE

pytestmark = pytest.mark.django_db


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
