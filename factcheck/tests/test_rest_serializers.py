"""``rows_by_pk`` / ``rows_by_key``: the small look-ups of a page in one statement, with the values the
ORM would give."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from factcheck.rest.serializers import Lookup, rows_by_key, rows_by_pk
from sources.models import Article, Party, PartySide, Place
from sources.tests.factories import (
    ArticleFactory,
    PartyFactory,
    PlaceFactory,
    default_conflict,
    side_in,
)

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


def test_rows_matched_on_another_column_come_back_as_lists_with_a_column_of_the_row_they_point_at():
    conflict = default_conflict()
    state = PartyFactory(side="armenia")
    ministry = PartyFactory(parent=state)
    bystander = PartyFactory(side="azerbaijan")

    with CaptureQueriesContext(connection) as queries:
        (sides, names) = rows_by_key(
            [
                Lookup(
                    PartySide, ("conflict", "side__slug"), frozenset({state.pk, ministry.pk}), key="party"
                ),
                Lookup(Party, ("name",), frozenset({bystander.pk})),
            ]
        )

    assert len(queries) == 1
    expected = [{"conflict": conflict.pk, "side__slug": "armenia"}]
    assert sides == {state.pk: expected, ministry.pk: expected}
    assert names == {bystander.pk: [{"name": bystander.name}]}


def test_a_party_on_sides_in_two_conflicts_gets_one_row_per_conflict():
    other = default_conflict().__class__.objects.create(slug="lookup-war", name="Lookup war", timezone="UTC")
    party = PartyFactory(side="armenia")
    PartySide.objects.create(conflict=other, party=party, side=side_in(other, "north"))

    (sides,) = rows_by_key(
        [Lookup(PartySide, ("conflict", "side__slug"), frozenset({party.pk}), key="party")]
    )

    assert sorted((row["conflict"], row["side__slug"]) for row in sides[party.pk]) == sorted(
        [(default_conflict().pk, "armenia"), (other.pk, "north")]
    )
