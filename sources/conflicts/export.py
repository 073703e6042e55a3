"""A conflict written back as a pack mapping: loading it again reproduces the conflict."""

from __future__ import annotations

from typing import Any

from sources.conflict_packs import FORMAT
from sources.conflicts.base import real_models


def _export_places(m, conflict) -> list[dict[str, Any]]:
    """The places in the conflict's countries, as pack entries."""
    places = []
    places_qs = (
        m.Place.objects.filter(country__in=conflict.countries)
        .select_related("region")
        .prefetch_related("aliases")
    )
    for place in places_qs.order_by("id"):
        item = {"name": place.name, "kind": place.kind, "country": place.country}
        names = [a.alias for a in place.aliases.all() if a.alias != place.name]
        if names:
            item["aliases"] = names
        if place.latitude is not None:
            item["latitude"], item["longitude"] = float(place.latitude), float(place.longitude)
        if place.region_id and place.region.country == place.country:
            item["region"] = place.region.name
        places.append(item)
    return places


def _exported_party_ids(all_parties: list, root_ids: set[int], local: dict[int, list[str]]) -> set[int]:
    """The subtrees of the sides' roots, and every party with a local alias with its ancestors."""
    included: set[int] = set()
    for party in all_parties:
        ids = [int(part) for part in party.tree_path.strip("/").split("/") if part]
        if root_ids.intersection(ids) or party.pk in local:
            included.update(ids or [party.pk])
    return included


def _party_tree(
    all_parties: list, included: set[int], aliases: dict[int, list[str]], local: dict[int, list[str]]
) -> list[dict[str, Any]]:
    """The included parties as the pack's nested ``parties`` list (a party whose parent is left out is
    a top-level entry)."""
    children: dict[int | None, list] = {}
    for party in all_parties:
        if party.pk in included:
            parent = party.parent_id if party.parent_id in included else None
            children.setdefault(parent, []).append(party)

    def tree(parent_id):
        items = []
        for party in children.get(parent_id, []):
            item: dict[str, Any] = {"name": party.name, "kind": party.kind}
            for key, value in (
                ("aliases", aliases.get(party.pk)),
                ("local_aliases", local.get(party.pk)),
                ("demonyms", party.demonyms),
                ("description", party.description),
                ("same_as", party.same_as),
            ):
                if value:
                    item[key] = value
            if children.get(party.pk):
                item["children"] = tree(party.pk)
            items.append(item)
        return items

    return tree(None)


def conflict_pack_export(*, conflict) -> dict[str, Any]:
    """A conflict as a pack mapping (``conflict export``): loading it back reproduces the conflict.

    Parties are the subtrees of the sides' roots plus any party with a local alias in the conflict;
    places are those in the conflict's countries.
    """
    m = real_models()
    sides = list(m.ConflictSide.objects.filter(conflict=conflict).prefetch_related("roots", "opposes"))
    root_ids = {root.pk for side in sides for root in side.roots.all()}
    local: dict[int, list[str]] = {}
    for alias in m.PartyAlias.objects.filter(conflict=conflict).order_by("alias"):
        local.setdefault(alias.party_id, []).append(alias.alias)
    all_parties = list(m.Party.objects.order_by("tree_path", "id"))
    by_id = {party.pk: party for party in all_parties}
    included = _exported_party_ids(all_parties, root_ids, local)
    aliases: dict[int, list[str]] = {}
    for alias in m.PartyAlias.objects.filter(conflict__isnull=True, party_id__in=included).order_by("alias"):
        if alias.alias != by_id[alias.party_id].name:
            aliases.setdefault(alias.party_id, []).append(alias.alias)
    places = _export_places(m, conflict)
    return {
        "format": FORMAT,
        "version": conflict.pack_version,
        "conflict": {
            "slug": conflict.slug,
            "name": conflict.name,
            "start_date": conflict.start_date,
            "end_date": conflict.end_date,
            "timezone": conflict.timezone,
            "countries": list(conflict.countries),
            "description": conflict.description,
        },
        "sides": [
            {
                "slug": side.slug,
                "label": side.label,
                "colour": side.colour,
                "kind": side.kind,
                "opposes": sorted(other.slug for other in side.opposes.all()),
                "roots": sorted(root.name for root in side.roots.all()),
            }
            for side in sides
        ],
        "parties": _party_tree(all_parties, included, aliases, local),
        "places": places,
    }
