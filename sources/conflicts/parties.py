"""A pack's party tree: parties created or updated by name, tree paths rewritten, aliases checked."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from sources.conflict_packs import Pack, PackError
from sources.conflicts.base import LoadOutcome
from sources.text import normalize_name


def external_parents(pack: Pack) -> set[str]:
    """Parents the pack names but does not define: they must exist already (from another pack)."""
    defined = {party.name for party in pack.parties}
    return {party.parent for party in pack.parties if party.parent and party.parent not in defined}


def external_roots(pack: Pack) -> set[str]:
    """Side roots the pack names but does not define: they must exist already (from another pack)."""
    defined = {party.name for party in pack.parties}
    return {root for side in pack.sides for root in side.roots if root not in defined}


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


def external_names_check(m, pack: Pack) -> None:
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


def parties_load(m, pack: Pack, conflict, outcome: LoadOutcome) -> dict[str, Any]:
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
