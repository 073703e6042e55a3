"""Writes for contradictions: check one claim, sweep the unchecked, rescan everything in blocks.

Every path ends in ``_sync``: findings are upserted race-safely (``bulk_create(ignore_conflicts=True)``
on the unique (claim_a, claim_b, kind) constraint, so two workers checking both claims of a pair write
one row), changed explanations are updated, closed rows that hold again are reopened, and open rows
that no longer hold are closed, never deleted.  Reviewers' decisions (confirmed, dismissed, resolved)
are left as they are.  Same-claimant updates are stored with kind ``update`` as resolved, the later
claim holding: they are never open.

A claim's ``checked_at`` is set to the ``changed_at`` its check saw, so an edit made during the check
leaves it unchecked for the sweep.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import connection, transaction
from django.db.models import Count, Exists, F, OuterRef, Q
from django.utils import timezone

from claims.contradictions import ClaimFacts, Finding, check
from claims.contradictions.facts import LOOSE_BUCKET
from claims.models import Claim, Contradiction, ContradictionKind, ContradictionStatus, Incident, RescanBlock
from claims.selectors.candidates import claim_with_candidates, claims_facts
from claims.services.incidents import (
    KIND_FAMILIES,
    PLACELESS_JOINERS,
    claim_group,
    incidents_refresh,
    incidents_refresh_of_claims,
    lock_block,
)

logger = logging.getLogger(__name__)

Key = tuple[int, int, str]


@dataclass
class SyncOutcome:
    """What one check or block changed: rows found, created, updated (or reopened) and closed."""

    found: int = 0
    created: int = 0
    updated: int = 0
    closed: int = 0

    def __iadd__(self, other: SyncOutcome) -> SyncOutcome:
        self.found += other.found
        self.created += other.created
        self.updated += other.updated
        self.closed += other.closed
        return self

    def as_dict(self) -> dict[str, int]:
        return {"found": self.found, "created": self.created, "updated": self.updated, "closed": self.closed}


@dataclass(frozen=True)
class Planned:
    """A finding placed on its stored pair, with the incident and (for updates) the claim that holds."""

    finding: Finding
    incident_id: int | None
    holding_id: int | None


def _plan(a: ClaimFacts, b: ClaimFacts, findings: Iterable[Finding], into: dict[Key, Planned]) -> None:
    first, second = (a, b) if a.id < b.id else (b, a)
    incident = first.incident_id if first.incident_id == second.incident_id else None
    for finding in findings:
        holding = None
        if finding.kind == ContradictionKind.UPDATE:
            holding = max((first, second), key=lambda f: (f.stated_at, f.revised, f.id)).id
        into[(first.id, second.id, finding.kind)] = Planned(finding, incident, holding)


def _initial_status(kind: str) -> str:
    return ContradictionStatus.RESOLVED if kind == ContradictionKind.UPDATE else ContradictionStatus.OPEN


def _closable(kind: str, status: str) -> bool:
    """Rows the engine owns: open ones, and the resolved updates it recorded itself."""
    return status == ContradictionStatus.OPEN or (
        kind == ContradictionKind.UPDATE and status == ContradictionStatus.RESOLVED
    )


def _sync(found: dict[Key, Planned], scope: Q) -> SyncOutcome:
    """Make the stored contradictions within ``scope`` match ``found`` (see the module docstring)."""
    now = timezone.now()
    outcome = SyncOutcome(found=len(found))
    existing = {
        (row.claim_a_id, row.claim_b_id, row.kind): row
        for row in Contradiction.objects.filter(scope)
        .only(
            "id",
            "claim_a_id",
            "claim_b_id",
            "kind",
            "status",
            "explanation",
            "score",
            "score_reasons",
            "incident_id",
        )
        .order_by()
    }
    new = [
        Contradiction(
            claim_a_id=key[0],
            claim_b_id=key[1],
            kind=key[2],
            status=_initial_status(key[2]),
            explanation=plan.finding.explanation,
            score=plan.finding.score,
            score_reasons=list(plan.finding.reasons),
            incident_id=plan.incident_id,
            holding_claim_id=plan.holding_id,
        )
        for key, plan in found.items()
        if key not in existing
    ]
    if new:
        Contradiction.objects.bulk_create(new, ignore_conflicts=True, batch_size=2000)
        outcome.created = len(new)
        # Rows inserted without ids (ignore_conflicts): read back the ones this sync made.
        _history_by_engine(Contradiction.objects.filter(scope, detected_at__gte=now), {}, created=True)
    changed = []
    reasons: dict[int, str] = {}
    for key, row in existing.items():
        plan = found.get(key)
        if plan is None:
            if _closable(row.kind, row.status):
                row.status = ContradictionStatus.CLOSED
                row.updated_at = now
                changed.append(row)
                reasons[row.pk] = "engine: the claims no longer conflict"
                outcome.closed += 1
            continue
        reopen = row.status == ContradictionStatus.CLOSED
        if reopen or (row.explanation, row.score, row.score_reasons, row.incident_id) != (
            plan.finding.explanation,
            plan.finding.score,
            list(plan.finding.reasons),
            plan.incident_id,
        ):
            if reopen:
                row.status = _initial_status(row.kind)
                row.holding_claim_id = plan.holding_id
            row.explanation, row.score, row.score_reasons, row.incident_id = (
                plan.finding.explanation,
                plan.finding.score,
                list(plan.finding.reasons),
                plan.incident_id,
            )
            row.updated_at = now
            changed.append(row)
            reasons[row.pk] = "engine: the claims conflict again" if reopen else "engine: explanation updated"
            outcome.updated += 1
    if changed:
        Contradiction.objects.bulk_update(
            changed,
            [
                "status",
                "explanation",
                "score",
                "score_reasons",
                "incident_id",
                "holding_claim_id",
                "updated_at",
            ],
            batch_size=1000,
        )
        _history_by_engine(Contradiction.objects.filter(pk__in=list(reasons)), reasons, created=False)
    return outcome


def _history_by_engine(rows, reasons: dict[int, str], *, created: bool) -> None:
    """Audit entries for what the detection engine wrote in bulk (it writes as "system", no user)."""
    rows = list(rows)
    for row in rows:
        row._history_user = None
        row._change_reason = reasons.get(row.pk, "engine: detected")
    if rows:
        Contradiction.history.bulk_history_create(rows, update=not created, batch_size=2000)


def claim_check(*, claim_id: int) -> SyncOutcome | None:
    """Check one claim against its candidates and store the outcome; None if the claim is gone.

    Groups the claim into an incident first, then compares it with every claim of its blocks.
    Idempotent: a second run finds the same rows and changes nothing.  Checks of claims in the same
    incident are serialised (advisory lock on PostgreSQL) so they never act on each other's stale reads.
    """
    with transaction.atomic():
        claim = Claim.objects.filter(pk=claim_id).first()
        if claim is None:
            return None
        seen_change = claim.changed_at
        if claim.incident_id is None:
            claim_group(claim=claim)
        # A check is derived data: if a crash lost its commit, the claim would lose its checked_at too
        # and the sweep would check it again, so the commit need not wait for a disk flush.
        if claim.incident_id is not None:
            lock_block("check-incident", claim.incident_id, relax_commit=True)
        else:
            lock_block("check-loose", claim.place_id or 0, relax_commit=True)
        facts, candidates = claim_with_candidates(claim=claim)
        found: dict[Key, Planned] = {}
        for other in candidates:
            _plan(facts, other, check(facts, other), found)
        outcome = _sync(found, Q(claim_a_id=claim.pk) | Q(claim_b_id=claim.pk))
        # Re-checking an unchanged claim (a duplicate message) leaves its incident's figures as they are.
        if claim.incident_id is not None and claim.checked_at != seen_change:
            incidents_refresh(incident_ids=[claim.incident_id])
        Claim.objects.filter(pk=claim.pk, changed_at=seen_change).update(checked_at=seen_change)
    return outcome


_UNCHECKED = Q(checked_at__isnull=True) | Q(checked_at__lt=F("changed_at"))


def claims_unchecked(*, older_than: timedelta = timedelta(0), limit: int = 10_000) -> list[int]:
    """Ids of claims whose check is missing or older than their last change, oldest change first.

    ``older_than`` leaves alone claims changed so recently that their own check is still on its way.
    Served by the partial index ``claim_unchecked_idx``.
    """
    cutoff = timezone.now() - older_than
    return list(
        Claim.objects.filter(_UNCHECKED, changed_at__lte=cutoff)
        .order_by("changed_at")
        .values_list("pk", flat=True)[:limit]
    )


def rescan_needs_bookkeeping() -> bool:
    """Whether any claim awaits its check (then rescan blocks mark claims checked and refresh incidents)."""
    return bool(claims_unchecked(limit=1))


def claims_group_pending() -> int:
    """Group every claim awaiting its check that has an event kind but no incident yet (placed claims
    first, then the placeless accusations and denials of articles that have a grouped claim); returns
    how many.

    A checked claim was offered to the grouping by its own check (and is marked changed when a move
    could change that), so a rescan does not try the ungrouped ones again; a placeless claim whose
    article has no grouped claim has no incident to join.
    """
    ungrouped = Claim.objects.filter(
        _UNCHECKED, incident__isnull=True, kind__in=list(KIND_FAMILIES)
    ).order_by()
    grouped = _group(list(ungrouped.filter(place__isnull=False).order_by("pk").values_list("pk", flat=True)))
    article_grouped = Claim.objects.filter(article_id=OuterRef("article_id"), incident__isnull=False)
    placeless = (
        ungrouped.filter(place__isnull=True, article__isnull=False, kind__in=PLACELESS_JOINERS)
        .filter(Exists(article_grouped))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return grouped + _group(list(placeless))


def _group(pending: list[int]) -> int:
    grouped = 0
    for start in range(0, len(pending), 2000):
        chunk = pending[start : start + 2000]
        by_id = Claim.objects.filter(pk__in=chunk).select_related("place").in_bulk()
        for claim_id in chunk:
            claim = by_id[claim_id]
            if claim.incident_id is None and claim_group(claim=claim) is not None:
                grouped += 1
    return grouped


# --- Full rescan, in blocks of claim ids ----------------------------------------------------------


Block = tuple[int, int, int, int]


def rescan_plan(*, block_size: int = 50_000) -> list[Block]:
    """Split the work into blocks ``(lo, hi, incident_lo, incident_hi)`` (inclusive bounds).

    A block owns the pairs within the incidents of its incident range, and the pairs of ungrouped
    claims whose smaller id lies in its claim range: both ranges are cut into as many pieces as
    ``block_size`` claim ids make, so each block's joins stay local.
    """
    claims = Claim.objects.order_by().values_list("pk", flat=True)
    low, high = claims.order_by("pk").first(), claims.order_by("-pk").first()
    if low is None or high is None:
        return []
    count = (high - low) // block_size + 1
    incidents = Incident.objects.order_by().values_list("pk", flat=True)
    i_low, i_high = incidents.order_by("pk").first() or 0, incidents.order_by("-pk").first() or 0
    i_step = (i_high - i_low) // count + 1
    return [
        (
            low + n * block_size,
            min(low + (n + 1) * block_size - 1, high) if n < count - 1 else high,
            i_low + n * i_step,
            i_low + (n + 1) * i_step - 1 if n < count - 1 else max(i_high, i_low + n * i_step),
        )
        for n in range(count)
    ]


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


def prefilter_sql(*, block: Block | None = None) -> tuple[str, list]:
    """One SQL statement yielding ``(smaller id, larger id)`` for every pair a rule might flag.

    The blocking (same incident; ungrouped claims by kind, place and time bucket; same claimant for
    reversals) plus conditions every flagged pair meets (disjoint figures, opposite kinds, ...): a
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
    live = "a.status <> 'rejected' AND b.status <> 'rejected'"
    asserting = "a.polarity = 'asserts' AND b.polarity = 'asserts'"
    near, near_params = _time_near("a", "b")
    same_incident = f"""
        SELECT a.id, b.id FROM claims_claim a JOIN claims_claim b ON b.incident_id = a.incident_id AND b.id > a.id
        WHERE {incident_block}{live} AND (
            (a.kind = 'casualty' AND b.kind = 'casualty' AND {asserting} AND a.victim_group = b.victim_group
             AND ({_disjoint("a", "b", "killed")} OR {_disjoint("a", "b", "wounded")}))
            OR ({asserting} AND a.claimant_id <> b.claimant_id AND (
                (a.kind = 'accusation' AND b.kind = 'accusation' AND a.accused_id <> b.accused_id)
                OR (a.kind = 'accusation' AND b.kind = 'denial') OR (a.kind = 'denial' AND b.kind = 'accusation')
                OR (a.kind = 'control' AND b.kind = 'control' AND a.controller_id <> b.controller_id)))
            OR (a.claimant_id = b.claimant_id AND a.kind = b.kind AND a.polarity <> b.polarity))"""  # noqa: S608 (fixed fragments; values are parameters)
    # Ungrouped claims: an accusation and a denial by a party answering for the accused (same party,
    # same subtree or same belligerent side), or two control claims naming different controllers.
    # OFFSET 0 keeps the block's ungrouped claims a separate subquery, read through their own index.
    fence = "OFFSET 0" if connection.vendor == "postgresql" else "LIMIT -1 OFFSET 0"
    loose_pair = f"""
        SELECT a.id, b.id
        FROM (SELECT * FROM claims_claim a WHERE {id_block.replace("AND b.id > %s ", "")}a.incident_id IS NULL
              AND a.kind = {{kind}} {fence}) a
        JOIN claims_claim b
          ON b.kind = {{partner_kind}} AND b.incident_id IS NULL AND b.id > a.id AND {{place}} AND {near}
        {{joins}}
        WHERE {live} AND {asserting} AND a.claimant_id <> b.claimant_id AND {{condition}}"""  # noqa: S608
    # Same belligerent side: both parties on one side of the denial's conflict, and that side opposes someone.
    speaks_for = (
        "(den.id = acc.id OR EXISTS (SELECT 1 FROM sources_partyside ds "
        "JOIN sources_partyside xs ON xs.side_id = ds.side_id JOIN sources_conflictside s ON s.id = ds.side_id "
        "WHERE ds.party_id = den.id AND xs.party_id = acc.id AND ds.conflict_id = {denial}.conflict_id "
        "AND s.kind = 'belligerent') "
        "OR (den.tree_path <> '' AND acc.tree_path <> '' AND (den.tree_path LIKE acc.tree_path || '%%' "
        "OR acc.tree_path LIKE den.tree_path || '%%')))"
    )
    loose_kinds = [
        (
            "'accusation'",
            "'denial'",
            "JOIN sources_party acc ON acc.id = a.accused_id JOIN sources_party den ON den.id = b.claimant_id",
            speaks_for.format(denial="b"),
        ),
        (
            "'denial'",
            "'accusation'",
            "JOIN sources_party acc ON acc.id = b.accused_id JOIN sources_party den ON den.id = a.claimant_id",
            speaks_for.format(denial="a"),
        ),
        ("'control'", "'control'", "", "a.controller_id <> b.controller_id"),
    ]
    reversal = f"""
        SELECT a.id, b.id FROM claims_claim a JOIN claims_claim b
          ON b.claimant_id = a.claimant_id AND b.kind = a.kind AND b.id > a.id
         AND b.incident_id IS NULL AND {{place}}
        WHERE {id_block}a.incident_id IS NULL AND {live} AND a.polarity <> b.polarity AND {{retracting}}"""  # noqa: S608
    placeless, placed = "b.place_id IS NULL AND a.place_id IS NULL", "b.place_id = a.place_id"
    parts = [(same_incident, incident_params)]
    same_place = "COALESCE(b.place_id, 0) = COALESCE(a.place_id, 0) AND COALESCE(b.conflict_id, 0) = COALESCE(a.conflict_id, 0)"
    for kind, partner_kind, joins, condition in loose_kinds:
        sql = loose_pair.format(
            place=same_place, kind=kind, partner_kind=partner_kind, joins=joins, condition=condition
        )
        parts.append((sql, block_params[:2] + near_params))
    for place in (placeless, placed):
        for retracting in ("a.polarity = 'retracts'", "b.polarity = 'retracts'"):
            parts.append((reversal.format(place=place, retracting=retracting), block_params))
    # Control claims and denials of that control sit in incidents of different kinds: they meet by
    # place and time bucket, or by article when the denial names no place (rule 4b).
    control_denial = f"""
        SELECT a.id, b.id FROM claims_claim a JOIN claims_claim b
          ON b.kind = {{partner}} AND b.id > a.id AND {{join}}
        WHERE {id_block}a.kind = {{kind}} AND {live} AND {asserting} AND a.claimant_id <> b.claimant_id"""  # noqa: S608
    by_place = f"b.place_id = a.place_id AND {near}"
    for kind, partner in (("'control'", "'denial'"), ("'denial'", "'control'")):
        parts.append(
            (control_denial.format(kind=kind, partner=partner, join=by_place), near_params + block_params)
        )
    for kind, partner, placeless in (("'control'", "'denial'", "b"), ("'denial'", "'control'", "a")):
        join = f"b.article_id = a.article_id AND {placeless}.place_id IS NULL"
        parts.append((control_denial.format(kind=kind, partner=partner, join=join), block_params))
    sql = "\nUNION ALL\n".join(part for part, _ in parts)
    params = [value for _, part_params in parts for value in part_params]
    return sql, params


def candidate_pairs(*, block: Block) -> list[tuple[int, int]]:
    """Every pair of one block (see ``rescan_plan``) that a rule might flag."""
    sql, params = prefilter_sql(block=block)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(set(cursor.fetchall()))


def contradictions_rescan_block(
    *,
    lo: int,
    hi: int,
    incident_lo: int,
    incident_hi: int,
    started_at: datetime | None = None,
    bookkeeping: bool = True,
) -> dict[str, int]:
    """Re-check every pair of one block of the rescan plan and store the outcome for that block.

    Owns the contradiction rows of the incidents in ``[incident_lo, incident_hi]`` and the rows with no
    incident whose ``claim_a`` is in ``[lo, hi]``; marks the claims in ``[lo, hi]`` checked unless they
    changed after ``started_at`` (the sweep then picks them up) and refreshes their incidents' figures.
    ``bookkeeping=False`` skips that last part, for rescans that began with every claim checked.
    Idempotent.
    """
    started_at = started_at or timezone.now()
    with transaction.atomic():
        pairs = candidate_pairs(block=(lo, hi, incident_lo, incident_hi))
        facts = claims_facts(claim_ids={claim_id for pair in pairs for claim_id in pair})
        found: dict[Key, Planned] = {}
        for first, second in pairs:
            a, b = facts.get(first), facts.get(second)
            if a is not None and b is not None:
                _plan(a, b, check(a, b), found)
        scope = Q(incident_id__gte=incident_lo, incident_id__lte=incident_hi) | Q(
            incident__isnull=True, claim_a_id__gte=lo, claim_a_id__lte=hi
        )
        outcome = _sync(found, scope)
        if not bookkeeping:
            return {**outcome.as_dict(), "pairs": len(pairs), "checked": 0, "lo": lo, "hi": hi}
        # Incident figures follow claims, not rules: only incidents of claims never checked since their
        # last change need a refresh (a rescan after a rule change refreshes none).
        incidents_refresh_of_claims(
            lo=lo,
            hi=hi,
            claims_sql="(checked_at IS NULL OR checked_at < changed_at) AND changed_at <= %s",
            params=[started_at],
        )
        unchecked = Claim.objects.filter(_UNCHECKED, pk__gte=lo, pk__lte=hi, changed_at__lte=started_at)
        checked = unchecked.update(checked_at=F("changed_at"))
    return {**outcome.as_dict(), "pairs": len(pairs), "checked": checked, "lo": lo, "hi": hi}


#: A block not done this long after it was sent lost its message (longer than the block's time limit).
RESCAN_BLOCK_STALE_AFTER = timedelta(minutes=15)


def rescan_blocks_create(*, block_size: int = 50_000) -> tuple[uuid.UUID, list[int]]:
    """Start a full rescan on the workers: group pending claims and record one ``RescanBlock`` per
    block of the plan (not done yet); returns the rescan's id and the block ids to send."""
    started_at = timezone.now()
    claims_group_pending()
    bookkeeping = rescan_needs_bookkeeping()
    rescan_id = uuid.uuid4()
    rows = RescanBlock.objects.bulk_create(
        RescanBlock(
            rescan_id=rescan_id,
            lo=lo,
            hi=hi,
            incident_lo=incident_lo,
            incident_hi=incident_hi,
            started_at=started_at,
            bookkeeping=bookkeeping,
            sent_at=started_at,
        )
        for lo, hi, incident_lo, incident_hi in rescan_plan(block_size=block_size)
    )
    if rows and rows[0].pk is None:  # backends that do not return ids from a bulk insert
        rows = list(RescanBlock.objects.filter(rescan_id=rescan_id))
    return rescan_id, [row.pk for row in rows]


def rescan_block_done(*, block_id: int, outcome: dict) -> None:
    """Record that one rescan block has committed (a second run only refreshes the outcome)."""
    RescanBlock.objects.filter(pk=block_id, done_at__isnull=True).update(
        done_at=timezone.now(), outcome=outcome
    )


def rescan_blocks_progress(*, rescan_id) -> tuple[int, int]:
    """(blocks done, blocks in all) of a rescan, as the database has them."""
    counts = RescanBlock.objects.filter(rescan_id=rescan_id).aggregate(
        done=Count("id", filter=Q(done_at__isnull=False)), total=Count("id")
    )
    return counts["done"], counts["total"]


def rescan_blocks_stale(
    *, rescan_id=None, older_than: timedelta = RESCAN_BLOCK_STALE_AFTER, now: datetime | None = None
) -> list[int]:
    """Ids of rescan blocks sent more than ``older_than`` ago and still not done, their ``sent_at``
    moved to now (the caller sends them again)."""
    now = now or timezone.now()
    blocks = RescanBlock.objects.filter(done_at__isnull=True, sent_at__lt=now - older_than)
    if rescan_id is not None:
        blocks = blocks.filter(rescan_id=rescan_id)
    ids = list(blocks.values_list("pk", flat=True)[:1000])
    RescanBlock.objects.filter(pk__in=ids).update(sent_at=now)
    return ids


def contradictions_rescan(
    *, block_size: int = 50_000, progress: Callable[[dict[str, int]], None] | None = None
) -> SyncOutcome:
    """Re-check everything in this process, block after block (the Celery ``rescan`` fans the same out)."""
    started_at = timezone.now()
    claims_group_pending()
    bookkeeping = rescan_needs_bookkeeping()
    total = SyncOutcome()
    for lo, hi, incident_lo, incident_hi in rescan_plan(block_size=block_size):
        result = contradictions_rescan_block(
            lo=lo,
            hi=hi,
            incident_lo=incident_lo,
            incident_hi=incident_hi,
            started_at=started_at,
            bookkeeping=bookkeeping,
        )
        total += SyncOutcome(result["found"], result["created"], result["updated"], result["closed"])
        if progress is not None:
            progress(result)
    return total
