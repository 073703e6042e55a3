"""The gazetteer as the extractor reads it (claims/services/lexicons.py): per conflict, cached until it changes."""

import pytest

from claims.services.lexicons import lexicon_load
from sources.models import Conflict, Party, PartyAlias, Place

pytestmark = pytest.mark.django_db

KARABAKH = "nagorno-karabakh-2020"


def _karabakh_id() -> int:
    return Conflict.objects.get(slug=KARABAKH).pk


def test_an_alias_added_after_a_load_is_known_to_the_next_load(gazetteer):
    conflict_id = _karabakh_id()
    ministry = Party.objects.get(name="Ministry of Defence of Armenia")
    assert lexicon_load(conflict_id).party_by_name("the Yerevan defence office") is None

    PartyAlias.objects.create(party=ministry, alias="the Yerevan defence office")

    assert lexicon_load(conflict_id).party_by_name("the Yerevan defence office") == ministry.pk


def test_an_unchanged_gazetteer_gives_the_same_lexicon_back(gazetteer):
    conflict_id = _karabakh_id()

    assert lexicon_load(conflict_id) is lexicon_load(conflict_id)


def test_a_local_alias_names_its_party_only_in_its_own_conflict(gazetteer):
    conflict = Conflict.objects.get(slug=KARABAKH)
    ministry = Party.objects.get(name="Ministry of Defence of Armenia")
    PartyAlias.objects.create(party=ministry, alias="the ministry in Yerevan", conflict=conflict)

    assert lexicon_load(conflict.pk).party_by_name("the ministry in Yerevan") == ministry.pk
    assert lexicon_load(None).party_by_name("the ministry in Yerevan") is None


def test_a_conflicts_lexicon_knows_the_places_of_its_countries_and_the_conflict_less_one_knows_all(gazetteer):
    conflict_id = _karabakh_id()
    lexicon_load(conflict_id), lexicon_load(None)  # cached before the places are added
    lyon = Place.objects.create(name="Lyon", country="FR")
    nowhere = Place.objects.create(name="Ridgefield Crossing", country="")

    in_conflict, everywhere = lexicon_load(conflict_id), lexicon_load(None)

    assert lyon.pk not in in_conflict.places
    assert nowhere.pk in in_conflict.places, "a place with no country is known to every conflict"
    assert lyon.pk in everywhere.places
    assert in_conflict.timezone.key == "Asia/Baku"


def test_parties_carry_their_side_in_the_conflict_and_none_without_one(gazetteer):
    conflict_id = _karabakh_id()
    ministry = Party.objects.get(name="Ministry of Defence of Armenia")

    assert lexicon_load(conflict_id).parties[ministry.pk].side != "unknown"
    assert lexicon_load(None).parties[ministry.pk].side == "unknown"
