"""Loading packs: a conflict with its sides, parties and places, in one transaction."""

from __future__ import annotations

from collections.abc import Iterable
from types import SimpleNamespace
from typing import Any

from django.db import transaction
from django.utils import timezone

from sources.caches import conflict_caches_clear
from sources.conflict_packs import Pack, pack_read, shipped_pack_paths
from sources.conflicts.base import LoadOutcome, real_models
from sources.conflicts.parties import external_names_check, parties_load
from sources.conflicts.places import places_load
from sources.conflicts.sides import party_sides_rebuild_all


def _load_sides(m, pack: Pack, conflict, parties: dict[str, Any], outcome: LoadOutcome) -> None:
    sides = {}
    for spec in pack.sides:
        side = m.ConflictSide.objects.filter(conflict=conflict, slug=spec.slug).first()
        values = {"label": spec.label, "colour": spec.colour, "kind": spec.kind}
        if side is None:
            side = m.ConflictSide.objects.create(conflict=conflict, slug=spec.slug, **values)
            outcome.count("created", "sides")
        elif any(getattr(side, k) != v for k, v in values.items()):
            m.ConflictSide.objects.filter(pk=side.pk).update(**values)
            outcome.count("updated", "sides")
        sides[spec.slug] = side
    stale = m.ConflictSide.objects.filter(conflict=conflict).exclude(slug__in=list(sides))
    if stale.exists():
        outcome.count("updated", "sides", stale.count())
        stale.delete()
    for spec in pack.sides:
        side = sides[spec.slug]
        roots = {parties[name].pk for name in spec.roots}
        if set(side.roots.values_list("pk", flat=True)) != roots:
            side.roots.set(roots)
            outcome.count("updated", "side roots")
    for spec in pack.sides:
        side = sides[spec.slug]
        wanted = {sides[other].pk for other in spec.opposes} | {
            other.pk
            for other_spec in pack.sides
            if spec.slug in other_spec.opposes
            for other in [sides[other_spec.slug]]
        }
        if set(side.opposes.values_list("pk", flat=True)) != wanted:
            side.opposes.set(wanted)
            outcome.count("updated", "oppositions")


def _upsert_conflict(m, pack: Pack, outcome: LoadOutcome):
    """The pack's conflict row, created or brought up to date."""
    values = {
        "name": pack.name,
        "start_date": pack.start_date,
        "end_date": pack.end_date,
        "timezone": pack.timezone,
        "countries": list(pack.countries),
        "description": pack.description,
        "pack_version": pack.version,
    }
    conflict = m.Conflict.objects.filter(slug=pack.slug).first()
    if conflict is None:
        conflict = m.Conflict.objects.create(slug=pack.slug, pack_digest=pack.digest, **values)
        outcome.count("created", "conflicts")
    elif any(getattr(conflict, k) != v for k, v in values.items()):
        m.Conflict.objects.filter(pk=conflict.pk).update(pack_digest=pack.digest, **values)
        conflict.refresh_from_db()
        outcome.count("updated", "conflicts")
    return conflict


def conflict_pack_load(*, pack: Pack, models: SimpleNamespace | None = None) -> LoadOutcome:
    """Create or update a conflict with its sides, party tree, aliases and places from a pack.

    Atomic: a pack that fails (an alias owned by another pack's party, a root no pack defines) writes
    nothing.  Idempotent: the second load of the same pack reports "unchanged".
    """
    m = models or real_models()
    outcome = LoadOutcome(conflict=pack.slug)
    with transaction.atomic():
        external_names_check(m, pack)
        conflict = _upsert_conflict(m, pack, outcome)
        parties = parties_load(m, pack, conflict, outcome)
        _load_sides(m, pack, conflict, parties, outcome)
        changed = party_sides_rebuild_all(models=m)
        if changed and not outcome.created.get("conflicts"):
            outcome.count("updated", "party sides", changed)
        places_load(m, pack, outcome)
        if outcome.changed:
            # Readers cache conflicts' sides and zones keyed by this time stamp.
            m.Conflict.objects.filter(pk=conflict.pk).update(updated_at=timezone.now())
    conflict_caches_clear()
    return outcome


def conflict_packs_load(*, packs: Iterable[Pack], models: SimpleNamespace | None = None) -> list[LoadOutcome]:
    """Load several packs in one transaction, in the order given (a pack may use another's parties)."""
    with transaction.atomic():
        return [conflict_pack_load(pack=pack, models=models) for pack in packs]


def conflict_packs_load_shipped(*, names: Iterable[str] | None = None) -> list[LoadOutcome]:
    """Load the packs that ship with factcheck (all, or those whose file stem is in ``names``)."""
    wanted = set(names) if names is not None else None
    paths = [path for path in shipped_pack_paths() if wanted is None or path.stem in wanted]
    return conflict_packs_load(packs=[pack_read(path) for path in paths])
