"""Writes for parties, places and outlets. Article ingestion lives in ``sources/ingestion/``."""

from __future__ import annotations

from django.db import transaction

from sources.conflicts import party_sides_inherit, party_sides_rebuild_all
from sources.models import Party, PartyAlias
from sources.text import normalize_name


def party_tree_path(*, parent: Party | None, party_id: int) -> str:
    return f"{parent.tree_path if parent else '/'}{party_id}/"


@transaction.atomic
def party_create(
    *,
    name: str,
    kind: str = Party.Kind.OTHER,
    parent: Party | None = None,
    aliases: tuple[str, ...] | list[str] = (),
    needs_review: bool = False,
    description: str = "",
    same_as: str = "",
) -> Party:
    """Create a party under ``parent`` with its aliases and tree path; it takes the parent's side in
    every conflict."""
    party = Party(
        name=name,
        kind=kind,
        parent=parent,
        needs_review=needs_review,
        description=description,
        same_as=same_as,
    )
    party.full_clean()
    party.save()
    party.tree_path = party_tree_path(parent=parent, party_id=party.pk)
    Party.objects.filter(pk=party.pk).update(tree_path=party.tree_path)
    for alias in {name, *aliases}:
        party_add_alias(party=party, alias=alias)
    party_sides_inherit(party=party)
    return party


def party_add_alias(*, party: Party, alias: str) -> PartyAlias | None:
    """Attach an alias unless another party already owns that normalized name (returns None then)."""
    normalized = normalize_name(alias)
    if not normalized:
        return None
    existing = PartyAlias.objects.filter(normalized=normalized, conflict__isnull=True).first()
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
    party_sides_rebuild_all()
    return party


@transaction.atomic
def party_fold(*, target: Party, others: list[Party]) -> None:
    """Move the aliases, outlets and sub-parties of ``others`` to ``target``, add their names as
    aliases, and delete them.  Their claims must already point elsewhere: the merge a reviewer runs is
    ``claims.services.parties.party_merge``, which moves the claims first.  Call inside a transaction.
    """
    other_ids = [p.pk for p in others]
    for other in others:
        target.refresh_from_db(fields=["tree_path", "parent"])
        if target.tree_path.startswith(other.tree_path):
            # The target sits inside a party being merged away: lift it out first.
            party_move(party=target, parent=other.parent if other.parent_id not in other_ids else None)
        for child in Party.objects.filter(parent_id=other.pk).exclude(pk=target.pk):
            party_move(party=child, parent=target)
        PartyAlias.objects.filter(party_id=other.pk).update(party=target)
        other.outlets.update(party=target)
    Party.objects.filter(pk__in=other_ids).delete()
    for other in others:
        party_add_alias(party=target, alias=other.name)
