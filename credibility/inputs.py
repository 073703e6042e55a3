"""What a credibility run reads: the claims that take part, shaped into per-(claim, measure) arrays.

A handful of set-based queries whatever the number of claims (claims, verdicts, resolved
contradictions, parties).  The SQL reads the claims tables directly (on PostgreSQL as packed binary,
three times faster than rows), but every value it compares with comes from the claims models' enums
and the shareable-claims rule from ``claims.selectors``, so the two cannot drift apart.

What takes part (see README "Source credibility"):

- asserting, non-rejected claims with an incident: casualty figures (object: incident, killed or
  wounded, victim group; value: the interval's point: the midpoint when closed, the lower bound when
  open), accusations (object: incident, blame; value: the accused's root party) and control claims
  (object: incident, control; value: the controller's root party);
- any claim with ground truth (a verdict other than unproven, or one side of a resolved
  contradiction), even without an incident, as a fact of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import psycopg
from django.db import connection

from claims.models import (
    ClaimKind,
    ClaimStatus,
    ContradictionKind,
    ContradictionStatus,
    Polarity,
    VerdictRating,
    VictimGroup,
)
from claims.selectors.visibility import CLAIM_SHAREABLE_SQL

# Ground truth from reviewers' verdicts (unproven says nothing).
VERDICT_CONFIDENCE = {
    VerdictRating.ACCURATE: 1.0,
    VerdictRating.MOSTLY_ACCURATE: 0.9,
    VerdictRating.MISLEADING: 0.2,
    VerdictRating.FALSE: 0.0,
}
WHY_INFERRED, WHY_VERDICT, WHY_RESOLUTION = 0, 1, 2
MEASURE_KILLED, MEASURE_WOUNDED, MEASURE_BLAME, MEASURE_CONTROL = 0, 1, 2, 3
# Object keys: incident * 64 + measure * 4 + victim group; a claim that is a fact of its own
# (ground truth without an incident figure) gets claim_id * 64 + 63.
OWN_FACT = 63
_CASUALTY_CODE = 0
_KIND_CODES = {
    ClaimKind.CASUALTY: _CASUALTY_CODE,
    ClaimKind.ACCUSATION: MEASURE_BLAME,
    ClaimKind.CONTROL: MEASURE_CONTROL,
}
_OTHER_KIND = 15
_VICTIM_CODES = {VictimGroup.CIVILIAN: 0, VictimGroup.MILITARY: 1}
_OTHER_VICTIM = 2


def _sql(value: str) -> str:
    """An enum value as an SQL literal (the values are identifiers written in code, never input)."""
    if not value.replace("_", "").isalnum():
        raise ValueError(f"not an enum value: {value!r}")
    return f"'{value}'"


def _case(column: str, codes: dict, default: int) -> str:
    whens = " ".join(f"WHEN {_sql(value)} THEN {code}" for value, code in codes.items())
    return f"CASE {column} {whens} ELSE {default} END"


# What the algorithm reads per claim: every column a non-null BIGINT.
_CLAIM_COLUMNS = (
    "c.id",
    "c.claimant_id",
    "COALESCE(c.relayed_by_id, 0)",
    "COALESCE(c.incident_id, 0)",
    _case("c.kind", _KIND_CODES, _OTHER_KIND),
    _case("c.victim_group", _VICTIM_CODES, _OTHER_VICTIM),
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
# A reviewer's resolution is ground truth; an "update" (the engine records a claimant's own later figure
# as resolved, holding the later one) is not a finding that the earlier figure was false.
_RESOLVED_WHERE = (
    f"status = {_sql(ContradictionStatus.RESOLVED)} AND kind <> {_sql(ContradictionKind.UPDATE)} "
    "AND holding_claim_id IS NOT NULL"
)
_VERDICT_WHERE = f"v.rating <> {_sql(VerdictRating.UNPROVEN)} AND NOT v.withdrawn"
# Only claims that may feed what every caller reads: never a partner's unpublished submission.
_CLAIMS_WHERE = f"""
FROM claims_claim c
WHERE c.polarity = {_sql(Polarity.ASSERTS)} AND c.status <> {_sql(ClaimStatus.REJECTED)} AND {CLAIM_SHAREABLE_SQL} AND (
    (c.incident_id IS NOT NULL AND (
        (c.kind = {_sql(ClaimKind.CASUALTY)} AND (c.killed_min IS NOT NULL OR c.wounded_min IS NOT NULL))
        OR (c.kind = {_sql(ClaimKind.ACCUSATION)} AND c.accused_id IS NOT NULL)
        OR (c.kind = {_sql(ClaimKind.CONTROL)} AND c.controller_id IS NOT NULL)))
    OR c.id IN (SELECT v.claim_id FROM claims_verdict v WHERE {_VERDICT_WHERE})
    OR c.id IN (SELECT claim_a_id FROM claims_contradiction WHERE {_RESOLVED_WHERE})
    OR c.id IN (SELECT claim_b_id FROM claims_contradiction WHERE {_RESOLVED_WHERE}))
"""  # noqa: S608 (enum values and code constants only)
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
_VERDICTS_SQL = f"SELECT v.claim_id, v.rating FROM claims_verdict v WHERE {_VERDICT_WHERE}"  # noqa: S608 (constants)
_RESOLVED_SQL = (
    f"SELECT claim_a_id, claim_b_id, holding_claim_id FROM claims_contradiction WHERE {_RESOLVED_WHERE}"  # noqa: S608 (constants)
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
            row = raw.fetchone()
            if row is not None and row[0]:
                chunks.append(np.frombuffer(row[0], dtype=">i8").astype(np.int64).reshape(-1, width))
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


def _ground_truth(cid: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per claim row: the reviewers' seed (NaN without one) and why (verdict beats inferred, resolution
    beats verdict).  Verdicts count as their rating's confidence; in a resolution the holding claim is
    true and the other false."""
    verdicts = _fetch(_VERDICTS_SQL)
    resolved = _fetch(_RESOLVED_SQL)
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
    return np.where(seed_n > 0, seed_sum / np.maximum(seed_n, 1), np.nan), why


def _root_lookup(root_of: dict[int, int]):
    """A vectorised party id -> root party id (ids the tree does not know map to themselves)."""
    max_root = max(root_of, default=0) + 1
    root = np.arange(max_root + 1, dtype=np.int64)
    if root_of:
        root[np.fromiter(root_of.keys(), dtype=np.int64)] = np.fromiter(root_of.values(), dtype=np.int64)

    def lookup(ids: np.ndarray) -> np.ndarray:
        return np.where((ids > 0) & (ids <= max_root), root[np.clip(ids, 0, max_root)], ids)

    return lookup


def _measure_parts(data: np.ndarray, seeded: np.ndarray, root_of: dict[int, int]) -> list[tuple]:
    """(row mask, measure, victim code, value) for each measure a claim row may answer."""
    cid, _, _, incident, kind, victim, k_lo, k_hi, w_lo, w_hi, accused, controller, _ = data.T
    root_lookup = _root_lookup(root_of)
    in_incident = incident > 0
    killed = in_incident & (kind == _CASUALTY_CODE) & (k_lo >= 0)
    wounded = in_incident & (kind == _CASUALTY_CODE) & (w_lo >= 0)
    blame = in_incident & (kind == MEASURE_BLAME) & (accused > 0)
    control = in_incident & (kind == MEASURE_CONTROL) & (controller > 0)
    own = seeded & ~(killed | wounded | blame | control)
    return [
        (killed, MEASURE_KILLED, victim, _point(k_lo, k_hi)),
        (wounded, MEASURE_WOUNDED, victim, _point(w_lo, w_hi)),
        (blame, MEASURE_BLAME, np.zeros_like(victim), root_lookup(accused)),
        (control, MEASURE_CONTROL, np.zeros_like(victim), root_lookup(controller)),
        (own, OWN_FACT, np.zeros_like(victim), np.zeros_like(cid)),
    ]


def credibility_inputs() -> Inputs:
    """Load what takes part in four set-based queries and shape it into per-(claim, measure) arrays."""
    data = _fetch_claim_matrix()
    root_of = _roots(_fetch(_PARTIES_SQL))
    cid, claimant, relayer, incident, stated = data[:, 0], data[:, 1], data[:, 2], data[:, 3], data[:, 12]
    seed, why = _ground_truth(cid)
    parts = _measure_parts(data, ~np.isnan(seed), root_of)

    def gather(column: np.ndarray) -> np.ndarray:
        return np.concatenate([column[mask] for mask, *_ in parts])

    measure = np.concatenate([np.full(int(mask.sum()), m, dtype=np.int64) for mask, m, _, _ in parts])
    key_base = np.concatenate([np.where(m == OWN_FACT, cid[mask], incident[mask]) for mask, m, _, _ in parts])
    sub = np.concatenate(
        [np.full(int(mask.sum()), OWN_FACT) if m == OWN_FACT else m * 4 + v[mask] for mask, m, v, _ in parts]
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
        incident_id=np.where(measure == OWN_FACT, 0, key_base)[keep],
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
