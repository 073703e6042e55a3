"""The starter gazetteer is loaded by migration, idempotent, and resolves alternative names."""

import pytest

from sources.gazetteer import load_gazetteer
from sources.models import Party, PartyAlias, Place, PlaceAlias, Side
from sources.text import normalize_name

pytestmark = pytest.mark.django_db


def test_leaders_sit_under_their_governments():
    aliyev = Party.objects.get(name="Ilham Aliyev")
    assert aliyev.parent.name == "Government of Azerbaijan"
    assert aliyev.parent.parent.name == "Azerbaijan"
    assert aliyev.side == Side.AZERBAIJAN
    assert Party.objects.get(name="Nikol Pashinyan").side == Side.ARMENIA


def test_de_facto_karabakh_authorities_are_on_the_armenian_side():
    assert Party.objects.get(name="Republic of Artsakh").side == Side.ARMENIA


def test_loading_twice_changes_nothing():
    counts = (
        Party.objects.count(),
        PartyAlias.objects.count(),
        Place.objects.count(),
        PlaceAlias.objects.count(),
    )
    load_gazetteer(Party, PartyAlias, Place, PlaceAlias)
    assert counts == (
        Party.objects.count(),
        PartyAlias.objects.count(),
        Place.objects.count(),
        PlaceAlias.objects.count(),
    )


@pytest.mark.parametrize(
    ("alias", "place"),
    [
        ("Khankendi", "Stepanakert"),
        ("Gəncə", "Ganja"),
        ("GENCE", "Ganja"),
        ("Shushi", "Shusha"),
        ("Berdzor", "Lachin"),
    ],
)
def test_place_aliases_resolve_to_one_place(alias, place):
    assert PlaceAlias.objects.get(normalized=normalize_name(alias)).place.name == place


@pytest.mark.parametrize(
    ("alias", "party"),
    [
        ("Azeri officials", "Government of Azerbaijan"),
        ("the Armenian side", "Armenia"),
        ("Baku", "Government of Azerbaijan"),
        ("Yerevan", "Government of Armenia"),
        ("the Kremlin", "Government of Russia"),
        ("Turkish presidential spokesman", "Ibrahim Kalin"),
    ],
)
def test_party_aliases_resolve(alias, party):
    assert PartyAlias.objects.get(normalized=normalize_name(alias)).party.name == party
