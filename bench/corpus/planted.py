"""The planted contradictions (round robin over the five kinds) and same-claimant updates."""

from __future__ import annotations

from datetime import datetime, timedelta

from bench.corpus.world import World
from claims.models import ContradictionKind

KINDS = [
    ContradictionKind.CASUALTY_MISMATCH,
    ContradictionKind.CONFLICTING_BLAME,
    ContradictionKind.ACCUSATION_DENIAL,
    ContradictionKind.CONFLICTING_CONTROL,
    ContradictionKind.SELF_REVERSAL,
]


def _control(world: World, az: int, am: int, stated: datetime, window: dict) -> tuple[int, int]:
    """Each side says its own forces hold the place."""
    incident = world.incident(
        kind="capture", place_id=window["place_id"], start=window["event_start"], end=window["event_end"]
    )
    claims = [
        world.claim(
            claimant_id=claimant,
            kind="control",
            stated_at=stated,
            incident_id=incident,
            controller_id=world.forces[side],
            **window,
        )
        for claimant, side in ((az, "az"), (am, "am"))
    ]
    return claims[0], claims[1]


def _loose_denial(world: World, am: int, accused: int, stated: datetime, index: int) -> tuple[int, int]:
    """Ungrouped: no place; the accused (a party of no side) denies for itself."""
    act = f"planted raid {index}"
    a = world.claim(claimant_id=am, kind="accusation", stated_at=stated, accused_id=accused, act=act)
    b = world.claim(claimant_id=accused, kind="denial", stated_at=stated + timedelta(hours=3), act=act)
    return a, b


def _accusation(world: World, claimant: int, accused: str, **common) -> int:
    """``claimant`` blames ``accused``'s forces for shelling homes."""
    return world.claim(
        claimant_id=claimant,
        kind="accusation",
        accused_id=world.forces[accused],
        act="shelling homes",
        **common,
    )


def _in_incident(
    world: World, kind: str, index: int, az: int, am: int, stated: datetime, window: dict
) -> tuple[int, int]:
    """A planted pair about one fresh strike: a casualty mismatch, conflicting blame, an accusation and its
    denial, or a self-reversal."""
    incident = world.incident(
        kind="strike", place_id=window["place_id"], start=window["event_start"], end=window["event_end"]
    )
    common = {"stated_at": stated, "incident_id": incident, **window}
    if kind == ContradictionKind.CASUALTY_MISMATCH:
        if index // len(KINDS) % 2:
            # Opposite numbers: "Bench AZ body 1" vs "Bench AM body 1", one letter apart, yet
            # two speakers on opposing sides, not one name spelt two ways.
            am = world.parties["am"][world.parties["az"].index(az)]
        toll = world.rng.randrange(0, 40)
        a, b = (
            world.claim(
                claimant_id=claimant,
                kind="casualty",
                killed_min=killed,
                killed_max=killed,
                victim_group="civilian",
                **common,
            )
            for claimant, killed in ((az, toll), (am, toll + 5))
        )
        return a, b
    if kind == ContradictionKind.CONFLICTING_BLAME:
        return _accusation(world, am, "az", **common), _accusation(world, az, "am", **common)
    if kind == ContradictionKind.ACCUSATION_DENIAL:
        a = _accusation(world, am, "az", **common)
        return a, world.claim(claimant_id=az, kind="denial", act="never shelled homes", **common)
    a = _accusation(world, am, "az", **common)
    common["stated_at"] = stated + timedelta(days=2)
    return a, _accusation(world, am, "az", polarity="retracts", **common)


def _updates(world: World, count: int) -> None:
    """Same-claimant updates: one speaker raises its own toll for the same strike (never a contradiction)."""
    rng = world.rng
    for _ in range(count):
        start = world.moment()
        place = rng.choice(world.places)
        incident = world.incident(kind="strike", place_id=place, start=start, end=start + timedelta(hours=1))
        who = rng.choice(world.parties["az"] + world.parties["am"])
        common = {
            "claimant_id": who,
            "kind": "casualty",
            "incident_id": incident,
            "place_id": place,
            "event_start": start,
            "event_end": start + timedelta(hours=1),
            "victim_group": "civilian",
        }
        a = world.claim(stated_at=start + timedelta(hours=3), killed_min=4, killed_max=4, **common)
        b = world.claim(stated_at=start + timedelta(hours=20), killed_min=9, killed_max=9, **common)
        world.updates.append((a, b))


def planted_add(world: World, planted: int) -> None:
    """Add ``planted`` contradictions, each in a fresh incident (half the accusation vs denial ones
    without a place), then ``planted // 5`` same-claimant updates."""
    rng = world.rng
    loose_denials = 0
    for index in range(planted):
        kind = KINDS[index % len(KINDS)]
        start = world.moment()
        end = start + timedelta(hours=1)
        stated = end + timedelta(hours=2)
        place = rng.choice(world.places)
        az, am = rng.choice(world.parties["az"]), rng.choice(world.parties["am"])
        window = {"event_start": start, "event_end": end, "place_id": place}
        if kind == ContradictionKind.CONFLICTING_CONTROL:
            a, b = _control(world, az, am, stated, window)
        elif kind == ContradictionKind.ACCUSATION_DENIAL and loose_denials * 2 < index // len(KINDS) + 1:
            loose_denials += 1
            a, b = _loose_denial(world, am, world.planted_units[loose_denials - 1], stated, index)
        else:
            a, b = _in_incident(world, kind, index, az, am, stated, window)
        world.planted.append((min(a, b), max(a, b), str(kind)))
    _updates(world, planted // 5)
