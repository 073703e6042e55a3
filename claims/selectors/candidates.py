"""Reads for the contradiction check: the facts of claims, and the blocking candidate query for one claim.

Candidates come from blocking, never from all pairs:

- same incident (``claim_incident_kind_idx``);
- claims without an incident (no place, so never grouped): same place (or both none), a partner kind
  and a block time within ``LOOSE_BUCKET`` (``claim_loose_block_idx`` on kind, place and
  ``COALESCE(event_start, stated_at)``);
- the same claimant's claims of the same kind with the opposite polarity, for self-reversals
  (``claim_retraction_idx`` for retractions, ``claim_claimant_kind_idx`` for assertions);
- control claims and denials of it by place and time bucket, or by article; accusations of the same
  article and event start (the article foreign-key index).

Each rule in ``claims.contradictions`` requires one of these, so the blocking loses no pair a rule
could flag.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any, Protocol

from django.db import connection
from django.db.models import BooleanField, QuerySet
from django.db.models.expressions import RawSQL

from claims.contradictions.facts import LOOSE_BUCKET, ClaimFacts
from claims.contradictions.wording import states_revision, victims_named
from claims.models import Claim, ClaimKind, ClaimStatus, Polarity
from factcheck.sql import null_safe_equals
from sources.selectors import SideRelations, side_relations


# The facts of a claim, in ``ClaimFacts`` field order: a column of the claim, or a scalar look-up by key
# (a party's name and tree path, its side in the claim's own conflict through PartySide's unique
# (conflict, party) key, the place's name).  Scalar look-ups rather than joins: a check reads a handful
# of claims, and PostgreSQL plans eight joins over the claim table's two dozen indexes in 1-2 ms, more
# than it takes to run them (measured at 200,000 claims).
def _party(column: str, field: str) -> str:
    return f"(SELECT {field} FROM sources_party WHERE id = claims_claim.{column})"  # noqa: S608 (fixed)


def _side(column: str) -> str:
    return (
        "(SELECT side_id FROM sources_partyside "  # noqa: S608 (fixed fragments)
        f"WHERE party_id = claims_claim.{column} AND conflict_id = claims_claim.conflict_id)"
    )


_COLUMN_SQL = {
    "claimant_name": _party("claimant_id", "name"),
    "claimant_side": _side("claimant_id"),
    "claimant_path": _party("claimant_id", "tree_path"),
    "place_name": "(SELECT name FROM sources_place WHERE id = claims_claim.place_id)",
    "accused_name": _party("accused_id", "name"),
    "accused_side": _side("accused_id"),
    "accused_path": _party("accused_id", "tree_path"),
    "controller_name": _party("controller_id", "name"),
    "controller_side": _side("controller_id"),
    "revised": "claims_claim.quote",
}
_FIELDS = (
    "id", "kind", "conflict_id", "claimant_id", "claimant_name", "claimant_side", "claimant_path",
    "stated_at", "polarity", "status", "incident_id", "place_id", "place_name", "event_start", "event_end",
    "killed_min", "killed_max", "wounded_min", "wounded_max", "victim_group", "accused_id", "accused_name",
    "accused_side", "accused_path", "act", "controller_id", "controller_name", "controller_side",
    "article_id", "revised", "repeats", "quote_start", "quote_end",
)  # fmt: skip
_DATETIMES = ("stated_at", "event_start", "event_end")
_NULLABLE_TEXT = ("claimant_path", "accused_path")


# What a later claim must share with an earlier one of its article, besides kind, polarity and place, to
# repeat it: the same toll (killed, wounded, victim group), the same party blamed, the same party said
# to hold the place (the fields of the other kinds are empty on both); for tolls and accusations the
# same event start too (two strikes a day apart are two events), not for a capture or a denial.
_REPEAT_VALUES = (
    "killed_min", "killed_max", "wounded_min", "wounded_max", "victim_group", "accused_id", "controller_id",
)  # fmt: skip
_DATED_KINDS = (ClaimKind.CASUALTY, ClaimKind.ACCUSATION)


def _repeats_sql() -> str:
    """The correlated EXISTS behind ``repeats``, written once as SQL (the ORM spelling of its null-safe
    comparisons cost more to build and plan than the whole check)."""
    same = null_safe_equals()
    values = " AND ".join(f"t.{field} {same} claims_claim.{field}" for field in ("place_id", *_REPEAT_VALUES))
    dated = ", ".join(f"'{kind.value}'" for kind in _DATED_KINDS)
    return (
        "EXISTS (SELECT 1 FROM claims_claim t "  # noqa: S608 (fixed fragments, no values)
        "JOIN sources_party tp ON tp.id = t.claimant_id JOIN sources_party op ON op.id = claims_claim.claimant_id "
        "WHERE t.article_id = claims_claim.article_id AND t.id < claims_claim.id "
        "AND t.kind = claims_claim.kind AND t.polarity = claims_claim.polarity "
        f"AND t.status <> '{ClaimStatus.REJECTED.value}' AND {values} "
        f"AND (t.kind NOT IN ({dated}) OR t.event_start {same} claims_claim.event_start) "
        "AND (t.claimant_id = claims_claim.claimant_id OR (tp.tree_path <> '' AND op.tree_path <> '' "
        "AND (tp.tree_path LIKE op.tree_path || '%%' OR op.tree_path LIKE tp.tree_path || '%%'))))"
    )


_FACTS_SELECT: dict[str, str] = {}


def _facts_sql(where: str) -> str:
    """The facts of the claims meeting ``where`` (a condition on ``claims_claim``), one statement."""
    select = _FACTS_SELECT.get(connection.vendor)
    if select is None:
        columns = [
            _repeats_sql() if name == "repeats" else _COLUMN_SQL.get(name, f"claims_claim.{name}")
            for name in _FIELDS
        ]
        select = _FACTS_SELECT[connection.vendor] = f"SELECT {', '.join(columns)} FROM claims_claim"  # noqa: S608 (fixed fragments)
    return f"{select} WHERE {where}"


# Kinds an ungrouped claim is compared with (rules 3 and 4; rule 5 has its own block).
LOOSE_PARTNERS: dict[str, tuple[str, ...]] = {
    ClaimKind.ACCUSATION: (ClaimKind.DENIAL,),
    ClaimKind.DENIAL: (ClaimKind.ACCUSATION,),
    ClaimKind.CONTROL: (ClaimKind.CONTROL,),
}


def _facts(row: tuple, relations: SideRelations, convert: Callable | None) -> ClaimFacts:
    values = dict(zip(_FIELDS, row, strict=True))
    for name in _NULLABLE_TEXT:
        values[name] = values[name] or ""
    if convert is not None:  # SQLite returns dates as text and EXISTS as 0 / 1
        for name in _DATETIMES:
            values[name] = convert(values[name])
    values["repeats"] = bool(values["repeats"])
    # Only tolls are read for a revision and for whose dead they count; the quote is not kept.
    quote, toll = values["revised"], values["kind"] == ClaimKind.CASUALTY
    values["revised"] = toll and states_revision(quote)
    values["victims"] = victims_named(quote) if toll else ""
    return ClaimFacts(
        **values,
        claimant_belligerent=values["claimant_side"] in relations.belligerent,
        claimant_opponents=relations.opponents.get(values["claimant_side"], frozenset()),
        accused_opponents=relations.opponents.get(values["accused_side"], frozenset()),
        controller_opponents=relations.opponents.get(values["controller_side"], frozenset()),
    )


def facts_where(where: str, params: Sequence, *, relations: SideRelations | None = None) -> list[ClaimFacts]:
    """The facts of the claims meeting ``where`` (SQL on ``claims_claim``), in one query; ``relations``
    saves the sides' look-up when the caller has them."""
    relations = relations if relations is not None else side_relations()
    with connection.cursor() as cursor:
        cursor.execute(_facts_sql(where), list(params))
        rows = cursor.fetchall()
    convert = stored_datetime if connection.vendor == "sqlite" else None
    return [_facts(row, relations, convert) for row in rows]


def stored_datetime(value: object) -> datetime | None:
    """A datetime column as a raw SQLite cursor returns it (text), read as the ORM would (aware)."""
    ops: Any = connection.ops
    return ops.convert_datetimefield_value(value, None, connection)


def facts_rows(queryset: QuerySet[Claim]) -> list[ClaimFacts]:
    """Evaluate a claim queryset as ``ClaimFacts`` (one query)."""
    sql, params = queryset.values("pk").query.sql_with_params()
    return facts_where(f"claims_claim.id IN ({sql})", params)


def claims_facts(*, claim_ids: Iterable[int]) -> dict[int, ClaimFacts]:
    """The facts of the given claims by id, in one query per 5,000 ids."""
    ids = [int(claim_id) for claim_id in claim_ids]
    found: dict[int, ClaimFacts] = {}
    for start in range(0, len(ids), 5000):
        chunk = ids[start : start + 5000]
        for facts in facts_where(f"claims_claim.id IN ({', '.join(['%s'] * len(chunk))})", chunk):
            found[facts.id] = facts
    return found


_BLOCK_TIME = "COALESCE(claims_claim.event_start, claims_claim.stated_at)"


def _near(facts: ClaimFacts) -> tuple[str, list]:
    """Block time within ``LOOSE_BUCKET`` of the claim's (``claim_loose_block_idx``, ``claim_place_time_idx``)."""
    adapt = connection.ops.adapt_datetimefield_value
    return f"{_BLOCK_TIME} >= %s AND {_BLOCK_TIME} <= %s", [
        adapt(facts.block_time - LOOSE_BUCKET),
        adapt(facts.block_time + LOOSE_BUCKET),
    ]


def _same_place(place_id: int | None) -> tuple[str, list]:
    return (
        ("claims_claim.place_id = %s", [place_id])
        if place_id is not None
        else ("claims_claim.place_id IS NULL", [])
    )


def _block(facts: ClaimFacts) -> tuple[str, list]:
    """The blocks of one claim as SQL on ``claims_claim`` (see the module docstring), with its parameters."""
    parts: list[tuple[str, list]] = []
    if facts.incident_id is not None:
        parts.append(("claims_claim.incident_id = %s", [facts.incident_id]))
    elif facts.kind in LOOSE_PARTNERS:
        kinds = [str(kind) for kind in LOOSE_PARTNERS[facts.kind]]
        place, place_params = _same_place(facts.place_id)
        near, near_params = _near(facts)
        parts.append(
            (
                f"claims_claim.incident_id IS NULL AND claims_claim.kind IN ({', '.join(['%s'] * len(kinds))}) "
                f"AND {place} AND {near}",
                [*kinds, *place_params, *near_params],
            )
        )
    parts += _control_denial_block(facts)
    parts += _article_blame_block(facts)
    opposite = Polarity.ASSERTS if facts.polarity == Polarity.RETRACTS else Polarity.RETRACTS
    parts.append(
        (
            "claims_claim.claimant_id = %s AND claims_claim.kind = %s AND claims_claim.polarity = %s",
            [facts.claimant_id, str(facts.kind), str(opposite)],
        )
    )
    return " OR ".join(f"({sql})" for sql, _ in parts), [param for _, params in parts for param in params]


def _control_denial_block(facts: ClaimFacts) -> list[tuple[str, list]]:
    """Control claims and denials of that control (rule 4b): they sit in incidents of different kinds,
    so they meet by place and time bucket (``claim_place_time_idx``), or by article when the denial
    names no place."""
    partners: dict[str, str] = {ClaimKind.CONTROL: ClaimKind.DENIAL, ClaimKind.DENIAL: ClaimKind.CONTROL}
    partner = partners.get(facts.kind)
    if partner is None:
        return []
    parts = []
    if facts.place_id is not None:
        near, near_params = _near(facts)
        parts.append(
            (
                f"claims_claim.kind = %s AND claims_claim.place_id = %s AND {near}",
                [str(partner), facts.place_id, *near_params],
            )
        )
    if facts.article_id is not None:
        same_article = "claims_claim.kind = %s AND claims_claim.article_id = %s"
        if facts.kind == ClaimKind.CONTROL:  # a placeless denial in the same article
            parts.append(
                (f"{same_article} AND claims_claim.place_id IS NULL", [str(partner), facts.article_id])
            )
        elif facts.place_id is None:
            parts.append((same_article, [str(partner), facts.article_id]))
    return parts


def _article_blame_block(facts: ClaimFacts) -> list[tuple[str, list]]:
    """Accusations of the same article and event start (rule 2 across incidents: each side's ministry
    blaming the other for one flare-up, each naming its own sector), read through the article index."""
    if facts.kind != ClaimKind.ACCUSATION or facts.article_id is None:
        return []
    sql = "claims_claim.kind = %s AND claims_claim.article_id = %s AND "
    params: list = [str(ClaimKind.ACCUSATION), facts.article_id]
    if facts.event_start is None:
        return [(sql + "claims_claim.event_start IS NULL", params)]
    return [
        (
            sql + "claims_claim.event_start = %s",
            [*params, connection.ops.adapt_datetimefield_value(facts.event_start)],
        )
    ]


# The claims a claim is compared with: its blocks, rejected claims and itself left out.
_PARTNERS = (
    "({block}) AND claims_claim.id <> %s AND claims_claim.status <> '" + ClaimStatus.REJECTED.value + "'"
)


def candidates_query(*, facts: ClaimFacts) -> QuerySet[Claim]:
    """The claims one claim must be compared with (the candidate read of ``claim_with_candidates``, as
    a queryset: for plans and tests)."""
    block, params = _block(facts)
    partners = RawSQL(_PARTNERS.format(block=block), (*params, facts.id), output_field=BooleanField())  # noqa: S611
    return Claim.objects.filter(partners).order_by()


def claim_candidates(*, facts: ClaimFacts) -> list[ClaimFacts]:
    """The facts of every candidate partner of one claim (one query)."""
    return facts_rows(candidates_query(facts=facts))


class CheckedClaim(Protocol):
    """What the candidate read needs of the claim being checked (a model instance has it all)."""

    pk: int
    kind: str
    claimant_id: int
    stated_at: datetime
    polarity: str
    incident_id: int | None
    place_id: int | None
    event_start: datetime | None
    article_id: int | None


def claim_with_candidates(
    *, claim: CheckedClaim, relations: SideRelations | None = None
) -> tuple[ClaimFacts, list[ClaimFacts]]:
    """The facts of a claim and of its candidates, in one query written as SQL (the check's hot path:
    building it with the ORM cost more than running it)."""
    outline = ClaimFacts(
        id=claim.pk,
        kind=claim.kind,
        claimant_id=claim.claimant_id,
        claimant_name="",
        stated_at=claim.stated_at,
        polarity=claim.polarity,
        incident_id=claim.incident_id,
        place_id=claim.place_id,
        event_start=claim.event_start,
        article_id=claim.article_id,
    )
    block, params = _block(outline)
    rows = facts_where(
        f"claims_claim.id = %s OR ({_PARTNERS.format(block=block)})",
        [claim.pk, *params, claim.pk],
        relations=relations,
    )
    own = next(facts for facts in rows if facts.id == claim.pk)
    return own, [facts for facts in rows if facts.id != claim.pk]
