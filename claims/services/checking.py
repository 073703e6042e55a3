"""Writes for contradictions: check one claim against its candidates, find the claims still unchecked.

Every path ends in ``contradictions_sync`` (the full rescan, ``claims.services.rescan``, too): findings
are upserted race-safely (``bulk_create(ignore_conflicts=True)`` on the unique (claim_a, claim_b, kind)
constraint, so two workers checking both claims of a pair write one row), changed explanations are
updated, closed rows that hold again are reopened, and open rows that no longer hold are closed, never
deleted.  Reviewers' decisions (confirmed, dismissed, resolved) are left as they are.  Same-claimant
updates are stored with kind ``update`` as resolved, the later claim holding: they are never open.

A claim awaits its check while it has a ``ClaimCheckPending`` row (``claims.services.checks``
writes it with every change); the check deletes that row only if it still holds the change the check
read, so an edit made during the check leaves the claim pending for the sweep.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from claims.contradictions import ClaimFacts, Finding, check
from claims.models import Claim, Contradiction, ContradictionKind, ContradictionStatus
from claims.selectors.candidates import claim_with_candidates
from claims.services.checks import CheckStart, claim_check_begin, claim_check_done, claim_check_done_sql
from claims.services.grouping import claim_group, family_of, lock_block, lock_namespace
from claims.services.incident_figures import incident_refresh_from_facts, incidents_refresh
from sources.caches import SIDES_CACHE
from sources.selectors import SideRelations, side_relations

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
        """The counts by name, as a rescan block reports them."""
        return {"found": self.found, "created": self.created, "updated": self.updated, "closed": self.closed}


@dataclass(frozen=True)
class Planned:
    """A finding placed on its stored pair, with the incident and (for updates) the claim that holds."""

    finding: Finding
    incident_id: int | None
    holding_id: int | None


def findings_plan(
    a: ClaimFacts, b: ClaimFacts, findings: Iterable[Finding], into: dict[Key, Planned]
) -> None:
    """Put each finding for ``a`` and ``b`` on their stored pair (smaller id first) in ``into``."""
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


def contradictions_sync(
    found: dict[Key, Planned], scope: Q, *, existing: dict[Key, Contradiction] | None = None
) -> SyncOutcome:
    """Make the stored contradictions within ``scope`` match ``found`` (see the module docstring);
    ``existing``: the stored rows within ``scope`` when the caller has read them."""
    now = timezone.now()
    outcome = SyncOutcome(found=len(found))
    existing = _stored(scope) if existing is None else existing
    outcome.created = _insert_new(found, existing, scope, now)
    changed, reasons = _reconcile(found, existing, now, outcome)
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


def _stored(scope: Q) -> dict[Key, Contradiction]:
    """The stored rows within ``scope``, by pair and kind, with the columns a sync compares."""
    return {
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


def _stored_of_claim(claim_id: int) -> dict[Key, Contradiction]:
    """``_stored`` for the pairs of one claim, written as SQL (the check's hot path)."""
    rows = Contradiction.objects.raw(
        "SELECT id, claim_a_id, claim_b_id, kind, status, explanation, score, score_reasons, incident_id "
        "FROM claims_contradiction WHERE claim_a_id = %s OR claim_b_id = %s",
        [claim_id, claim_id],
    )
    return {(row.claim_a_id, row.claim_b_id, row.kind): row for row in rows}


def _insert_new(
    found: dict[Key, Planned], existing: dict[Key, Contradiction], scope: Q, now: datetime
) -> int:
    """Insert the findings not stored yet (race-safely) with their audit entries; returns how many."""
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
    if not new:
        return 0
    Contradiction.objects.bulk_create(new, ignore_conflicts=True, batch_size=2000)
    # Rows inserted without ids (ignore_conflicts): read back the ones this sync made.
    _history_by_engine(Contradiction.objects.filter(scope, detected_at__gte=now), {}, created=True)
    return len(new)


def _reconcile(
    found: dict[Key, Planned], existing: dict[Key, Contradiction], now: datetime, outcome: SyncOutcome
) -> tuple[list[Contradiction], dict[int, str]]:
    """Close the stored rows no longer found, update or reopen the others; returns the rows changed and
    each one's audit reason (``outcome`` counts them)."""
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
    return changed, reasons


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

    A check is derived data: if a crash lost its commit, the claim would keep its pending row too and
    the sweep would check it again, so the commit need not wait for a disk flush.  Its statements are
    planned with their joins in the written order (the repeat test's join plans in about 1 ms instead
    of 4-8 ms).  A grouped claim costs four round trips between BEGIN and COMMIT: the claim read with
    its lock, the facts of the claim and its candidates, the stored rows, and the figure refresh with
    its audit entry and the pending row's delete (more only when findings change or the claim is
    grouped now).
    """
    with transaction.atomic():
        claim = claim_check_begin(claim_id=claim_id, lock_namespace=lock_namespace(_INCIDENT_LOCK))
        if claim is None:
            return None
        if claim.incident_id is None and family_of(kind=claim.kind, act=claim.act) is not None:
            loaded = Claim.objects.get(pk=claim_id)
            claim_group(claim=loaded)
            claim.incident_id = loaded.incident_id
        if not claim.locked:
            block = (
                (_INCIDENT_LOCK, claim.incident_id)
                if claim.incident_id is not None
                else ("check-loose", claim.place_id or 0)
            )
            lock_block(*block, relax_commit=True, written_join_order=True)
        relations = _side_relations(claim.sides_signature)
        facts, candidates = claim_with_candidates(claim=claim, relations=relations)
        found: dict[Key, Planned] = {}
        for other in candidates:
            findings_plan(facts, other, check(facts, other), found)
        outcome = contradictions_sync(
            found, Q(claim_a_id=claim.pk) | Q(claim_b_id=claim.pk), existing=_stored_of_claim(claim.pk)
        )
        # Re-checking a claim not pending (a duplicate message) leaves its incident's figures as they are.
        if claim.pending_since is not None:
            _incident_refresh_and_done(claim, facts, candidates, relations)
    return outcome


_INCIDENT_LOCK = "check-incident"


def _side_relations(signature: tuple) -> SideRelations:
    """The sides of every conflict, looked up again only when ``signature`` (read with the claim) changed;
    kept in the sources' conflict cache, so a pack load or a test clears it with the rest."""
    cached = SIDES_CACHE.get("by_check_signature")
    if isinstance(cached, tuple) and cached[0] == signature:
        return cached[1]
    relations = side_relations()
    SIDES_CACHE["by_check_signature"] = (signature, relations)
    return relations


def _incident_refresh_and_done(
    claim: CheckStart, facts: ClaimFacts, candidates: list[ClaimFacts], relations: SideRelations
) -> None:
    """Refresh the figures of the checked claim's incident from the claims in hand (the candidates hold
    every claim of that incident that is not rejected), then delete the claim's pending row, in one
    round trip.  Should the claim have moved to another incident since it was first read, both
    incidents are refreshed from the table."""
    assert claim.pending_since is not None
    done = claim_check_done_sql(claim_id=claim.pk, pending_since=claim.pending_since)
    if facts.incident_id is not None and facts.incident_id == claim.incident_id:
        same = [other for other in candidates if other.incident_id == facts.incident_id]
        incident_refresh_from_facts(
            incident_id=facts.incident_id, claims=[facts, *same], relations=relations, along=done
        )
        return
    if facts.incident_id is not None or claim.incident_id is not None:
        incidents_refresh(incident_ids=[i for i in (facts.incident_id, claim.incident_id) if i is not None])
    claim_check_done(claim_id=claim.pk, pending_since=claim.pending_since)
