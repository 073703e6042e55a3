"""The background claims: consistent strikes and captures, statements, and claims without a place."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bench.corpus.world import DISAGREEMENT_PLACELESS_SHARE, PLACELESS_SHARE, STATEMENT_SHARE, World

OTHER_SIDE = {"az": "am", "am": "az"}


@dataclass(frozen=True)
class _Event:
    """One strike or capture of the background: when, where, the article reporting it, who is blamed."""

    start: datetime
    end: datetime
    place: int
    article: int | None
    blamed: str

    def where(self) -> dict:
        """The claim fields every claim about the event shares."""
        return {
            "place_id": self.place,
            "event_start": self.start,
            "event_end": self.end,
            "article_id": self.article,
        }


def _placeless(world: World, speakers: list[int]) -> None:
    """A claim without a place (no incident): an accusation or a denial between parties of no side, or,
    in a disagreeing corpus, half the time an accusation the accused unit denies hours later."""
    rng = world.rng
    moment = world.moment()
    if world.disagreement and rng.random() < 0.5:
        # A belligerent blames a unit of no side, which denies it hours later (the ungrouped path).
        unit = rng.choice(world.flat)
        act = "shelling border villages"
        world.claim(
            claimant_id=rng.choice(speakers),
            kind="accusation",
            stated_at=moment,
            accused_id=unit,
            act=act,
        )
        later = moment + timedelta(hours=rng.randrange(1, 12))
        world.claim(claimant_id=unit, kind="denial", stated_at=later, act=f"never {act}")
        return
    accused = rng.choice(world.flat)
    claimant = rng.choice([p for p in world.flat if p != accused][:8] or world.flat)
    if rng.random() < 0.6:
        world.claim(
            claimant_id=rng.choice(speakers),
            kind="accusation",
            stated_at=moment,
            accused_id=accused,
            act="shelling border villages",
        )
    else:
        world.claim(claimant_id=claimant, kind="denial", stated_at=moment, act="firing on positions")


def _statement(world: World, speakers: list[int]) -> None:
    """An everyday statement at a place, about no incident."""
    world.claim(
        claimant_id=world.rng.choice(speakers),
        kind="statement",
        stated_at=world.moment(),
        place_id=world.rng.choice(world.places),
        act="calls for talks",
    )


def _capture(world: World, event: _Event, claimants: list[int]) -> None:
    """A capture every claimant credits to the blamed side's forces."""
    incident = world.incident(
        kind="capture", place_id=event.place, start=event.start, end=event.end + timedelta(days=1)
    )
    for claimant in claimants:
        world.claim(
            claimant_id=claimant,
            kind="control",
            stated_at=event.end + timedelta(hours=world.rng.randrange(1, 20)),
            incident_id=incident,
            controller_id=world.forces[event.blamed],
            **event.where(),
        )


def _strike(world: World, event: _Event, claimants: list[int], side_of: dict[int, str]) -> None:
    """A strike: each claimant gives a toll containing the true one, or blames the same forces (in a
    disagreeing corpus, each side sometimes blames the other or gives its own higher toll)."""
    rng = world.rng
    incident = world.incident(kind="strike", place_id=event.place, start=event.start, end=event.end)
    toll, hurt, group = rng.randrange(0, 40), rng.randrange(0, 80), rng.choice(["civilian", "military"])
    # Realistic disagreement: each side blames the other in a third of the strikes, and gives its
    # own toll (well above the other's) in a third.
    contested = world.disagreement and rng.random() < 1 / 3
    competing = rng.randint(5, 20) if world.disagreement and rng.random() < 1 / 3 else 0
    for claimant in claimants:
        stated = event.end + timedelta(hours=rng.randrange(1, 30))
        common = {"claimant_id": claimant, "stated_at": stated, "incident_id": incident, **event.where()}
        if rng.random() < 0.55:
            low, high = rng.choice([(toll, toll), (max(0, toll - 3), None), (max(0, toll - 2), toll + 3)])
            if competing and side_of.get(claimant) == "am":
                low = high = toll + competing + 3
            wounded = (hurt, hurt) if rng.random() < 0.5 else (None, None)
            world.claim(
                kind="casualty",
                killed_min=low,
                killed_max=high,
                wounded_min=wounded[0],
                wounded_max=wounded[1],
                victim_group=group,
                **common,
            )
        else:
            accused = event.blamed
            if contested and claimant in side_of:
                accused = OTHER_SIDE[side_of[claimant]]
            world.claim(kind="accusation", accused_id=world.forces[accused], act="shelling homes", **common)


def background_add(world: World, n_claims: int) -> None:
    """Add about ``n_claims`` background claims: events of 2 to 8 claims each, with placeless claims and
    statements interleaved so every block of claim ids holds a bit of everything (as real imports do)."""
    rng = world.rng
    speakers = world.parties["az"] + world.parties["am"] + world.parties["third"]
    placeless_target = int(
        n_claims * (DISAGREEMENT_PLACELESS_SHARE if world.disagreement else PLACELESS_SHARE)
    )
    side_of = {party: key for key in ("az", "am") for party in world.parties[key]}
    statement_target = int(n_claims * STATEMENT_SHARE)
    remaining = n_claims - placeless_target - statement_target
    share = (placeless_target + statement_target) / max(1, remaining)
    while remaining > 0:
        while rng.random() < share / (1 + share) * 5 and (placeless_target or statement_target):
            if placeless_target and (not statement_target or rng.random() < 0.1):
                placeless_target -= 1
                _placeless(world, speakers)
            else:
                statement_target -= 1
                _statement(world, speakers)
        size = min(remaining, rng.randint(2, 8))
        remaining -= size
        start = world.moment()
        end = start + timedelta(hours=rng.randrange(4))
        place = rng.choice(world.places)
        blamed = rng.choice(["az", "am"])
        claimants = rng.sample(speakers, size)
        # One report of the event, quoting every claimant.
        event = _Event(start=start, end=end, place=place, article=world.article(), blamed=blamed)
        if rng.random() < 0.15:
            _capture(world, event, claimants)
        else:
            _strike(world, event, claimants, side_of)
    for _ in range(placeless_target):
        _placeless(world, speakers)
    for _ in range(statement_target):
        _statement(world, speakers)
