"""Reads for the full rescan: the candidate pairs of one block, in one SQL statement.

The blocking of ``claims.selectors.candidates`` (same incident; ungrouped claims by kind, place and
time bucket; same claimant for reversals; control and its denial; accusations of one article), written as set-based SQL over a range of claim and incident
ids, with conditions every flagged pair meets: a superset of the pairs the rules flag.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import connection

from claims.contradictions.facts import LOOSE_BUCKET
from factcheck.sql import null_safe_equals

Block = tuple[int, int, int, int]


def _time_near(a: str, b: str) -> tuple[str, list]:
    """SQL saying two claims' block times (COALESCE(event_start, stated_at)) are within LOOSE_BUCKET."""
    if connection.vendor == "postgresql":
        return (
            f"COALESCE({b}.event_start, {b}.stated_at) BETWEEN COALESCE({a}.event_start, {a}.stated_at) - %s "
            f"AND COALESCE({a}.event_start, {a}.stated_at) + %s",
            [LOOSE_BUCKET, LOOSE_BUCKET],
        )
    return (
        f"ABS(julianday(COALESCE({b}.event_start, {b}.stated_at)) - "
        f"julianday(COALESCE({a}.event_start, {a}.stated_at))) <= %s",
        [LOOSE_BUCKET / timedelta(days=1)],
    )


def _disjoint(a: str, b: str, figure: str) -> str:
    low, high = f"{figure}_min", f"{figure}_max"
    return (
        f"({a}.{low} IS NOT NULL AND {b}.{low} IS NOT NULL AND "
        f"({a}.{high} < {b}.{low} OR {b}.{high} < {a}.{low}))"
    )


_LIVE = "a.status <> 'rejected' AND b.status <> 'rejected'"
_ASSERTING = "a.polarity = 'asserts' AND b.polarity = 'asserts'"
# Same belligerent side: both parties on one side of the denial's conflict, and that side opposes someone.
_SPEAKS_FOR = (
    "(den.id = acc.id OR EXISTS (SELECT 1 FROM sources_partyside ds "
    "JOIN sources_partyside xs ON xs.side_id = ds.side_id JOIN sources_conflictside s ON s.id = ds.side_id "
    "WHERE ds.party_id = den.id AND xs.party_id = acc.id AND ds.conflict_id = {denial}.conflict_id "
    "AND s.kind = 'belligerent') "
    "OR (den.tree_path <> '' AND acc.tree_path <> '' AND (den.tree_path LIKE acc.tree_path || '%%' "
    "OR acc.tree_path LIKE den.tree_path || '%%')))"
)
# (kind, partner kind, joins, condition) of the ungrouped pairs.
_LOOSE_KINDS = (
    (
        "'accusation'",
        "'denial'",
        "JOIN sources_party acc ON acc.id = a.accused_id JOIN sources_party den ON den.id = b.claimant_id",
        _SPEAKS_FOR.format(denial="b"),
    ),
    (
        "'denial'",
        "'accusation'",
        "JOIN sources_party acc ON acc.id = b.accused_id JOIN sources_party den ON den.id = a.claimant_id",
        _SPEAKS_FOR.format(denial="a"),
    ),
    ("'control'", "'control'", "", "a.controller_id <> b.controller_id"),
)

Part = tuple[str, list]


def prefilter_sql(*, block: Block | None = None) -> tuple[str, list]:
    """One SQL statement yielding ``(smaller id, larger id)`` for every pair a rule might flag.

    The blocking (same incident; ungrouped claims by kind, place and time bucket; same claimant for
    reversals; control and its denial; accusations of one article) plus conditions every flagged pair meets (disjoint figures, opposite kinds, ...): a
    superset of the flagged pairs, decided by the Python rules.  ``block`` restricts it to one block
    of the rescan plan; without it covers the whole table (the benchmark's SQL floor).
    """
    if block is not None:
        lo, hi, incident_lo, incident_hi = block
        incident_block = "a.incident_id BETWEEN %s AND %s AND b.incident_id BETWEEN %s AND %s AND "
        incident_params = [incident_lo, incident_hi, incident_lo, incident_hi]
        # b.id > a.id >= lo: saying so lets the planner skip the partners below the block.
        id_block, block_params = "a.id BETWEEN %s AND %s AND b.id > %s AND ", [lo, hi, lo]
    else:
        incident_block, incident_params, id_block, block_params = "", [], "", []
    near = _time_near("a", "b")
    parts = [
        (_same_incident_sql(incident_block), incident_params),
        *_loose_parts(id_block, block_params, near),
        *_reversal_parts(id_block, block_params),
        *_control_denial_parts(id_block, block_params, near),
        _article_blame_part(id_block, block_params),
    ]
    sql = "\nUNION ALL\n".join(part for part, _ in parts)
    params = [value for _, part_params in parts for value in part_params]
    return sql, params


def _same_incident_sql(incident_block: str) -> str:
    """Pairs within one incident that some rule could flag."""
    return f"""
        SELECT a.id, b.id FROM claims_claim a JOIN claims_claim b ON b.incident_id = a.incident_id AND b.id > a.id
        WHERE {incident_block}{_LIVE} AND (
            (a.kind = 'casualty' AND b.kind = 'casualty' AND {_ASSERTING} AND a.victim_group = b.victim_group
             AND ({_disjoint("a", "b", "killed")} OR {_disjoint("a", "b", "wounded")}))
            OR ({_ASSERTING} AND a.claimant_id <> b.claimant_id AND (
                (a.kind = 'accusation' AND b.kind = 'accusation' AND a.accused_id <> b.accused_id)
                OR (a.kind = 'accusation' AND b.kind = 'denial') OR (a.kind = 'denial' AND b.kind = 'accusation')
                OR (a.kind = 'control' AND b.kind = 'control' AND a.controller_id <> b.controller_id)))
            OR (a.claimant_id = b.claimant_id AND a.kind = b.kind AND a.polarity <> b.polarity))"""  # noqa: S608 (fixed fragments; values are parameters)


def _loose_parts(id_block: str, block_params: list, near: Part) -> list[Part]:
    """Ungrouped claims: an accusation and a denial by a party answering for the accused (same party,
    same subtree or same belligerent side), or two control claims naming different controllers."""
    near_sql, near_params = near
    # OFFSET 0 keeps the block's ungrouped claims a separate subquery, read through their own index.
    fence = "OFFSET 0" if connection.vendor == "postgresql" else "LIMIT -1 OFFSET 0"
    loose_pair = f"""
        SELECT a.id, b.id
        FROM (SELECT * FROM claims_claim a WHERE {id_block.replace("AND b.id > %s ", "")}a.incident_id IS NULL
              AND a.kind = {{kind}} {fence}) a
        JOIN claims_claim b
          ON b.kind = {{partner_kind}} AND b.incident_id IS NULL AND b.id > a.id AND {{place}} AND {near_sql}
        {{joins}}
        WHERE {_LIVE} AND {_ASSERTING} AND a.claimant_id <> b.claimant_id AND {{condition}}"""  # noqa: S608
    same_place = "COALESCE(b.place_id, 0) = COALESCE(a.place_id, 0) AND COALESCE(b.conflict_id, 0) = COALESCE(a.conflict_id, 0)"
    return [
        (
            loose_pair.format(
                place=same_place, kind=kind, partner_kind=partner_kind, joins=joins, condition=condition
            ),
            block_params[:2] + near_params,
        )
        for kind, partner_kind, joins, condition in _LOOSE_KINDS
    ]


def _reversal_parts(id_block: str, block_params: list) -> list[Part]:
    """Ungrouped claims of one claimant and kind, one asserting and one retracting (rule 5)."""
    reversal = f"""
        SELECT a.id, b.id FROM claims_claim a JOIN claims_claim b
          ON b.claimant_id = a.claimant_id AND b.kind = a.kind AND b.id > a.id
         AND b.incident_id IS NULL AND {{place}}
        WHERE {id_block}a.incident_id IS NULL AND {_LIVE} AND a.polarity <> b.polarity AND {{retracting}}"""  # noqa: S608
    placeless, placed = "b.place_id IS NULL AND a.place_id IS NULL", "b.place_id = a.place_id"
    return [
        (reversal.format(place=place, retracting=retracting), block_params)
        for place in (placeless, placed)
        for retracting in ("a.polarity = 'retracts'", "b.polarity = 'retracts'")
    ]


def _control_denial_parts(id_block: str, block_params: list, near: Part) -> list[Part]:
    """Control claims and denials of that control sit in incidents of different kinds: they meet by
    place and time bucket, or by article when the denial names no place (rule 4b)."""
    near_sql, near_params = near
    control_denial = f"""
        SELECT a.id, b.id FROM claims_claim a JOIN claims_claim b
          ON b.kind = {{partner}} AND b.id > a.id AND {{join}}
        WHERE {id_block}a.kind = {{kind}} AND {_LIVE} AND {_ASSERTING} AND a.claimant_id <> b.claimant_id"""  # noqa: S608
    by_place = f"b.place_id = a.place_id AND {near_sql}"
    parts = [
        (control_denial.format(kind=kind, partner=partner, join=by_place), near_params + block_params)
        for kind, partner in (("'control'", "'denial'"), ("'denial'", "'control'"))
    ]
    for kind, partner, placeless in (("'control'", "'denial'", "b"), ("'denial'", "'control'", "a")):
        join = f"b.article_id = a.article_id AND {placeless}.place_id IS NULL"
        parts.append((control_denial.format(kind=kind, partner=partner, join=join), block_params))
    return parts


def _article_blame_part(id_block: str, block_params: list) -> Part:
    """Accusations of one article and event start by different claimants against different parties, in
    different incidents or none (rule 2 across incidents; pairs of one incident are the incident part's)."""
    same = null_safe_equals()
    sql = f"""
        SELECT a.id, b.id FROM claims_claim a JOIN claims_claim b
          ON b.article_id = a.article_id AND b.kind = 'accusation' AND b.id > a.id
         AND b.event_start {same} a.event_start
        WHERE {id_block}a.kind = 'accusation' AND {_LIVE} AND {_ASSERTING} AND a.claimant_id <> b.claimant_id
          AND a.accused_id <> b.accused_id
          AND (a.incident_id IS NULL OR b.incident_id IS NULL OR a.incident_id <> b.incident_id)"""  # noqa: S608
    return sql, block_params


def candidate_pairs(*, block: Block) -> list[tuple[int, int]]:
    """Every pair of one block (see ``rescan_plan``) that a rule might flag."""
    sql, params = prefilter_sql(block=block)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(set(cursor.fetchall()))
