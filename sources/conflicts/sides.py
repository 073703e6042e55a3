"""Which side every party is on in each conflict, derived from the sides' roots in the party tree."""

from __future__ import annotations

from types import SimpleNamespace

from sources.conflicts.base import real_models

# An outlet that speaks in its own voice and sits under no side's root is an onlooker: a third party.
MEDIA = "media"


def _third_party_side(m, conflict) -> int | None:
    return (
        m.ConflictSide.objects.filter(conflict=conflict, kind="third_party")
        .order_by("id")
        .values_list("pk", flat=True)
        .first()
    )


def party_sides_rebuild(*, conflict, models: SimpleNamespace | None = None) -> int:
    """Recompute which side every party is on in ``conflict`` from its sides' roots; returns rows changed.

    A party is on the side of its deepest ancestor (or itself) that is a side's root; a media party
    under no root is on the conflict's third-party side (an outlet reporting in its own voice is an
    onlooker unless its pack puts it under a belligerent); other parties under no root have no side in
    that conflict.  Only rows that differ are written.
    """
    m = models or real_models()
    roots = []
    for side in m.ConflictSide.objects.filter(conflict=conflict).prefetch_related("roots"):
        for root in side.roots.all():
            roots.append((root.tree_path, side.pk))
    roots.sort(key=lambda item: len(item[0]))
    wanted: dict[int, int] = {}
    onlooker = _third_party_side(m, conflict)
    for pid, path, kind in m.Party.objects.values_list("id", "tree_path", "kind"):
        for root_path, side_id in roots:
            if root_path and path.startswith(root_path):
                wanted[pid] = side_id  # deeper roots come later and win
        if pid not in wanted and kind == MEDIA and onlooker is not None:
            wanted[pid] = onlooker
    current = dict(m.PartySide.objects.filter(conflict=conflict).values_list("party_id", "side_id"))
    changed = 0
    stale = [pid for pid in current if pid not in wanted]
    if stale:
        changed += m.PartySide.objects.filter(conflict=conflict, party_id__in=stale).delete()[0]
    for pid, side_id in wanted.items():
        if pid not in current:
            continue
        if current[pid] != side_id:
            m.PartySide.objects.filter(conflict=conflict, party_id=pid).update(side_id=side_id)
            changed += 1
    new = [
        m.PartySide(conflict=conflict, party_id=pid, side_id=sid)
        for pid, sid in wanted.items()
        if pid not in current
    ]
    m.PartySide.objects.bulk_create(new, batch_size=1000)
    return changed + len(new)


def party_sides_inherit(*, party, models: SimpleNamespace | None = None) -> None:
    """A new party takes its parent's side in every conflict (the extractor files speakers under parents)."""
    m = models or real_models()
    if party.parent_id is None:
        if party.kind == MEDIA:
            rows = [(c.pk, _third_party_side(m, c)) for c in m.Conflict.objects.all()]
            m.PartySide.objects.bulk_create(
                [m.PartySide(conflict_id=c, party_id=party.pk, side_id=s) for c, s in rows if s is not None],
                ignore_conflicts=True,
            )
        return
    rows = m.PartySide.objects.filter(party_id=party.parent_id).values_list("conflict_id", "side_id")
    m.PartySide.objects.bulk_create(
        [m.PartySide(conflict_id=c, party_id=party.pk, side_id=s) for c, s in rows], ignore_conflicts=True
    )


def party_sides_rebuild_all(*, models: SimpleNamespace | None = None) -> int:
    """Recompute every conflict's party sides (after a party moved in the tree)."""
    m = models or real_models()
    return sum(party_sides_rebuild(conflict=c, models=m) for c in m.Conflict.objects.all())
