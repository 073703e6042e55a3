"""Storing a batch of archive files (sources/ingestion/bulk.py): every file checked before anything is written."""

from pathlib import Path

import pytest

from claims.models import Claim
from sources.ingestion import BatchError, articles_store_batch
from sources.models import Article
from sources.tests.samples import BODY, TEXT_FILE

pytestmark = pytest.mark.django_db


def _files(folder: Path, files: dict[str, str]) -> list[Path]:
    paths = []
    for name, text in files.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def test_a_batch_stores_its_new_articles_in_file_order_without_claims(tmp_path, gazetteer):
    files = _files(
        tmp_path,
        {
            "a.txt": TEXT_FILE,
            "b.txt": "URL: https://other.example/b\n\nAzerbaijani officials said three civilians were wounded.",
            "c.txt": BODY,  # the body of a.txt again under no address: a repeat
            "d.txt": "Language: ru\n\nМинистерство обороны сообщило, что ночью город снова обстреляли.",
        },
    )

    stored = articles_store_batch(files, conflict=None)

    assert [stored.sources[article.pk] for article in stored.articles] == [
        str(files[0]),
        str(files[1]),
        str(files[3]),
    ]
    assert stored.known == 1
    assert Article.objects.count() == 3
    assert not Claim.objects.exists(), "claims are the claims app's to write"
    russian = Article.objects.get(language="ru")
    assert russian.status == Article.Status.SKIPPED_LANGUAGE
    assert russian.status_message == "not extracted: language ru"


def test_a_refused_file_is_named_before_any_article_of_the_batch_is_written(tmp_path, gazetteer):
    files = _files(tmp_path, {"a.txt": TEXT_FILE, "b.json": "{not json"})

    with pytest.raises(BatchError, match=r"b\.json is not valid JSON"):
        articles_store_batch(files, conflict=None)

    assert not Article.objects.exists()


def test_articles_stored_before_count_as_known_and_are_not_stored_again(tmp_path, gazetteer):
    files = _files(tmp_path, {"a.txt": TEXT_FILE})
    articles_store_batch(files, conflict=None)

    again = articles_store_batch(files, conflict=None)

    assert (again.articles, again.known) == ([], 1)
    assert Article.objects.count() == 1
