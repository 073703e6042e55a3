"""``rows_by_pk``: the small look-ups of a page in one statement, with the values the ORM would give."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from factcheck.rest.serializers import rows_by_pk
from sources.models import Article, Party, Place
from sources.tests.factories import ArticleFactory, PartyFactory, PlaceFactory

pytestmark = pytest.mark.django_db


def test_names_of_several_models_come_back_in_one_statement():
    parties = [PartyFactory(name="Ministry of Defence (lookup)"), PartyFactory(name="Armed Forces (lookup)")]
    place = PlaceFactory(name="Tartar (lookup)")

    with CaptureQueriesContext(connection) as queries:
        found = rows_by_pk([(Party, ["name"], {p.pk for p in parties}), (Place, ["name"], {place.pk})])

    assert len(queries) == 1
    assert found[Party] == {p.pk: {"name": p.name} for p in parties}
    assert found[Place] == {place.pk: {"name": "Tartar (lookup)"}}


def test_a_model_with_no_keys_on_the_page_costs_no_query_and_finds_nothing():
    with CaptureQueriesContext(connection) as queries:
        found = rows_by_pk([(Party, ["name"], set())])

    assert len(queries) == 0
    assert found == {Party: {}}


def test_a_column_json_would_not_carry_exactly_is_read_through_the_orm_with_its_type():
    article = ArticleFactory()

    found = rows_by_pk([(Article, ["published_at"], {article.pk})])

    assert found[Article][article.pk]["published_at"] == Article.objects.get(pk=article.pk).published_at
