"""Writes for parties, places and outlets. Article ingestion lives in ``sources/ingestion.py``."""

from __future__ import annotations

from django.db import transaction

from sources.models import Party, PartyAlias, Side
from sources.text import normalize_name


def party_tree_path(*, parent: Party | None, party_id: int) -> str:
    return f"{parent.tree_path if parent else '/'}{party_id}/"


@transaction.atomic
def party_create(
    *,
    name: str,
    kind: str = Party.Kind.OTHER,
    parent: Party | None = None,
    side: str | None = None,
    aliases: tuple[str, ...] | list[str] = (),
    needs_review: bool = False,
    description: str = "",
) -> Party:
    """Create a party under ``parent`` (inheriting its side unless given) with its aliases and tree path."""
    party = Party(
        name=name,
        kind=kind,
        parent=parent,
        side=side or (parent.side if parent else Side.UNKNOWN),
        needs_review=needs_review,
        description=description,
    )
    party.full_clean()
    party.save()
    party.tree_path = party_tree_path(parent=parent, party_id=party.pk)
    Party.objects.filter(pk=party.pk).update(tree_path=party.tree_path)
    for alias in {name, *aliases}:
        party_add_alias(party=party, alias=alias)
    return party


def party_add_alias(*, party: Party, alias: str) -> PartyAlias | None:
    """Attach an alias unless another party already owns that normalized name (returns None then)."""
    normalized = normalize_name(alias)
    if not normalized:
        return None
    existing = PartyAlias.objects.filter(normalized=normalized).first()
    if existing:
        return existing if existing.party_id == party.pk else None
    return PartyAlias.objects.create(party=party, alias=alias)


@transaction.atomic
def party_move(*, party: Party, parent: Party | None) -> Party:
    """Re-parent a party and rewrite the tree paths of its whole subtree."""
    if parent and parent.tree_path.startswith(party.tree_path):
        raise ValueError(f"{parent} is inside {party}'s subtree; a party cannot be its own ancestor.")
    old_prefix = party.tree_path
    party.parent = parent
    party.save(update_fields=["parent", "updated_at"])
    new_prefix = party_tree_path(parent=parent, party_id=party.pk)
    for descendant in Party.objects.filter(tree_path__startswith=old_prefix):
        descendant.tree_path = new_prefix + descendant.tree_path[len(old_prefix) :]
        Party.objects.filter(pk=descendant.pk).update(tree_path=descendant.tree_path)
    party.tree_path = new_prefix
    return party
