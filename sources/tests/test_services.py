"""Party services keep the tree paths that make sub-party filtering one indexed prefix match."""

import pytest

from sources.models import Party, PartyAlias, PartySide
from sources.services import party_add_alias, party_create, party_move

pytestmark = pytest.mark.django_db


def test_new_party_inherits_side_and_extends_parent_path():
    ministry = Party.objects.get(name="Ministry of Defence of Armenia")
    spokesman = party_create(
        name="A new spokesman", kind=Party.Kind.OFFICIAL, parent=ministry, aliases=["the spokesman X"]
    )
    assert (
        PartySide.objects.get(party=spokesman, conflict__slug="nagorno-karabakh-2020").side.slug == "armenia"
    )
    assert spokesman.tree_path == f"{ministry.tree_path}{spokesman.pk}/"
    assert Party.objects.filter(
        tree_path__startswith=Party.objects.get(name="Armenia").tree_path, pk=spokesman.pk
    ).exists()
    assert set(spokesman.aliases.values_list("alias", flat=True)) == {"A new spokesman", "the spokesman X"}


def test_alias_owned_by_another_party_is_not_stolen():
    stranger = party_create(name="Somebody")
    assert party_add_alias(party=stranger, alias="Azeri officials") is None
    assert PartyAlias.objects.get(normalized="azeri officials").party.name == "Government of Azerbaijan"


def test_moving_a_party_rewrites_its_subtree_paths():
    old_parent = party_create(name="Old parent")
    child = party_create(name="Child", parent=old_parent)
    grandchild = party_create(name="Grandchild", parent=child)
    new_parent = party_create(name="New parent")
    party_move(party=child, parent=new_parent)
    grandchild.refresh_from_db()
    assert grandchild.tree_path == f"/{new_parent.pk}/{child.pk}/{grandchild.pk}/"


def test_a_party_cannot_move_under_its_own_descendant():
    parent = party_create(name="Parent")
    child = party_create(name="Child", parent=parent)
    with pytest.raises(ValueError, match="own ancestor"):
        party_move(party=parent, parent=child)
