"""The sources app's tasks (sources/tasks.py): extraction by id, idempotent, a failure recorded on the article."""

from unittest import mock

import pytest

from claims.models import Claim
from claims.services import extraction
from sources.ingestion import article_ingest
from sources.models import Article
from sources.tasks import extract_article
from sources.tests.samples import BODY

pytestmark = pytest.mark.django_db


def test_the_task_is_idempotent(gazetteer):

    result = article_ingest(body=BODY, extract="none")
    first = extract_article(result.article.pk)
    second = extract_article(result.article.pk)
    assert first == second == Claim.objects.filter(article=result.article).count() > 0


def test_the_task_ignores_a_deleted_article():

    assert extract_article(987654) == 0


def test_a_failed_extraction_task_marks_the_article_failed(gazetteer):

    result = article_ingest(body=BODY, extract="none")
    with (
        mock.patch.object(extraction, "extract_candidates", side_effect=ValueError("bad rule")),
        pytest.raises(ValueError),
    ):
        extract_article(result.article.pk)
    result.article.refresh_from_db()
    assert result.article.status == Article.Status.FAILED
    assert "bad rule" in result.article.status_message
