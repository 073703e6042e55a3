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


# Claim fields that point at a party; a merge moves every one of them.
CLAIM_PARTY_FIELDS = ("claimant", "relayed_by", "accused", "controller")


@transaction.atomic
def party_merge(*, target: Party, others: list[Party] | tuple[Party, ...]) -> Party:
    """Fold ``others`` into ``target``: their claims (as claimant, relayed_by, accused or controller),
    aliases (their names become aliases too), outlets and children move to ``target``; then they are
    deleted. All in one transaction.

    Moved claims count as changed (the claimant is a checked field), so their contradiction checks run
    again after commit. Claims are saved through django-simple-history's bulk helper, so the audit trail
    shows the merge on every claim it touched.
    """
    from django.utils import timezone
    from simple_history.utils import bulk_update_with_history

    from claims.models import Claim
    from claims.services.checks import enqueue_claim_checks

    others = [p for p in others if p.pk != target.pk]
    if not others:
        return target
    other_ids = [p.pk for p in others]
    now = timezone.now()
    moved: set[int] = set()
    for field in CLAIM_PARTY_FIELDS:
        claims = list(Claim.objects.select_for_update().filter(**{f"{field}_id__in": other_ids}))
        for claim in claims:
            setattr(claim, f"{field}_id", target.pk)
            claim.changed_at = now
            moved.add(claim.pk)
        bulk_update_with_history(
            claims,
            Claim,
            [field, "changed_at"],
            batch_size=500,
            default_change_reason=f"party merge into {target.pk}",
        )
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
    enqueue_claim_checks(sorted(moved))
    target.refresh_from_db()
    return target
