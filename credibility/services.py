"""Writes for credibility: load the claims set-based, run TruthFinder, upsert the scores that changed.

``credibility_recompute()`` is the whole run: a handful of queries whatever the number of claims
(claims, verdicts, resolved contradictions, parties, the current results), the algorithm in numpy
(``credibility.truthfinder``), then bulk upserts of only the rows whose values changed, all in one
transaction under an advisory lock (PostgreSQL) so two runs never interleave their writes.  A second
run over the same data writes nothing.

``credibility_recompute_soon()`` is what review services call: it enqueues the task after commit,
debounced, so a burst of reviews triggers one run that sees all of them.

What takes part (see README "Source credibility"):

- asserting, non-rejected claims with an incident: casualty figures (object: incident, killed or
  wounded, victim group; value: the interval's point: the midpoint when closed, the lower bound when
  open), accusations (object: incident, blame; value: the accused's root party) and control claims
  (object: incident, control; value: the controller's root party);
- any claim with ground truth (a verdict other than unproven, or one side of a resolved
  contradiction), even without an incident, as a fact of its own;
- independence: a party's group is the root of its tree (a ministry and its spokesperson are one
  witness); a relayed claim is attributed to its claimant, and the relayer gets a score of its own
  (how often what it relays holds up) without adding support.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

import numpy as np
from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone

from claims.models import VerdictRating
from claims.selectors.claims import CLAIM_SHAREABLE_SQL
from claims.services.incidents import lock_block
from credibility import truthfinder as tf
from credibility.models import CredibilityRun, IncidentEstimate, PartyCredibility

logger = logging.getLogger(__name__)

# Ground truth from reviewers' verdicts (unproven says nothing).
VERDICT_CONFIDENCE = {
    VerdictRating.ACCURATE: 1.0,
    VerdictRating.MOSTLY_ACCURATE: 0.9,
    VerdictRating.MISLEADING: 0.2,
    VerdictRating.FALSE: 0.0,
}
WHY_INFERRED, WHY_VERDICT, WHY_RESOLUTION = 0, 1, 2
WHY_WORDS = {WHY_INFERRED: "inferred", WHY_VERDICT: "verdict", WHY_RESOLUTION: "resolution"}
MEASURES = {0: "killed", 1: "wounded", 2: "blame", 3: "control", 63: "reviewed claim"}
VICTIM_CODES = {"civilian": 0, "military": 1, "unspecified": 2}
EXPLANATION_SIZE = 5
RUNS_KEPT = 200
# Object keys: incident * 64 + measure * 4 + victim group; a claim that is a fact of its own
# (ground truth without an incident figure) gets claim_id * 64 + 63.
_OWN_FACT = 63
_LOCK_KEY = 1
RECOMPUTE_LOCK = "credibility:recompute-soon"

# What the algorithm reads per claim: every column a non-null BIGINT.
_CLAIM_COLUMNS = (
    "c.id",
    "c.claimant_id",
    "COALESCE(c.relayed_by_id, 0)",
    "COALESCE(c.incident_id, 0)",
    "CASE c.kind WHEN 'casualty' THEN 0 WHEN 'accusation' THEN 2 WHEN 'control' THEN 3 ELSE 15 END",
    "CASE c.victim_group WHEN 'civilian' THEN 0 WHEN 'military' THEN 1 ELSE 2 END",
    "COALESCE(c.killed_min, -1)",
    "COALESCE(c.killed_max, -1)",
    "COALESCE(c.wounded_min, -1)",
    "COALESCE(c.wounded_max, -1)",
    "COALESCE(c.accused_id, 0)",
    "COALESCE(c.controller_id, 0)",
    "{stated_epoch}",
)
# When the claim was made, in whole seconds: a party's later figure supersedes its earlier one.
_STATED_EPOCH = {
    "postgresql": "EXTRACT(EPOCH FROM c.stated_at)",
    "sqlite": "strftime('%s', c.stated_at)",
}
# Only claims that may feed what every caller reads: never a partner's unpublished submission.
_CLAIMS_WHERE = """
FROM claims_claim c
WHERE c.polarity = 'asserts' AND c.status <> 'rejected' AND {shareable} AND (
    (c.incident_id IS NOT NULL AND (
        (c.kind = 'casualty' AND (c.killed_min IS NOT NULL OR c.wounded_min IS NOT NULL))
        OR (c.kind = 'accusation' AND c.accused_id IS NOT NULL)
        OR (c.kind = 'control' AND c.controller_id IS NOT NULL)))
    OR c.id IN (SELECT v.claim_id FROM claims_verdict v WHERE v.rating <> 'unproven' AND NOT v.withdrawn)
    OR c.id IN (SELECT x.claim_a_id FROM claims_contradiction x
                WHERE x.status = 'resolved' AND x.kind <> 'update' AND x.holding_claim_id IS NOT NULL)
    OR c.id IN (SELECT x.claim_b_id FROM claims_contradiction x
                WHERE x.status = 'resolved' AND x.kind <> 'update' AND x.holding_claim_id IS NOT NULL))
""".replace("{shareable}", CLAIM_SHAREABLE_SQL)
_CLAIMS_SQL = "SELECT " + ", ".join(f"CAST({column} AS BIGINT)" for column in _CLAIM_COLUMNS) + _CLAIMS_WHERE
# PostgreSQL: each id range of claims comes back as ONE bytea of packed big-endian int64s.
_CLAIMS_PACKED_SQL = (
    "SELECT string_agg("
    + " || ".join(f"int8send(CAST({column} AS BIGINT))" for column in _CLAIM_COLUMNS)
    + ", ''::bytea)"
    + _CLAIMS_WHERE
    + " AND c.id >= %s AND c.id < %s"
)
# Claim ids per packed chunk: 4M ids is at most 384 MB of bytea (the limit is 1 GB).
PACKED_CHUNK = 4_000_000
_VERDICTS_SQL = "SELECT claim_id, rating FROM claims_verdict WHERE rating <> 'unproven' AND NOT withdrawn"
# A reviewer's resolution is ground truth; an "update" (the engine records a claimant's own later figure as
# resolved, holding the later one) is not a finding that the earlier figure was false.
_RESOLVED_SQL = (
    "SELECT claim_a_id, claim_b_id, holding_claim_id FROM claims_contradiction "
    "WHERE status = 'resolved' AND kind <> 'update' AND holding_claim_id IS NOT NULL"
)
_PARTIES_SQL = "SELECT id, tree_path FROM sources_party"


@dataclass
class Inputs:
    """One row per (claim, measure): what the algorithm sees, plus what the writers need back."""

    claim_id: np.ndarray
    party_id: np.ndarray
    relayer_id: np.ndarray  # 0 when not relayed
    incident_id: np.ndarray  # 0 when the claim is a fact of its own
    measure: np.ndarray
    object_key: np.ndarray
    value: np.ndarray
    seed: np.ndarray  # NaN without ground truth
    why: np.ndarray
    root_of: dict[int, int]
    claims: int


def _fetch(sql: str) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchall()


def _fetch_claim_matrix() -> np.ndarray:
    """The claims that take part, as an (n, 13) int64 array (columns as in ``_CLAIM_COLUMNS``).

    PostgreSQL: the server packs each range of claim ids into one bytea of big-endian int64s
    (``int8send``) and numpy reads it with ``np.frombuffer``: a million claims in about two seconds,
    three times faster than streaming a million rows (even by COPY) into Python.  One query per
    PACKED_CHUNK claim ids, plus one for the id range.  Other databases: ``fetchall``.
    """
    width = len(_CLAIM_COLUMNS)
    stated_epoch = _STATED_EPOCH.get(connection.vendor, "0")
    if connection.vendor != "postgresql":
        sql = _CLAIMS_SQL.replace("{stated_epoch}", stated_epoch)
        return np.array(_fetch(sql), dtype=np.int64).reshape(-1, width)
    import psycopg

    chunks = []
    with connection.cursor() as cursor:
        cursor.execute("SELECT MIN(id), MAX(id) FROM claims_claim")
        low, high = cursor.fetchone()
    # Django's cursors bind client-side, which has no binary results; this one binds on the server.
    with psycopg.Cursor(connection.connection) as raw:
        for start in range(low or 0, (high or -1) + 1, PACKED_CHUNK):
            raw.execute(
                _CLAIMS_PACKED_SQL.replace("{stated_epoch}", stated_epoch),
                [start, start + PACKED_CHUNK],
                binary=True,
            )
            packed = raw.fetchone()[0]
            if packed:
                chunks.append(np.frombuffer(packed, dtype=">i8").astype(np.int64).reshape(-1, width))
    return np.concatenate(chunks) if chunks else np.empty((0, width), dtype=np.int64)


def _point(low: np.ndarray, high: np.ndarray) -> np.ndarray:
    """A point value per interval: the midpoint when closed, the lower bound when open (max null)."""
    return np.where(high >= 0, (low + np.maximum(high, low)) // 2, low)


def _roots(parties: list[tuple]) -> dict[int, int]:
    """Party id -> root party id, from the materialized path ("/3/17/42/" -> 3)."""
    roots = {}
    for party_id, path in parties:
        head = (path or "").strip("/").split("/", 1)[0]
        roots[party_id] = int(head) if head.isdigit() else party_id
    return roots


def credibility_inputs() -> Inputs:
    """Load what takes part in four set-based queries and shape it into per-(claim, measure) arrays."""
    data = _fetch_claim_matrix()
    verdicts = _fetch(_VERDICTS_SQL)
    resolved = _fetch(_RESOLVED_SQL)
    root_of = _roots(_fetch(_PARTIES_SQL))
    (cid, claimant, relayer, incident, kind, victim, k_lo, k_hi, w_lo, w_hi, accused, controller, stated) = (
        data.T
    )

    # Ground truth per claim: verdicts, then resolutions (the holding claim true, the other false).
    order = np.argsort(cid, kind="stable")
    sorted_ids = cid[order]
    seed_sum = np.zeros(len(cid))
    seed_n = np.zeros(len(cid))
    why = np.zeros(len(cid), dtype=np.int64)

    def add(claim_ids: list[int], values: list[float], reason: int) -> None:
        if not claim_ids:
            return
        ids = np.array(claim_ids, dtype=np.int64)
        pos = np.searchsorted(sorted_ids, ids)
        found = (pos < len(sorted_ids)) & (sorted_ids[np.minimum(pos, len(sorted_ids) - 1)] == ids)
        where = order[pos[found]]
        np.add.at(seed_sum, where, np.array(values)[found])
        np.add.at(seed_n, where, 1)
        np.maximum.at(why, where, reason)

    add([v[0] for v in verdicts], [VERDICT_CONFIDENCE[VerdictRating(v[1])] for v in verdicts], WHY_VERDICT)
    add(
        [c for a, b, _ in resolved for c in (a, b)],
        [1.0 if c == h else 0.0 for a, b, h in resolved for c in (a, b)],
        WHY_RESOLUTION,
    )
    seed = np.where(seed_n > 0, seed_sum / np.maximum(seed_n, 1), np.nan)
    seeded = seed_n > 0

    max_root = max(root_of, default=0) + 1
    root = np.arange(max_root + 1, dtype=np.int64)
    if root_of:
        root[np.fromiter(root_of.keys(), dtype=np.int64)] = np.fromiter(root_of.values(), dtype=np.int64)

    def root_lookup(ids: np.ndarray) -> np.ndarray:
        return np.where((ids > 0) & (ids <= max_root), root[np.clip(ids, 0, max_root)], ids)

    in_incident = incident > 0
    parts = []  # (row mask, measure, victim code, value)
    killed = in_incident & (kind == 0) & (k_lo >= 0)
    parts.append((killed, 0, victim, _point(k_lo, k_hi)))
    wounded = in_incident & (kind == 0) & (w_lo >= 0)
    parts.append((wounded, 1, victim, _point(w_lo, w_hi)))
    blame = in_incident & (kind == 2) & (accused > 0)
    parts.append((blame, 2, np.zeros_like(victim), root_lookup(accused)))
    control = in_incident & (kind == 3) & (controller > 0)
    parts.append((control, 3, np.zeros_like(victim), root_lookup(controller)))
    own = seeded & ~(killed | wounded | blame | control)
    parts.append((own, _OWN_FACT, np.zeros_like(victim), np.zeros_like(cid)))

    def gather(column: np.ndarray) -> np.ndarray:
        return np.concatenate([column[mask] for mask, *_ in parts])

    measure = np.concatenate([np.full(int(mask.sum()), m, dtype=np.int64) for mask, m, _, _ in parts])
    key_base = np.concatenate(
        [np.where(m == _OWN_FACT, cid[mask], incident[mask]) for mask, m, _, _ in parts]
    )
    sub = np.concatenate(
        [
            np.full(int(mask.sum()), _OWN_FACT) if m == _OWN_FACT else m * 4 + v[mask]
            for mask, m, v, _ in parts
        ]
    )
    object_key = key_base * 64 + sub
    party = gather(claimant)
    value = np.concatenate([val[mask] for mask, _, _, val in parts])
    row_seed = gather(seed)
    keep = _current_positions(object_key=object_key, party=party, value=value, stated=gather(stated))
    keep |= ~np.isnan(row_seed)
    return Inputs(
        claim_id=gather(cid)[keep],
        party_id=party[keep],
        relayer_id=gather(relayer)[keep],
        incident_id=np.where(measure == _OWN_FACT, 0, key_base)[keep],
        measure=measure[keep],
        object_key=object_key[keep],
        value=value[keep],
        seed=row_seed[keep],
        why=gather(why)[keep],
        root_of=root_of,
        claims=len(cid),
    )


def _current_positions(
    *, object_key: np.ndarray, party: np.ndarray, value: np.ndarray, stated: np.ndarray
) -> np.ndarray:
    """Rows holding their party's latest answer to their question.

    A party's later figure for the same incident supersedes its earlier one ("the toll rose to 10"):
    the earlier figure is an update, not a claim that turned out wrong, so it neither supports that
    figure nor counts against the party.  Every row with the latest value stays, relays included.
    """
    if len(object_key) == 0:
        return np.zeros(0, dtype=bool)
    order = np.lexsort((-stated, party, object_key))
    sorted_key, sorted_party = object_key[order], party[order]
    first = np.ones(len(order), dtype=bool)
    first[1:] = (sorted_key[1:] != sorted_key[:-1]) | (sorted_party[1:] != sorted_party[:-1])
    group = np.cumsum(first) - 1
    latest_value = value[order][first]
    keep = np.empty(len(order), dtype=bool)
    keep[order] = value[order] == latest_value[group]
    return keep


@dataclass
class Computed:
    """The run's results as plain rows keyed by id, ready to compare with what is stored."""

    parties: dict[
        int, tuple
    ]  # party id -> (score, claims_counted, confirmed, refuted, relayed, relay_score, expl)
    incidents: dict[int, tuple]  # incident id -> (killed, killed_conf, wounded, wounded_conf)
    claims: int
    iterations: int


def _first_per_group(sort_keys: tuple, group: np.ndarray, limit: int) -> np.ndarray:
    """Indexes of the first ``limit`` rows of each group, in the order of ``sort_keys`` (lexsort)."""
    order = np.lexsort((*sort_keys, group))
    grouped = group[order]
    starts = np.flatnonzero(np.r_[True, grouped[1:] != grouped[:-1]]) if len(order) else np.empty(0, int)
    counts = np.diff(np.r_[starts, len(order)])
    rank = np.arange(len(order)) - np.repeat(starts, counts)
    return order[rank < limit]


def credibility_compute(inputs: Inputs) -> Computed:
    """Run TruthFinder over the inputs and shape per-party scores and per-incident estimates."""
    relayed = inputs.relayer_id > 0
    party_ids = np.unique(np.r_[inputs.party_id, inputs.relayer_id[relayed]])
    n_parties = len(party_ids)
    claim_party = np.searchsorted(party_ids, inputs.party_id)
    roots = np.array([inputs.root_of.get(int(p), int(p)) for p in party_ids], dtype=np.int64)
    _, group_of_party = np.unique(roots, return_inverse=True)
    object_keys, claim_object = np.unique(inputs.object_key, return_inverse=True)
    object_measure = object_keys % 64 // 4
    result = tf.truthfinder(
        claim_party=claim_party,
        claim_group=group_of_party.reshape(-1)[claim_party],
        claim_object=claim_object.reshape(-1),
        claim_value=inputs.value,
        claim_seed=inputs.seed,
        object_numeric=object_measure < 2,
        n_parties=n_parties,
    )
    confidence = result.fact_confidence
    n_facts = len(confidence)

    # Ground truth per unit: confirmed or refuted by a reviewer (through any claim of the same figure).
    unit_seed = result.fact_seed[result.unit_fact]
    unit_seeded = ~np.isnan(unit_seed)
    confirmed = np.bincount(result.unit_party[unit_seeded & (unit_seed >= 0.5)], minlength=n_parties)
    refuted = np.bincount(result.unit_party[unit_seeded & (unit_seed < 0.5)], minlength=n_parties)

    # Relayers: how often what they pass on holds up; one per distinct (relayer, fact), no support added.
    relay_party = np.searchsorted(party_ids, inputs.relayer_id[relayed])
    relay_units = np.unique(result.claim_fact[relayed] * max(n_parties, 1) + relay_party)
    relay_fact, relay_of = relay_units // max(n_parties, 1), relay_units % max(n_parties, 1)
    relayed_counted = np.bincount(relay_of, minlength=n_parties)
    relay_score = (
        np.bincount(relay_of, confidence[relay_fact], minlength=n_parties) + tf.SMOOTHING * tf.PRIOR
    ) / (relayed_counted + tf.SMOOTHING)

    # Explanations: per party, ground-truth units first, then the units that moved the score most.
    fact_why = np.zeros(n_facts, dtype=np.int64)
    np.maximum.at(fact_why, result.claim_fact, inputs.why)
    rep_key = np.where(inputs.why > 0, inputs.claim_id, inputs.claim_id + (1 << 40))
    unit_rep = np.full(len(result.unit_party), np.iinfo(np.int64).max)
    np.minimum.at(unit_rep, result.claim_unit, rep_key)
    unit_rep = unit_rep & ((1 << 40) - 1)
    effect = result.unit_effect()
    kept = _first_per_group((-np.abs(effect), ~unit_seeded), result.unit_party, EXPLANATION_SIZE)
    fact_row = np.zeros(n_facts, dtype=np.int64)
    fact_row[result.claim_fact] = np.arange(len(result.claim_fact))
    explanations: dict[int, list] = {}
    for u in kept.tolist():
        fact = int(result.unit_fact[u])
        row = int(fact_row[fact])
        measure = int(inputs.measure[row])
        explanations.setdefault(int(result.unit_party[u]), []).append(
            {
                "claim": int(unit_rep[u]),
                "incident": int(inputs.incident_id[row]) or None,
                "measure": MEASURES[measure],
                "value": int(result.fact_value[fact]) if measure != _OWN_FACT else None,
                "confidence": round(float(confidence[fact]), 4),
                "effect": round(float(effect[u]), 4),
                "why": WHY_WORDS[int(fact_why[fact])] if unit_seeded[u] else "inferred",
            }
        )
    parties = {}
    for index, party_id in enumerate(party_ids.tolist()):
        parties[party_id] = (
            round(float(result.trust[index]), 4),
            int(result.units[index]),
            int(confirmed[index]),
            int(refuted[index]),
            int(relayed_counted[index]),
            round(float(relay_score[index]), 4) if relayed_counted[index] else None,
            explanations.get(index, []),
        )
    return Computed(
        parties=parties,
        incidents=_incident_estimates(inputs, result, claim_object.reshape(-1), object_measure),
        claims=inputs.claims,
        iterations=result.iterations,
    )


def _incident_estimates(
    inputs: Inputs, result: tf.Result, claim_object: np.ndarray, object_measure: np.ndarray
) -> dict[int, tuple]:
    """Per incident and measure, the most likely figure of its best-supported victim group."""
    n_objects = len(object_measure)
    object_incident = np.zeros(n_objects, dtype=np.int64)
    object_incident[claim_object] = inputs.incident_id
    support = np.bincount(result.fact_object[result.unit_fact], minlength=n_objects)
    figures = np.flatnonzero((object_measure < 2) & (object_incident > 0) & (result.likely_fact >= 0))
    group = object_incident[figures] * 2 + object_measure[figures]
    best = figures[_first_per_group((figures, -support[figures]), group, 1)]
    incidents = np.unique(object_incident[best])
    columns = []
    for measure in (0, 1):
        chosen = best[object_measure[best] == measure]
        facts = result.likely_fact[chosen]
        at = np.searchsorted(incidents, object_incident[chosen])
        value = np.full(len(incidents), None, dtype=object)
        confidence = np.full(len(incidents), None, dtype=object)
        value[at] = np.maximum(result.fact_value[facts], 0).tolist()
        confidence[at] = np.round(result.fact_confidence[facts], 4).tolist()
        columns += [value.tolist(), confidence.tolist()]
    return dict(zip(incidents.tolist(), zip(*columns, strict=True), strict=True))


PARTY_FIELDS = (
    "score",
    "claims_counted",
    "confirmed",
    "refuted",
    "relayed_counted",
    "relay_score",
    "explanation",
)
INCIDENT_FIELDS = ("killed_likely", "killed_confidence", "wounded_likely", "wounded_confidence")


STREAM_THRESHOLD = 2000


def _write(
    model, key: str, fields: tuple[str, ...], rows: dict[int, tuple], now, *, stream: bool = False
) -> int:
    """Upsert the rows whose values changed and delete the rows no longer computed; returns the changes.

    ``stream``: on PostgreSQL, more than STREAM_THRESHOLD changed rows go through COPY into a temporary
    table and one INSERT ... ON CONFLICT DO UPDATE (plain columns only, no JSON).
    """
    existing = {row[0]: tuple(row[1:]) for row in model.objects.values_list("pk", *fields)}
    changed = [(pk, values) for pk, values in rows.items() if existing.get(pk) != values]
    if stream and connection.vendor == "postgresql" and len(changed) > STREAM_THRESHOLD:
        _copy_upsert(model, f"{key}_id", fields, changed, now)
    elif changed:
        model.objects.bulk_create(
            [
                model(**{f"{key}_id": pk, "computed_at": now, **dict(zip(fields, values, strict=True))})
                for pk, values in changed
            ],
            batch_size=2000,
            update_conflicts=True,
            unique_fields=[key],
            update_fields=[*fields, "computed_at"],
        )
    stale = [pk for pk in existing if pk not in rows]
    if stale:
        model.objects.filter(pk__in=stale).delete()
    return len(changed) + len(stale)


def _copy_upsert(
    model, pk_column: str, fields: tuple[str, ...], changed: list[tuple[int, tuple]], now
) -> None:
    """PostgreSQL: COPY the changed rows into a temporary table, then upsert them in one statement."""
    table = model._meta.db_table
    columns = [pk_column, *fields, "computed_at"]
    names = ", ".join(columns)
    updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in columns[1:])
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TEMPORARY TABLE _credibility_upsert (LIKE {table}) ON COMMIT DROP")
        with cursor.cursor.copy(f"COPY _credibility_upsert ({names}) FROM STDIN") as copy:
            for pk, values in changed:
                copy.write_row((pk, *values, now))
        upsert = f"INSERT INTO {table} ({names}) SELECT {names} FROM _credibility_upsert "  # noqa: S608 (model names)
        cursor.execute(f"{upsert}ON CONFLICT ({pk_column}) DO UPDATE SET {updates}")
        cursor.execute("DROP TABLE _credibility_upsert")


@transaction.atomic
def credibility_recompute() -> CredibilityRun:
    """Recompute every party's credibility and every incident's most likely figure; idempotent.

    Serialised by an advisory lock (PostgreSQL): a second run waits, then reads what the first wrote
    and any reviews since.  Only rows whose values changed are written (their ``computed_at`` is the
    time of this run); the run is logged as a ``CredibilityRun``.
    """
    lock_block("credibility", _LOCK_KEY)
    started = timezone.now()
    clock = time.perf_counter()
    inputs = credibility_inputs()
    loaded = time.perf_counter()
    computed = credibility_compute(inputs)
    done = time.perf_counter()
    changed = _write(PartyCredibility, "party", PARTY_FIELDS, computed.parties, started)
    changed += _write(IncidentEstimate, "incident", INCIDENT_FIELDS, computed.incidents, started, stream=True)
    written = time.perf_counter()
    run = CredibilityRun.objects.create(
        started_at=started,
        finished_at=timezone.now(),
        claims=computed.claims,
        parties=len(computed.parties),
        incidents=len(computed.incidents),
        iterations=computed.iterations,
        seconds=round(written - clock, 3),
        load_seconds=round(loaded - clock, 3),
        compute_seconds=round(done - loaded, 3),
        write_seconds=round(written - done, 3),
        changed=changed,
    )
    old = CredibilityRun.objects.order_by("-started_at", "-id").values_list("pk", flat=True)[
        RUNS_KEPT : RUNS_KEPT + 1
    ]
    if old:
        CredibilityRun.objects.filter(pk__lte=old[0]).delete()
    logger.info(
        "credibility: %s claims, %s iterations, %s rows changed", computed.claims, run.iterations, changed
    )
    return run


def credibility_recompute_soon() -> None:
    """Schedule a recompute after the current transaction commits, at most one per debounce window.

    Review services call this once per decision.  The first call in a window adds a cache key and
    enqueues the task with a countdown of the window; later calls in the window find the key and do
    nothing: the run, when it starts, reads every review committed meanwhile.
    """
    delay = settings.CREDIBILITY_RECOMPUTE_DELAY

    def _send() -> None:
        if not cache.add(RECOMPUTE_LOCK, 1, timeout=max(delay, 1)):
            return
        from credibility.tasks import recompute_credibility  # tasks import the services

        recompute_credibility.apply_async(countdown=delay)

    transaction.on_commit(_send, robust=True)
