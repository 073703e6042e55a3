"""Conflict packs: the documented data file a conflict is loaded from (format ``factcheck-conflict-pack/1``).

This module reads and validates a pack into plain values; ``sources.conflicts.conflict_pack_load``
writes them.  No ORM here.  The format is described in ``docs/conflict-packs.md`` and checked with
the JSON Schema ``sources/packs/schema.json`` (structure, unknown keys) plus the rules below (that every
root, opposed side and region exists, that no alias is given twice).  Every error names the file, the
line and the key path, so a pack author can fix it without reading code.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import jsonschema
import yaml

from sources.text import normalize_name

FORMAT = "factcheck-conflict-pack/1"
SHIPPED_PACKS_DIR = Path(__file__).resolve().parent / "packs"
SCHEMA_PATH = SHIPPED_PACKS_DIR / "schema.json"


class PackError(ValueError):
    """A pack that cannot be loaded; the message names the file, the line and the key."""


@dataclass(frozen=True)
class PartySpec:
    name: str
    kind: str
    parent: str | None
    aliases: tuple[str, ...] = ()
    local_aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    description: str = ""
    same_as: str = ""


@dataclass(frozen=True)
class SideSpec:
    slug: str
    label: str
    colour: str
    kind: str
    opposes: tuple[str, ...]
    roots: tuple[str, ...]


@dataclass(frozen=True)
class PlaceSpec:
    name: str
    kind: str
    country: str
    aliases: tuple[str, ...] = ()
    latitude: float | None = None
    longitude: float | None = None
    region: str | None = None


@dataclass(frozen=True)
class Pack:
    """A validated pack: the conflict's fields, its sides, a party tree (parents first) and places."""

    source: str
    version: int
    slug: str
    name: str
    start_date: date | None
    end_date: date | None
    timezone: str
    countries: tuple[str, ...]
    description: str
    sides: tuple[SideSpec, ...]
    parties: tuple[PartySpec, ...]
    places: tuple[PlaceSpec, ...]
    geonames: dict[str, Any] = field(default_factory=dict)
    digest: str = ""


def _schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


# --- YAML with line numbers -------------------------------------------------------------------------


def _construct(node: yaml.Node, path: tuple, lines: dict[tuple, int]) -> Any:
    """Plain Python values from a YAML node, recording the line of every key path."""
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        value: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            if key in value:
                raise PackError(
                    f"line {key_node.start_mark.line + 1}: key {_dotted((*path, key))} is given twice"
                )
            value[key] = _construct(value_node, (*path, key), lines)
        return value
    if isinstance(node, yaml.SequenceNode):
        return [_construct(item, (*path, index), lines) for index, item in enumerate(node.value)]
    return yaml.SafeLoader(" ").construct_object(node) if node.tag != "tag:yaml.org,2002:str" else node.value


def _dotted(path: tuple) -> str:
    parts = []
    for part in path:
        if isinstance(part, int):
            parts.append(f"[{part}]")
        else:
            parts.append(("." if parts else "") + str(part))
    return "".join(parts) or "(top level)"


def _parse(text: str, source: str) -> tuple[Any, dict[tuple, int]]:
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else "somewhere"
        problem = getattr(error, "problem", None) or str(error)
        raise PackError(f"{source}: {where}: not valid YAML ({problem})") from error
    if node is None:
        raise PackError(f"{source}: the file is empty")
    lines: dict[tuple, int] = {}
    try:
        data = _construct(node, (), lines)
    except PackError as error:
        raise PackError(f"{source}: {error}") from error
    except yaml.YAMLError as error:
        raise PackError(f"{source}: not valid YAML ({error})") from error
    return data, lines


class _Errors:
    def __init__(self, source: str, lines: dict[tuple, int]) -> None:
        self.source, self.lines = source, lines

    def fail(self, path: tuple, message: str) -> PackError:
        probe = tuple(path)
        while probe and probe not in self.lines:
            probe = probe[:-1]
        line = self.lines.get(probe)
        where = f"line {line}, " if line else ""
        return PackError(f"{self.source}: {where}{_dotted(path)}: {message}")


# --- reading ----------------------------------------------------------------------------------------


def pack_read(path: Path | str) -> Pack:
    """Read and validate one pack file; raises ``PackError`` naming the file, line and key."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise PackError(f"{path}: cannot be read ({error})") from error
    return pack_parse(text, source=str(path))


def pack_parse(text: str, *, source: str = "<pack>") -> Pack:
    """Validate a pack given as YAML (or JSON) text."""
    data, lines = _parse(text, source)
    errors = _Errors(source, lines)
    if not isinstance(data, dict):
        raise errors.fail(
            (), "a pack is a mapping with the keys format, version, conflict, sides, parties, places"
        )
    validator = jsonschema.Draft202012Validator(_schema())
    problems = sorted(
        validator.iter_errors(data), key=lambda e: (len(e.absolute_path), list(map(str, e.absolute_path)))
    )
    if problems:
        problem = problems[0]
        path, message = tuple(problem.absolute_path), problem.message
        if problem.validator == "additionalProperties" and isinstance(problem.instance, dict):
            allowed = set(problem.schema.get("properties", {}))
            extra = sorted(key for key in problem.instance if key not in allowed)
            path, message = (*path, extra[0]), f"unknown key (allowed here: {', '.join(sorted(allowed))})"
        raise errors.fail(path, message)
    return _semantic(data, errors, source, hashlib.sha256(text.encode("utf-8")).hexdigest())


def _semantic(data: dict[str, Any], errors: _Errors, source: str, digest: str) -> Pack:
    """The checks a JSON Schema cannot make (dates, zones, names and aliases defined once, sides that
    exist), then the pack as plain values."""
    conflict = data["conflict"]
    start, end = _conflict_dates(conflict, errors)
    parties = _party_specs(data["parties"], errors)
    sides = _side_specs(data["sides"], errors)
    places = _place_specs(data.get("places", []), errors)
    return Pack(
        source=source,
        version=data["version"],
        slug=conflict["slug"],
        name=conflict["name"],
        start_date=start,
        end_date=end,
        timezone=conflict["timezone"],
        countries=tuple(conflict.get("countries", [])),
        description=conflict.get("description", "") or "",
        sides=tuple(sides),
        parties=tuple(parties),
        places=tuple(places),
        geonames=dict(data.get("geonames") or {}),
        digest=digest,
    )


def _conflict_dates(conflict: dict[str, Any], errors: _Errors) -> tuple[date | None, date | None]:
    """The conflict's start and end dates, once its time zone and dates are checked."""
    try:
        ZoneInfo(conflict["timezone"])
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise errors.fail(("conflict", "timezone"), f"unknown time zone {conflict['timezone']!r}") from error
    start, end = conflict.get("start_date"), conflict.get("end_date")
    for key, value in (("start_date", start), ("end_date", end)):
        if value is not None and not isinstance(value, date):
            raise errors.fail(("conflict", key), f"{value!r} is not an ISO date (YYYY-MM-DD)")
    if start and end and start > end:
        raise errors.fail(("conflict", "end_date"), "ends before it starts")

    return start, end


class _AliasBook:
    """Which party each folded alias names, per scope (global, local, demonym)."""

    def __init__(self, errors: _Errors) -> None:
        self.errors = errors
        self.paths: dict[tuple[str, str], tuple] = {}
        self.owners: dict[tuple[str, str], str] = {}

    def add(self, alias: str, path: tuple, scope: str, owner: str) -> None:
        """An alias names one party: a second party with the same folded alias is an error (the same
        party spelling it twice, "Al-Hadath" and "Al Hadath", is harmless)."""
        key = (scope, normalize_name(alias))
        if not key[1]:
            raise self.errors.fail(path, f"alias {alias!r} is empty once folded")
        if key in self.paths and self.owners[key] != owner:
            raise self.errors.fail(
                path,
                f"alias {alias!r} is already given to {self.owners[key]!r} at {_dotted(self.paths[key])}",
            )
        self.paths.setdefault(key, path)
        self.owners.setdefault(key, owner)

    def check_local_not_global(self) -> None:
        """A local alias may not be another party's global alias in the same pack."""
        for key, path in self.paths.items():
            other = ("global", key[1])
            if key[0] == "local" and other in self.paths and self.owners[key] != self.owners[other]:
                raise self.errors.fail(path, "is also given as a global alias in this pack")


def _party_spec(item: dict[str, Any], parent: str | None) -> PartySpec:
    return PartySpec(
        name=item["name"],
        kind=item["kind"],
        parent=parent if parent is not None else item.get("parent"),
        aliases=tuple(item.get("aliases", [])),
        local_aliases=tuple(item.get("local_aliases", [])),
        demonyms=tuple(item.get("demonyms", [])),
        description=item.get("description", "") or "",
        same_as=item.get("same_as", "") or "",
    )


def _party_specs(items: list[dict[str, Any]], errors: _Errors) -> list[PartySpec]:
    """The party tree, depth first, each name and alias defined once."""
    parties: list[PartySpec] = []
    book = _AliasBook(errors)
    names: dict[str, tuple] = {}
    external_parents: dict[str, tuple[str, tuple]] = {}

    def walk(items: list[dict[str, Any]], parent: str | None, path: tuple) -> None:
        for index, item in enumerate(items):
            here = (*path, index)
            name = item["name"]
            if name in names:
                raise errors.fail(
                    (*here, "name"), f"party {name!r} is already defined at {_dotted(names[name])}"
                )
            names[name] = (*here, "name")
            if "parent" in item and parent is not None:
                raise errors.fail(
                    (*here, "parent"),
                    f"only a top-level party names its parent; this one sits under {parent!r} already",
                )
            if "parent" in item:
                external_parents[name] = (item["parent"], (*here, "parent"))
            book.add(name, (*here, "name"), "global", name)
            for key, scope in (("aliases", "global"), ("local_aliases", "local"), ("demonyms", "demonym")):
                for number, alias in enumerate(item.get(key, [])):
                    book.add(alias, (*here, key, number), scope, name)
            parties.append(_party_spec(item, parent))
            walk(item.get("children", []), name, (*here, "children"))

    walk(items, None, ("parties",))
    for name, (parent_name, path) in external_parents.items():
        if parent_name == name:
            raise errors.fail(path, "a party cannot be its own parent")
    book.check_local_not_global()
    return parties


def _check_side(side: dict[str, Any], here: tuple, side_slugs: list[str], errors: _Errors) -> None:
    if side_slugs.count(side["slug"]) > 1:
        raise errors.fail((*here, "slug"), f"side {side['slug']!r} is defined twice")
    for number, other in enumerate(side.get("opposes", [])):
        if other not in side_slugs:
            raise errors.fail(
                (*here, "opposes", number), f"opposes side {other!r}, which the pack does not define"
            )
        if other == side["slug"]:
            raise errors.fail((*here, "opposes", number), "a side cannot oppose itself")
    if side.get("kind", "belligerent") == "third_party" and side.get("opposes"):
        raise errors.fail((*here, "opposes"), "a third-party side opposes nobody")


def _side_specs(items: list[dict[str, Any]], errors: _Errors) -> list[SideSpec]:
    """The sides, each defined once, opposing sides that exist, each root party under one side."""
    side_slugs = [side["slug"] for side in items]
    sides = []
    for index, side in enumerate(items):
        _check_side(side, ("sides", index), side_slugs, errors)
        sides.append(
            SideSpec(
                slug=side["slug"],
                label=side["label"],
                colour=side.get("colour", "#7f8c8d"),
                kind=side.get("kind", "belligerent"),
                opposes=tuple(side.get("opposes", [])),
                roots=tuple(side.get("roots", [])),
            )
        )
    root_paths = {}
    for index, side in enumerate(items):
        for number, root in enumerate(side.get("roots", [])):
            if root in root_paths:
                raise errors.fail(
                    ("sides", index, "roots", number), f"{root!r} is already a root of another side"
                )
            root_paths[root] = ("sides", index, "roots", number)
    return sides


def _place_specs(items: list[dict[str, Any]], errors: _Errors) -> list[PlaceSpec]:
    """The places, each (name, country) once, each region a place of the pack in the same country."""
    places = []
    place_names = {(place["name"], place["country"]) for place in items}
    seen_places: set[tuple[str, str]] = set()
    for index, place in enumerate(items):
        here = ("places", index)
        key = (place["name"], place["country"])
        if key in seen_places:
            raise errors.fail(
                (*here, "name"), f"place {place['name']!r} ({place['country']}) is defined twice"
            )
        seen_places.add(key)
        region = place.get("region")
        if region and (region, place["country"]) not in place_names:
            raise errors.fail(
                (*here, "region"), f"region {region!r} is not a place of this pack in {place['country']}"
            )
        places.append(
            PlaceSpec(
                name=place["name"],
                kind=place.get("kind", "town"),
                country=place["country"],
                aliases=tuple(place.get("aliases", [])),
                latitude=place.get("latitude"),
                longitude=place.get("longitude"),
                region=region,
            )
        )
    return places


def shipped_pack_paths() -> list[Path]:
    """The packs that ship with the project, in load order (file name order)."""
    return sorted(SHIPPED_PACKS_DIR.glob("*.yaml"))


def pack_dump(data: dict[str, Any]) -> str:
    """A pack mapping as YAML text, in the key order of the format."""
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=110)
