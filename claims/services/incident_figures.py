"""Writes for incidents' cached figures: the casualty range and grade, recomputed set-based in SQL."""

from __future__ import annotations

import functools
from collections.abc import Iterable

from django.db import connection, transaction
from django.utils import timezone

from claims.contradictions.facts import ClaimFacts
from claims.models import ClaimKind, ClaimStatus, Incident, Polarity
from sources.selectors import SideRelations


def incidents_refresh(*, incident_ids: Iterable[int]) -> int:
    """Recompute the cached casualty range and the grade of the given incidents; returns how many changed.

    Range (Airwars): lowest and highest figure any source gave, over asserting claims not rejected; the
    low end is the conservative figure (ACLED).  Grade, strongest first: discounted (every claim
    rejected), confirmed (the accused side itself accuses its own), contested (accusations against
    both sides, or control claimed for parties under different roots), fair (claimants under two or
    more root parties: independent sources), weak (one).  The ``published_`` figures, which partners
    read, are the same over the published claims only.  One set-based UPDATE per 500 incidents,
    writing only the rows whose figures changed.
    """
    ids = sorted(set(incident_ids))
    changed = 0
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        changed += _refresh(", ".join(["%s"] * len(chunk)), chunk)
    return changed


def incidents_refresh_of_claims(*, lo: int, hi: int, claims_sql: str, params: list) -> int:
    """Refresh, in one statement, the incidents of the claims with ids in ``[lo, hi]`` that meet
    ``claims_sql`` (a condition on ``claims_claim``); the rescan's per-block refresh (see
    ``incidents_refresh`` for the figures); returns how many changed."""
    ids_sql = (
        "SELECT DISTINCT incident_id FROM claims_claim "  # noqa: S608 (fixed fragments; values are parameters)
        f"WHERE id BETWEEN %s AND %s AND incident_id IS NOT NULL AND ({claims_sql})"
    )
    return _refresh(ids_sql, [lo, hi, *params])


_FIGURES_SQL = """
        MIN(c.killed_min) FILTER (WHERE {figure}) AS {p}k_low,
        MAX(COALESCE(c.killed_max, c.killed_min)) FILTER (WHERE {figure}) AS {p}k_high,
        MIN(c.wounded_min) FILTER (WHERE {figure}) AS {p}w_low,
        MAX(COALESCE(c.wounded_max, c.wounded_min)) FILTER (WHERE {figure}) AS {p}w_high,
        CASE
            WHEN COUNT(c.id) FILTER (WHERE {seen}) > 0 AND COUNT(c.id) FILTER (WHERE {live}) = 0 THEN 'discounted'
            WHEN COUNT(c.id) FILTER (WHERE {blame} AND sc.side_id = sa.side_id AND bs.kind = 'belligerent') > 0
                THEN 'confirmed'
            WHEN EXISTS (
                SELECT 1 FROM claims_claim c1
                JOIN claims_claim c2 ON c2.incident_id = i.id
                JOIN sources_partyside s1 ON s1.party_id = c1.accused_id AND s1.conflict_id = c1.conflict_id
                JOIN sources_partyside s2 ON s2.party_id = c2.accused_id AND s2.conflict_id = c2.conflict_id
                JOIN sources_conflictside_opposes o
                     ON o.from_conflictside_id = s1.side_id AND o.to_conflictside_id = s2.side_id
                WHERE c1.incident_id = i.id AND c1.kind = 'accusation' AND c2.kind = 'accusation'
                  AND {live_c1} AND {live_c2}
                  AND c1.polarity = 'asserts' AND c2.polarity = 'asserts') THEN 'contested'
            WHEN COUNT(DISTINCT sk.side_id) FILTER (WHERE {held} AND ks.kind = 'belligerent') >= 2 THEN 'contested'
            WHEN COUNT(DISTINCT {claimant_root}) FILTER (WHERE {live}) >= 2 THEN 'fair'
            ELSE 'weak'
        END AS {p}grade"""

_COLUMNS = ("killed_low", "killed_high", "wounded_low", "wounded_high", "grade")

_ALIASES = ("k_low", "k_high", "w_low", "w_high", "grade")

_REFRESH_SQL = """
UPDATE claims_incident SET {assignments}, updated_at = %s
FROM (
    SELECT i.id,{figures}
    FROM claims_incident i
    LEFT JOIN claims_claim c ON c.incident_id = i.id
    LEFT JOIN sources_party pc ON pc.id = c.claimant_id
    LEFT JOIN sources_partyside sc ON sc.party_id = c.claimant_id AND sc.conflict_id = c.conflict_id
    LEFT JOIN sources_partyside sa ON sa.party_id = c.accused_id AND sa.conflict_id = c.conflict_id
    LEFT JOIN sources_conflictside bs ON bs.id = sa.side_id
    LEFT JOIN sources_partyside sk ON sk.party_id = c.controller_id AND sk.conflict_id = c.conflict_id
    LEFT JOIN sources_conflictside ks ON ks.id = sk.side_id
    WHERE i.id IN ({ids})
    GROUP BY i.id
) s
WHERE claims_incident.id = s.id AND ({changed})
RETURNING claims_incident.id
"""

# (column prefix, the claims that count as seen, the claims that count as live): the cached figures
# over every claim not rejected; the ``published_`` ones, which partners read, over published claims
# only (claims.selectors.claims: shared artefacts are built over published data).
_VARIANTS = (
    ("", "TRUE", "{c}.status <> 'rejected'"),
    ("published_", "c.status = 'verified'", "{c}.status = 'verified'"),
)


def _root_sql(alias: str) -> str:
    """SQL for the root of a party's tree (its first ``tree_path`` id): "independent" sources are told
    apart by root party, so two ministries of one state are one source, and a relay (the claimant is
    the original speaker) never counts as a second source."""
    if connection.vendor == "postgresql":
        first = f"split_part({alias}.tree_path, '/', 2)"
    else:
        first = f"substr({alias}.tree_path, 2, instr(substr({alias}.tree_path, 2), '/') - 1)"
    return f"COALESCE(NULLIF({first}, ''), CAST({alias}.id AS TEXT))"


def _refresh_sql(ids_sql: str) -> str:
    """The refresh statement over the incidents ``ids_sql`` yields, for both variants of the figures."""
    figures, assignments, changed = [], [], []
    for prefix, seen, live_of in _VARIANTS:
        live = live_of.format(c="c")
        figures.append(
            _FIGURES_SQL.format(
                p=prefix,
                seen=f"c.id IS NOT NULL AND {seen}",
                live=live,
                live_c1=live_of.format(c="c1"),
                live_c2=live_of.format(c="c2"),
                claimant_root=_root_sql("pc"),
                held=f"{live} AND c.kind = 'control' AND c.polarity = 'asserts' AND c.controller_id IS NOT NULL",
                figure=f"{live} AND c.kind = 'casualty' AND c.polarity = 'asserts'",
                blame=f"{live} AND c.kind = 'accusation' AND c.polarity = 'asserts'",
            )
        )
        for column, alias in zip(_COLUMNS, _ALIASES, strict=True):
            assignments.append(f"{prefix}{column} = s.{prefix}{alias}")
            changed.append(f"claims_incident.{prefix}{column} IS DISTINCT FROM s.{prefix}{alias}")
    return _REFRESH_SQL.format(
        assignments=", ".join(assignments),
        figures=",".join(figures),
        changed=" OR ".join(changed),
        ids=ids_sql,
    )


# PostgreSQL settings for the refresh statement alone (restored right after it).  Measured at 200,000
# claims: JIT compiled a rescan block's refresh for 2.5-3 s of its 3.4-4.1 s (0.9 s without); planning
# the statement in its written join order takes 1.4 ms instead of 5-22 ms for one incident, which is
# most of an incremental check's refresh, and the written order (incidents, their claims, the
# claims' parties and sides) is the plan PostgreSQL picks anyway.
_PG_REFRESH_SETTINGS = ("jit", "off"), ("join_collapse_limit", "1")


def _refresh(ids_sql: str, params: list) -> int:
    """Run the refresh over the incidents ``ids_sql`` yields, and write the audit entries of those
    whose figures changed, set-based (one INSERT ... SELECT per 5,000)."""
    postgresql = connection.vendor == "postgresql"
    with transaction.atomic(savepoint=False):
        with connection.cursor() as cursor:
            if postgresql:
                cursor.execute(
                    "; ".join(f"SET LOCAL {name} = {value}" for name, value in _PG_REFRESH_SETTINGS)
                )
            cursor.execute(_refresh_sql(ids_sql), [timezone.now(), *params])
            changed = [row[0] for row in cursor.fetchall()]
            if postgresql:
                cursor.execute("; ".join(f"SET LOCAL {name} TO DEFAULT" for name, _ in _PG_REFRESH_SETTINGS))
        for start in range(0, len(changed), 5000):
            _history_of_recomputed(changed[start : start + 5000])
    return len(changed)


_RECOMPUTED = "figures and grade recomputed from its claims"


def _history_of_recomputed(ids: list[int]) -> None:
    """One audit entry per incident whose cached figures or grade the refresh changed (by the system,
    no user), copied from the rows in one statement."""
    history = Incident.history.model
    columns = [str(field.column) for field in Incident._meta.concrete_fields]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {history._meta.db_table} ({', '.join(columns)}, history_date, "  # noqa: S608
            f"history_change_reason, history_type, history_user_id) "
            f"SELECT {', '.join(columns)}, %s, %s, '~', NULL FROM {Incident._meta.db_table} "
            f"WHERE id IN ({', '.join(['%s'] * len(ids))})",
            [timezone.now(), _RECOMPUTED, *ids],
        )


def _root(facts: ClaimFacts) -> str:
    """The claimant's root party, as ``_root_sql`` reads it (the first id of its tree path, else its own id)."""
    parts = facts.claimant_path.split("/")
    first = parts[1] if len(parts) > 1 else ""
    return first or str(facts.claimant_id)


def _figures_of(claims: list[ClaimFacts], relations: SideRelations, *, published: bool) -> tuple:
    """One variant of the figures (``_FIGURES_SQL``) over an incident's claims, in ``_COLUMNS`` order."""
    seen = [c for c in claims if c.status == ClaimStatus.VERIFIED] if published else claims
    live = seen if published else [c for c in claims if c.active]
    asserting = [c for c in live if c.polarity == Polarity.ASSERTS]
    tolls = [c for c in asserting if c.kind == ClaimKind.CASUALTY]
    blame = [c for c in asserting if c.kind == ClaimKind.ACCUSATION]
    held = {
        c.controller_side
        for c in asserting
        if c.kind == ClaimKind.CONTROL
        and c.controller_id is not None
        and c.controller_side in relations.belligerent
    }
    accused = {c.accused_side for c in blame if c.accused_side is not None}
    if seen and not live:
        grade = Incident.Grade.DISCOUNTED
    elif any(c.claimant_side == c.accused_side and c.accused_side in relations.belligerent for c in blame):
        grade = Incident.Grade.CONFIRMED
    elif any(relations.opponents.get(side, frozenset()) & accused for side in accused) or len(held) >= 2:
        grade = Incident.Grade.CONTESTED
    elif len({_root(c) for c in live}) >= 2:
        grade = Incident.Grade.FAIR
    else:
        grade = Incident.Grade.WEAK

    figures = []
    for field in ("killed", "wounded"):
        lows = [getattr(c, f"{field}_min") for c in tolls]
        highs = [
            getattr(c, f"{field}_max") if getattr(c, f"{field}_max") is not None else low
            for c, low in zip(tolls, lows, strict=True)
        ]
        figures += [
            min((v for v in lows if v is not None), default=None),
            max((v for v in highs if v is not None), default=None),
        ]
    return (*figures, str(grade))


# A statement written by hand and its parameters.
Statement = tuple[str, list]


@functools.cache
def _history_table() -> tuple[str, str]:
    """The incidents' audit table and the incident columns it copies (the history manager is slow to reach)."""
    return Incident.history.model._meta.db_table, ", ".join(
        str(f.column) for f in Incident._meta.concrete_fields
    )


def incident_refresh_from_facts(
    *, incident_id: int, claims: list[ClaimFacts], relations: SideRelations, along: Statement | None = None
) -> int:
    """Refresh one incident's cached figures from its claims already read (every claim of the incident
    that is not rejected, and at least one of its claims: the one being checked), as ``incidents_refresh``
    computes them; returns 1 if they changed, else 0.

    The incremental check's refresh: one update by key, written only if a figure changed, with its audit
    entry in the same statement on PostgreSQL, instead of the set-based statement planned afresh each
    time (3-5 ms for one incident at 200,000 claims).  ``along``: a statement of the caller's with its
    parameters, run right after (sent in the same round trip on PostgreSQL)."""
    values = [
        *_figures_of(claims, relations, published=False),
        *_figures_of(claims, relations, published=True),
    ]
    columns = [f"{prefix}{column}" for prefix, _, _ in _VARIANTS for column in _COLUMNS]
    distinct = "IS DISTINCT FROM" if connection.vendor == "postgresql" else "IS NOT"
    update = (
        f"UPDATE claims_incident SET {', '.join(f'{column} = %s' for column in columns)}, updated_at = %s "  # noqa: S608
        f"WHERE id = %s AND ({' OR '.join(f'{column} {distinct} %s' for column in columns)})"
    )
    now = timezone.now()
    params = [*values, now, incident_id, *values]
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.execute(f"{update} RETURNING id", params)
            changed = [row[0] for row in cursor.fetchall()]
            if changed:
                _history_of_recomputed(changed)
            if along is not None:
                cursor.execute(*along)
            return len(changed)
        history, fields = _history_table()
        then, then_params = (f"; {along[0]}", along[1]) if along is not None else ("", [])
        cursor.execute(
            f"WITH changed AS ({update} RETURNING {fields}) "  # noqa: S608 (fixed fragments)
            f"INSERT INTO {history} ({fields}, history_date, history_change_reason, history_type, history_user_id) "
            f"SELECT {fields}, %s, %s, '~', NULL FROM changed RETURNING 1{then}",
            [*params, now, _RECOMPUTED, *then_params],
        )
        return len(cursor.fetchall())
