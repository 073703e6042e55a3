"""A reusable synthetic corpus for benchmarks and fault tests: parties, places, outlets, articles,
incidents and claims, with a known set of planted contradictions.

    from bench.corpus import generate_corpus
    corpus = generate_corpus(100_000, seed=1, planted=500)

Signature (kept stable; other benchmarks import it)::

    generate_corpus(n_claims: int, *, seed: int = 1, planted: int = 100, using: str = "default") -> dict

It adds to whatever the database holds (new names carry a run tag, ids continue after the current
maximum) and writes with PostgreSQL ``COPY`` through psycopg (``bulk_create`` on other databases).
Claims are left unchecked (``checked_at`` null), incidents without cached figures: run the engine.

The background is consistent by construction: within an incident every casualty figure contains the
true toll, every accusation blames the same party, every control claim names the same controller,
claimants are distinct, nobody retracts; an incident's claims come from one article of their own (an
article is about one event: the engine reads a placeless accusation or denial as answering its
article's one incident), and every claim outside an incident has an article of its own.  Claims
without a place (no incident) accuse or deny on behalf of parties with no side that never answer each
other.  Then ``planted`` contradictions are added, spread over the five kinds (round robin), each in a
fresh incident (half the accusation vs denial ones without a place, on the ungrouped path; every other
casualty mismatch between opposite numbers whose names are one letter apart, "AZ" / "AM"), plus
``planted // 5`` same-claimant updates (near-misses that must be recorded as ``update``, never as
contradictions).

``disagreement=True`` (the realistic corpus) makes the background disagree as coverage of a war does:
in a third of the strikes each side blames the other's forces, in a third the Armenian-side sources
give a toll well above the others', and 2 % of the claims have no incident (spread over the ids),
half of them accusations that the accused unit denies hours later.  Those background contradictions
are real findings, not planted ones: only the planted set is known in advance.

Returns a dict::

    {
      "run": "r17",                       # tag in every generated name
      "claims": n_claims, "incidents": int, "articles": int, "parties": int, "places": int,
      "claim_ids": (first_id, last_id),   # the new claims' id range
      "planted": [(claim_a_id, claim_b_id, kind), ...],   # a < b, the contradictions to expect
      "updates": [(claim_a_id, claim_b_id), ...],         # same-claimant updates to expect
      "party_ids": {"az": [...], "am": [...], "third": [...], "none": [...]},
      "place_ids": [...],
    }
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from django.db import connections, transaction
from django.utils import timezone

from claims.models import Claim, ContradictionKind, Incident
from sources.conflicts import party_sides_rebuild
from sources.models import Article, Conflict, ConflictSide, Outlet, Party, Place

WAR_START = datetime(2020, 9, 27, tzinfo=UTC)
WAR_DAYS = 44
PLACELESS_SHARE = 0.002
DISAGREEMENT_PLACELESS_SHARE = 0.02
STATEMENT_SHARE = 0.05

CLAIM_COLUMNS = [str(f.column) for f in Claim._meta.concrete_fields]
INCIDENT_COLUMNS = [str(f.column) for f in Incident._meta.concrete_fields]
ARTICLE_COLUMNS = [str(f.column) for f in Article._meta.concrete_fields]


@dataclass
class _World:
    rng: random.Random
    run: str
    now: datetime
    parties: dict[str, list[int]]
    forces: dict[str, int]
    flat: list[int]
    planted_units: list[int]
    places: list[int]
    articles: list[int]
    next_claim: int
    next_incident: int
    conflict_id: int | None = None
    used_articles: int = 0
    disagreement: bool = False
    claims: list[tuple] = field(default_factory=list)
    incidents: list[tuple] = field(default_factory=list)
    planted: list[tuple[int, int, str]] = field(default_factory=list)
    updates: list[tuple[int, int]] = field(default_factory=list)

    def claim(self, **values: Any) -> int:
        claim_id = self.next_claim
        self.next_claim += 1
        row = {
            "id": claim_id,
            "article_id": None,
            "quote": "",
            "quote_start": None,
            "quote_end": None,
            "relayed_by_id": None,
            "polarity": "asserts",
            "incident_id": None,
            "conflict_id": self.conflict_id,
            "place_id": None,
            "event_start": None,
            "event_end": None,
            "killed_min": None,
            "killed_max": None,
            "wounded_min": None,
            "wounded_max": None,
            "displaced_min": None,
            "displaced_max": None,
            "missing_min": None,
            "missing_max": None,
            "victim_group": "unspecified",
            "accused_id": None,
            "act": "",
            "controller_id": None,
            "status": "pending",
            "origin": "extractor",
            "submitted_by_id": None,
            "reviewed_by_id": None,
            "reviewed_at": None,
            "changed_at": self.now,
            "checked_at": None,
            "created_at": self.now,
            "updated_at": self.now,
        }
        row.update(values)
        if "article_id" not in values:
            row["article_id"] = self.article()
        self.claims.append(tuple(row[column] for column in CLAIM_COLUMNS))
        return claim_id

    def incident(self, *, kind: str, place_id: int, start: datetime, end: datetime) -> int:
        incident_id = self.next_incident
        self.next_incident += 1
        row = {
            "id": incident_id,
            "title": f"{kind} {incident_id} {self.run}",
            "conflict_id": self.conflict_id,
            "kind": kind,
            "place_id": place_id,
            "window_start": start,
            "window_end": end,
            "grade": "weak",
            "killed_low": None,
            "killed_high": None,
            "wounded_low": None,
            "wounded_high": None,
            "published_grade": "weak",
            "published_killed_low": None,
            "published_killed_high": None,
            "published_wounded_low": None,
            "published_wounded_high": None,
            "merged_into_id": None,
            "created_at": self.now,
            "updated_at": self.now,
        }
        self.incidents.append(tuple(row[column] for column in INCIDENT_COLUMNS))
        return incident_id

    def article(self) -> int | None:
        """A fresh article (articles are about one event: claims of unrelated events never share one,
        or the engine would rightly read a placeless denial as answering its article's incident)."""
        if self.used_articles >= len(self.articles):
            return None
        self.used_articles += 1
        return self.articles[self.used_articles - 1]

    def moment(self) -> datetime:
        return WAR_START + timedelta(days=self.rng.randrange(WAR_DAYS), hours=self.rng.randrange(24))


def _max_id(model, using: str) -> int:
    last = model.objects.using(using).order_by("-pk").values_list("pk", flat=True).first()
    return last or 0


def _make_parties(
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


def _background(world: _World, n_claims: int) -> None:
    rng = world.rng
    speakers = world.parties["az"] + world.parties["am"] + world.parties["third"]
    placeless_target = int(
        n_claims * (DISAGREEMENT_PLACELESS_SHARE if world.disagreement else PLACELESS_SHARE)
    )
    side_of = {party: key for key in ("az", "am") for party in world.parties[key]}
    other_side = {"az": "am", "am": "az"}
    statement_target = int(n_claims * STATEMENT_SHARE)

    def placeless() -> None:
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

    def statement() -> None:
        world.claim(
            claimant_id=rng.choice(speakers),
            kind="statement",
            stated_at=world.moment(),
            place_id=rng.choice(world.places),
            act="calls for talks",
        )

    remaining = n_claims - placeless_target - statement_target
    # Interleaved, so every block of claim ids holds a bit of everything (as real imports do).
    share = (placeless_target + statement_target) / max(1, remaining)
    while remaining > 0:
        while rng.random() < share / (1 + share) * 5 and (placeless_target or statement_target):
            if placeless_target and (not statement_target or rng.random() < 0.1):
                placeless_target -= 1
                placeless()
            else:
                statement_target -= 1
                statement()
        size = min(remaining, rng.randint(2, 8))
        remaining -= size
        start = world.moment()
        end = start + timedelta(hours=rng.randrange(4))
        place = rng.choice(world.places)
        blamed = rng.choice(["az", "am"])
        claimants = rng.sample(speakers, size)
        article = world.article()  # one report of the event, quoting every claimant
        if rng.random() < 0.15:
            incident = world.incident(
                kind="capture", place_id=place, start=start, end=end + timedelta(days=1)
            )
            for claimant in claimants:
                world.claim(
                    claimant_id=claimant,
                    kind="control",
                    stated_at=end + timedelta(hours=rng.randrange(1, 20)),
                    incident_id=incident,
                    place_id=place,
                    event_start=start,
                    event_end=end,
                    article_id=article,
                    controller_id=world.forces[blamed],
                )
            continue
        incident = world.incident(kind="strike", place_id=place, start=start, end=end)
        toll, hurt, group = rng.randrange(0, 40), rng.randrange(0, 80), rng.choice(["civilian", "military"])
        # Realistic disagreement: each side blames the other in a third of the strikes, and gives its
        # own toll (well above the other's) in a third.
        contested = world.disagreement and rng.random() < 1 / 3
        competing = rng.randint(5, 20) if world.disagreement and rng.random() < 1 / 3 else 0
        for claimant in claimants:
            stated = end + timedelta(hours=rng.randrange(1, 30))
            common = {
                "claimant_id": claimant,
                "stated_at": stated,
                "incident_id": incident,
                "place_id": place,
                "event_start": start,
                "event_end": end,
                "article_id": article,
            }
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
                accused = blamed
                if contested and claimant in side_of:
                    accused = other_side[side_of[claimant]]
                world.claim(
                    kind="accusation", accused_id=world.forces[accused], act="shelling homes", **common
                )

    for _ in range(placeless_target):
        placeless()
    for _ in range(statement_target):
        statement()


def _plant(world: _World, planted: int) -> None:
    rng = world.rng
    kinds = [
        ContradictionKind.CASUALTY_MISMATCH,
        ContradictionKind.CONFLICTING_BLAME,
        ContradictionKind.ACCUSATION_DENIAL,
        ContradictionKind.CONFLICTING_CONTROL,
        ContradictionKind.SELF_REVERSAL,
    ]
    loose_denials = 0
    for index in range(planted):
        kind = kinds[index % len(kinds)]
        start = world.moment()
        end = start + timedelta(hours=1)
        stated = end + timedelta(hours=2)
        place = rng.choice(world.places)
        az, am = rng.choice(world.parties["az"]), rng.choice(world.parties["am"])
        window = {"event_start": start, "event_end": end, "place_id": place}
        if kind == ContradictionKind.CONFLICTING_CONTROL:
            incident = world.incident(kind="capture", place_id=place, start=start, end=end)
            a = world.claim(
                claimant_id=az,
                kind="control",
                stated_at=stated,
                incident_id=incident,
                controller_id=world.forces["az"],
                **window,
            )
            b = world.claim(
                claimant_id=am,
                kind="control",
                stated_at=stated,
                incident_id=incident,
                controller_id=world.forces["am"],
                **window,
            )
        elif kind == ContradictionKind.ACCUSATION_DENIAL and loose_denials * 2 < index // len(kinds) + 1:
            # Ungrouped: no place; the accused (a party of no side) denies for itself.
            loose_denials += 1
            accused = world.planted_units[loose_denials - 1]
            a = world.claim(
                claimant_id=am,
                kind="accusation",
                stated_at=stated,
                accused_id=accused,
                act=f"planted raid {index}",
            )
            b = world.claim(
                claimant_id=accused,
                kind="denial",
                stated_at=stated + timedelta(hours=3),
                act=f"planted raid {index}",
            )
        else:
            incident = world.incident(kind="strike", place_id=place, start=start, end=end)
            common = {"stated_at": stated, "incident_id": incident, **window}
            if kind == ContradictionKind.CASUALTY_MISMATCH:
                if index // len(kinds) % 2:
                    # Opposite numbers: "Bench AZ body 1" vs "Bench AM body 1", one letter apart, yet
                    # two speakers on opposing sides, not one name spelt two ways.
                    am = world.parties["am"][world.parties["az"].index(az)]
                toll = rng.randrange(0, 40)
                a = world.claim(
                    claimant_id=az,
                    kind="casualty",
                    killed_min=toll,
                    killed_max=toll,
                    victim_group="civilian",
                    **common,
                )
                b = world.claim(
                    claimant_id=am,
                    kind="casualty",
                    killed_min=toll + 5,
                    killed_max=toll + 5,
                    victim_group="civilian",
                    **common,
                )
            elif kind == ContradictionKind.CONFLICTING_BLAME:
                a = world.claim(
                    claimant_id=am,
                    kind="accusation",
                    accused_id=world.forces["az"],
                    act="shelling homes",
                    **common,
                )
                b = world.claim(
                    claimant_id=az,
                    kind="accusation",
                    accused_id=world.forces["am"],
                    act="shelling homes",
                    **common,
                )
            elif kind == ContradictionKind.ACCUSATION_DENIAL:
                a = world.claim(
                    claimant_id=am,
                    kind="accusation",
                    accused_id=world.forces["az"],
                    act="shelling homes",
                    **common,
                )
                b = world.claim(claimant_id=az, kind="denial", act="never shelled homes", **common)
            else:
                a = world.claim(
                    claimant_id=am,
                    kind="accusation",
                    accused_id=world.forces["az"],
                    act="shelling homes",
                    **common,
                )
                common["stated_at"] = stated + timedelta(days=2)
                b = world.claim(
                    claimant_id=am,
                    kind="accusation",
                    polarity="retracts",
                    accused_id=world.forces["az"],
                    act="shelling homes",
                    **common,
                )
        world.planted.append((min(a, b), max(a, b), str(kind)))
    for _ in range(planted // 5):
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


def _articles(
    rng: random.Random, run: str, count: int, now: datetime, using: str, conflict_id: int | None = None
) -> tuple[list[int], list[tuple]]:
    outlets = [
        Outlet.objects.using(using)
        .create(name=f"Bench outlet {index} {run}", domain=f"outlet{index}.{run}.example")
        .pk
        for index in range(20)
    ]
    first = _max_id(Article, using) + 1
    rows = []
    for offset in range(count):
        article_id = first + offset
        body = (
            f"Bench article {article_id} ({run}): officials gave figures for a strike; others disputed them."
        )
        row = {
            "id": article_id,
            "url": f"https://{run}.bench.example/articles/{article_id}",
            "title": f"Bench article {article_id}",
            "outlet_id": rng.choice(outlets),
            "published_at": WAR_START + timedelta(hours=rng.randrange(WAR_DAYS * 24)),
            "published_at_source": "given",
            "language": "en",
            "body": body,
            "content_hash": hashlib.sha256(body.encode()).hexdigest(),
            "status": "extracted",
            "status_message": "",
            "conflict_id": conflict_id,
            "conflict_needs_review": False,
            "submitted_by_id": None,
            "created_at": now,
            "updated_at": now,
        }
        rows.append(tuple(row[column] for column in ARTICLE_COLUMNS))
    return [first + offset for offset in range(count)], rows


def _write(model, columns: list[str], rows: list[tuple], using: str) -> None:
    connection = connections[using]
    table = model._meta.db_table
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # The rows are consistent by construction: skip the per-row deferred foreign-key triggers,
            # which would otherwise queue millions of checks until commit (needs a superuser; else
            # the checks simply run).
            cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
            if cursor.fetchone()[0]:
                cursor.execute("SET LOCAL session_replication_role = replica")
            raw = cursor.cursor
            with raw.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"
            )
    else:
        fields = {str(f.column): f.attname for f in model._meta.concrete_fields}
        objects = [model(**{fields[c]: v for c, v in zip(columns, row, strict=True)}) for row in rows]
        model.objects.using(using).bulk_create(objects, batch_size=2000)


def generate_corpus(
    n_claims: int, *, seed: int = 1, planted: int = 100, using: str = "default", disagreement: bool = False
) -> dict:
    """Fill the database with ``n_claims`` background claims plus the planted cases (see the module doc);
    ``disagreement`` makes the background disagree as real coverage does (see the module doc)."""
    rng = random.Random(seed)
    run = f"r{_max_id(Party, using) + 1}"
    now = timezone.now()
    with transaction.atomic(using=using):
        parties, forces, flat, units, conflict_id = _make_parties(run, using, planted)
        place_first = _max_id(Place, using) + 1
        Place.objects.using(using).bulk_create([Place(name=f"Bench place {i} {run}") for i in range(300)])
        places = list(
            Place.objects.using(using)
            .filter(pk__gte=place_first, name__endswith=f" {run}")
            .values_list("pk", flat=True)
        )
        article_ids, article_rows = _articles(
            rng, run, n_claims * 3 // 10 + 3 * planted + 10, now, using, conflict_id
        )
        _write(Article, ARTICLE_COLUMNS, article_rows, using)
        world = _World(
            rng=rng,
            run=run,
            now=now,
            parties=parties,
            forces=forces,
            flat=flat,
            planted_units=units,
            places=places,
            articles=article_ids,
            next_claim=_max_id(Claim, using) + 1,
            next_incident=_max_id(Incident, using) + 1,
            conflict_id=conflict_id,
            disagreement=disagreement,
        )
        first_claim = world.next_claim
        _background(world, n_claims)
        _plant(world, planted)
        _write(Incident, INCIDENT_COLUMNS, world.incidents, using)
        _write(Claim, CLAIM_COLUMNS, world.claims, using)
    if connections[using].vendor == "postgresql":
        with connections[using].cursor() as cursor:
            cursor.execute("ANALYZE claims_claim; ANALYZE claims_incident; ANALYZE claims_contradiction")
    return {
        "run": run,
        "claims": len(world.claims),
        "incidents": len(world.incidents),
        "articles": len(article_rows),
        "parties": sum(len(ids) for ids in parties.values()) + len(forces),
        "places": len(places),
        "claim_ids": (first_claim, world.next_claim - 1),
        "planted": world.planted,
        "updates": world.updates,
        "party_ids": parties,
        "place_ids": places,
    }
