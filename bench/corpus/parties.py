"""The corpus's conflict and party trees: two belligerents, observers and parties of no side."""

from __future__ import annotations

from sources.conflicts import party_sides_rebuild
from sources.models import Conflict, ConflictSide, Party


def parties_make(
    run: str, using: str, planted: int
) -> tuple[dict[str, list[int]], dict[str, int], list[int], list[int], int]:
    """A bench conflict with two opposing sides and observers: two belligerent trees (state -> 4 bodies
    -> 2 officials each, plus forces), observers, flat parties with no side; returns the conflict id last.

    Each planted ungrouped accusation vs denial gets its own flat party, so planted cases never meet.
    """
    parties: dict[str, list[int]] = {"az": [], "am": [], "third": [], "none": []}
    forces: dict[str, int] = {}

    conflict = Conflict.objects.using(using).create(
        slug=f"bench-{run}", name=f"Bench war {run}", timezone="UTC"
    )
    sides = {
        slug: ConflictSide.objects.using(using).create(conflict=conflict, slug=slug, label=slug, kind=kind)
        for slug, kind in (("az", "belligerent"), ("am", "belligerent"), ("third", "third_party"))
    }
    sides["az"].opposes.add(sides["am"])
    side_of = {"azerbaijan": "az", "armenia": "am", "third_party": "third"}

    def create(name: str, side: str, parent: Party | None, kind: str = "ministry") -> Party:
        party = Party.objects.using(using).create(name=f"{name} {run}", parent=parent, kind=kind)
        party.tree_path = f"{parent.tree_path if parent else '/'}{party.pk}/"
        Party.objects.using(using).filter(pk=party.pk).update(tree_path=party.tree_path)
        if parent is None and side in side_of:
            sides[side_of[side]].roots.add(party)
        return party

    for key, side in (("az", "azerbaijan"), ("am", "armenia")):
        state = create(f"Bench {key.upper()} state", side, None, "state")
        parties[key].append(state.pk)
        for body in range(4):
            ministry = create(f"Bench {key.upper()} body {body}", side, state)
            parties[key].append(ministry.pk)
            for official in range(2):
                parties[key].append(
                    create(f"Bench {key.upper()} official {body}.{official}", side, ministry, "official").pk
                )
        forces[key] = create(f"Bench {key.upper()} forces", side, state, "armed_force").pk
    for index in range(6):
        parties["third"].append(create(f"Bench observer {index}", "third_party", None, "organisation").pk)
    flat = [create(f"Bench unit {index}", "unknown", None, "other").pk for index in range(40)]
    parties["none"] = flat
    units = [
        create(f"Bench planted unit {index}", "unknown", None, "other").pk
        for index in range(planted // 10 + 1)
    ]
    party_sides_rebuild(conflict=conflict)
    return parties, forces, flat, units, conflict.pk
