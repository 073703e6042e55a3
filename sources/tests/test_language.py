"""Non-English articles are kept, marked "not extracted: language xx", and never read by the English rules."""

import pytest

from claims.models import Claim
from claims.services.extraction import article_extract_claims
from claims.services.ingestion import article_ingest
from claims.tasks import extract_article
from sources.language import language_detect, language_of_article
from sources.models import Article

pytestmark = pytest.mark.django_db

ENGLISH_BODY = (
    "Azerbaijan's defence ministry said on Sunday that Armenian artillery shelled the town of Tartar, "
    "killing two civilians and wounding five others."
)
# Written for this test: the same report in Russian, with a figure and a place the English rules know.
RUSSIAN_BODY = (
    "Министерство обороны Азербайджана заявило в воскресенье, что армянская артиллерия обстреляла "
    "город Тартар, в результате чего погибли 2 мирных жителя и ещё 5 получили ранения."
)
ARMENIAN_BODY = "Պաշտպանության նախարարությունը հայտնել է, որ հակառակորդը կրակ է բացել սահմանի երկայնքով։"


def test_the_detector_tells_the_tracker_s_languages_apart():
    assert language_detect(ENGLISH_BODY) == "en"
    assert language_detect(RUSSIAN_BODY) == "ru"
    assert language_detect(ARMENIAN_BODY) == "hy"


def test_a_text_that_opens_with_figures_only_is_judged_by_the_prose_after_them():
    timetable = "04.10.2020 12:05 - 14:30 / 2 - 5 / " * 15

    assert len(timetable) > 400
    assert language_detect(timetable) is None
    assert language_detect(timetable + RUSSIAN_BODY) == "ru"
    assert language_detect(timetable + ENGLISH_BODY) == "en"


def test_a_declared_language_other_than_english_is_believed_and_english_is_checked():
    assert language_of_article(body=ENGLISH_BODY, declared="az") == "az"
    assert language_of_article(body=RUSSIAN_BODY, declared="en") == "ru"
    assert language_of_article(body=RUSSIAN_BODY, declared="") == "ru"


def test_a_text_too_short_to_tell_is_taken_as_english():
    assert language_detect("Ganja") is None
    assert language_of_article(body="Ganja, 12:05", declared="") == "en"


def test_a_russian_article_is_stored_but_not_extracted_even_when_declared_english(gazetteer):
    result = article_ingest(body=RUSSIAN_BODY, url="https://ru.example/tartar", language="en")

    article = Article.objects.get(pk=result.article.pk)
    assert article.language == "ru"
    assert article.status == Article.Status.SKIPPED_LANGUAGE
    assert article.status_message == "not extracted: language ru"
    assert result.claims == []
    assert not Claim.objects.filter(article=article).exists()


def test_an_english_article_is_still_extracted(gazetteer):
    result = article_ingest(body=ENGLISH_BODY, url="https://en.example/tartar")

    assert result.article.status == Article.Status.EXTRACTED
    assert result.article.language == "en"
    assert any(claim.killed_min == 2 for claim in result.claims)


def test_a_later_extraction_run_leaves_a_non_english_article_alone(gazetteer):
    article = article_ingest(body=RUSSIAN_BODY, url="https://ru.example/tartar-2", extract="none").article

    assert extract_article(article.pk) == 0
    assert article_extract_claims(article=article) == []
    article.refresh_from_db()
    assert article.status == Article.Status.SKIPPED_LANGUAGE


def test_the_api_and_the_admin_show_why_an_article_was_not_extracted(gazetteer, staff_client, admin_client):
    article = article_ingest(body=RUSSIAN_BODY, url="https://ru.example/tartar-3").article

    data = staff_client.get(f"/api/v1/articles/{article.pk}/").json()
    assert data["status"] == "skipped_language"
    assert data["status_message"] == "not extracted: language ru"
    assert data["language"] == "ru"

    listing = admin_client.get("/admin/sources/article/?status__exact=skipped_language").content.decode()
    assert "Not extracted: not English" in listing
    page = admin_client.get(f"/admin/sources/article/{article.pk}/change/").content.decode()
    assert "not extracted: language ru" in page
