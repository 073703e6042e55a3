"""Writes for incidents: grouping claims into incidents, reviewers' merge and split, cached figures.

A claim with a place and an event kind is attached to an open incident of the same kind family at the
same place whose window overlaps the claim's (aliases are already resolved to one Place), or starts a
new one.  Merge and split move claims between incidents; the moved claims are marked changed and
re-checked after commit, which also closes contradictions that no longer hold.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from claims.contradictions import WINDOW_SLACK, event_window
from claims.models import Claim, ClaimKind, Incident, IncidentKind
from claims.services.checks import enqueue_claim_checks

# Which incident kinds a claim kind can belong to; statements are never grouped.
VIOLENCE = (IncidentKind.STRIKE, IncidentKind.ASSAULT, IncidentKind.CEASEFIRE_BREACH, IncidentKind.OTHER)
KIND_FAMILIES = {
    ClaimKind.CASUALTY: VIOLENCE,
    ClaimKind.ACCUSATION: VIOLENCE,
    ClaimKind.DENIAL: VIOLENCE,
    ClaimKind.CONTROL: (IncidentKind.CAPTURE,),
}
_ACT_KINDS = (
    (("ceasefire", "truce"), IncidentKind.CEASEFIRE_BREACH),
    (("assault", "offensive", "attack", "advance"), IncidentKind.ASSAULT),
)


def lock_block(namespace: str, key: int, *, relax_commit: bool = False) -> None:
    """Serialise writers of one block (an incident, a place) until the transaction ends (PostgreSQL only).

    Two workers grouping claims of the same new event would otherwise both create an incident.
    ``relax_commit`` also lets the transaction commit without waiting for the WAL flush, in the same
    round trip (for derived data that the sweep would rebuild if a crash lost it).
    """
    if connection.vendor != "postgresql":
        return
    relax = "SET LOCAL synchronous_commit = off; " if relax_commit else ""
    with connection.cursor() as cursor:
        cursor.execute(
            f"{relax}SELECT pg_advisory_xact_lock(%s, %s)", [zlib.crc32(namespace.encode()) & 0x7FFFFFFF, key]
        )


def incident_kind_for(*, claim_kind: str, act: str = "") -> str:
    """The kind of a new incident started by a claim: capture for control, else guessed from the act."""
    if claim_kind == ClaimKind.CONTROL:
        return IncidentKind.CAPTURE
    lowered = act.lower()
    for words, kind in _ACT_KINDS:
        if any(word in lowered for word in words):
            return kind
    return IncidentKind.STRIKE


def claim_group(*, claim: Claim) -> Incident | None:
    """Attach a claim without an incident to the matching incident, or start one; returns the incident.

    Claims without a place, statements, and claims already in an incident are left as they are.
    The assignment is bookkeeping of the check (``changed_at`` is not touched).
    """
    if claim.incident_id is not None:
        return claim.incident
    family = KIND_FAMILIES.get(claim.kind)
    if claim.place_id is None or family is None:
        return None
    with transaction.atomic():
        lock_block("incident-place", claim.place_id)
        start, end = event_window(claim.event_start, claim.event_end, claim.stated_at)
        matches = (
            Incident.objects.filter(kind__in=family, place_id=claim.place_id, merged_into__isnull=True)
            .filter(window_start__lte=end + WINDOW_SLACK)
            .filter(Q(window_end__gte=start - WINDOW_SLACK) | Q(window_end__isnull=True))
            .order_by("window_start", "id")
        )
        incident = min(matches[:20], key=lambda i: abs(i.window_start - start), default=None)
        if incident is None:
            incident = Incident.objects.create(
                kind=incident_kind_for(claim_kind=claim.kind, act=claim.act),
                place_id=claim.place_id,
                window_start=start,
                window_end=end,
                title=f"{IncidentKind(incident_kind_for(claim_kind=claim.kind, act=claim.act)).label} "
                f"at {claim.place.name}, {start:%d %b %Y}",
            )
        elif incident.window_start > start or (incident.window_end is not None and incident.window_end < end):
            incident.window_start = min(incident.window_start, start)
            incident.window_end = max(incident.window_end or end, end)
            incident.save(update_fields=["window_start", "window_end", "updated_at"])
        Claim.objects.filter(pk=claim.pk).update(incident=incident)
        claim.incident = incident
    return incident


def incidents_refresh(*, incident_ids: Iterable[int]) -> int:
    """Recompute the cached casualty range and the grade of the given incidents; returns how many changed.

    Range (Airwars): lowest and highest figure any source gave, over asserting claims not rejected; the
    low end is the conservative figure (ACLED).  Grade, strongest first: discounted (every claim
    rejected), confirmed (the accused side itself accuses its own), contested (accusations against
    both sides), fair (two or more claimants), weak (one).  The ``published_`` figures, which partners
    read, are the same over the published claims only.  One set-based UPDATE per 500 incidents,
    writing only the rows whose figures changed.
    """
    ids = sorted(set(incident_ids))
    changed = 0
    for start in range(0, len(ids), 500):
        changed += _refresh_chunk(ids[start : start + 500])
    return changed


_FIGURES_SQL = """
        MIN(c.killed_min) FILTER (WHERE {figure}) AS {p}k_low,
        MAX(COALESCE(c.killed_max, c.killed_min)) FILTER (WHERE {figure}) AS {p}k_high,
        MIN(c.wounded_min) FILTER (WHERE {figure}) AS {p}w_low,
        MAX(COALESCE(c.wounded_max, c.wounded_min)) FILTER (WHERE {figure}) AS {p}w_high,
        CASE
            WHEN COUNT(c.id) FILTER (WHERE {seen}) > 0 AND COUNT(c.id) FILTER (WHERE {live}) = 0 THEN 'discounted'
            WHEN COUNT(c.id) FILTER (WHERE {blame} AND pc.side = pa.side
                                     AND pc.side IN ('azerbaijan', 'armenia')) > 0 THEN 'confirmed'
            WHEN COUNT(c.id) FILTER (WHERE {blame} AND pa.side = 'azerbaijan') > 0
             AND COUNT(c.id) FILTER (WHERE {blame} AND pa.side = 'armenia') > 0 THEN 'contested'
            WHEN COUNT(DISTINCT c.claimant_id) FILTER (WHERE {live}) >= 2 THEN 'fair'
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
    LEFT JOIN sources_party pa ON pa.id = c.accused_id
    WHERE i.id IN ({ids})
    GROUP BY i.id
) s
WHERE claims_incident.id = s.id AND ({changed})
"""
# (column prefix, the claims that count as seen, the claims that count as live): the cached figures
# over every claim not rejected; the ``published_`` ones, which partners read, over published claims
# only (claims.selectors.claims: shared artefacts are built over published data).
_VARIANTS = (
    ("", "TRUE", "c.status <> 'rejected'"),
    ("published_", "c.status = 'verified'", "c.status = 'verified'"),
)


def _refresh_sql(count: int) -> str:
    figures, assignments, changed = [], [], []
    for prefix, seen, live in _VARIANTS:
        figures.append(
            _FIGURES_SQL.format(
                p=prefix,
                seen=f"c.id IS NOT NULL AND {seen}",
                live=live,
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
        ids=", ".join(["%s"] * count),
    )


def _refresh_chunk(ids: list[int]) -> int:
    with connection.cursor() as cursor:
        cursor.execute(_refresh_sql(len(ids)), [timezone.now(), *ids])
        return cursor.rowcount


def _window_of(claims: Iterable[Claim]) -> tuple[datetime | None, datetime | None]:
    windows = [event_window(c.event_start, c.event_end, c.stated_at) for c in claims]
    if not windows:
        return None, None
    return min(w[0] for w in windows), max(w[1] for w in windows)


def _move_claims(claim_ids: list[int], incident: Incident) -> None:
    """Move claims to an incident, marking them changed so their check runs again (and the sweep knows)."""
    now = timezone.now()
    for claim in Claim.objects.filter(pk__in=claim_ids):
        claim.incident = incident
        claim.changed_at = now
        claim._change_reason = f"incident: moved to #{incident.pk}"
        claim.save(update_fields=["incident", "changed_at", "updated_at"])
    enqueue_claim_checks(claim_ids)


@transaction.atomic
def incident_merge(*, target: Incident, others: Iterable[Incident]) -> Incident:
    """Merge incidents a reviewer says are one event into ``target``; their claims move and are re-checked.

    The merged incidents are kept, pointing at the target (``merged_into``), so links to them still resolve.
    """
    others = [other for other in others if other.pk != target.pk]
    if not others:
        return target
    if any(other.merged_into_id is not None for other in others) or target.merged_into_id is not None:
        raise ValidationError({"others": "An incident that was already merged cannot be merged again."})
    other_ids = [other.pk for other in others]
    moved = list(Claim.objects.filter(incident_id__in=other_ids).values_list("pk", flat=True))
    _move_claims(moved, target)
    Incident.objects.filter(pk__in=other_ids).update(merged_into=target, updated_at=timezone.now())
    start, end = _window_of(Claim.objects.filter(incident=target))
    incidents = [target, *others]
    starts = [i.window_start for i in incidents if i.window_start] + ([start] if start else [])
    ends = [i.window_end for i in incidents if i.window_end] + ([end] if end else [])
    target.window_start = min(starts) if starts else None
    target.window_end = max(ends) if ends else None
    target.full_clean()
    target.save()
    incidents_refresh(incident_ids=[target.pk, *other_ids])
    target.refresh_from_db()
    return target


@transaction.atomic
def incident_split(*, incident: Incident, claim_ids: Iterable[int], title: str = "") -> Incident:
    """Move the given claims of an incident to a new incident of the same kind and place; returns it.

    Both incidents' windows and figures are recomputed; the moved claims are re-checked, which closes
    the contradictions that paired them with claims left behind.
    """
    ids = set(claim_ids)
    members = set(Claim.objects.filter(incident=incident).values_list("pk", flat=True))
    if not ids:
        raise ValidationError({"claim_ids": "Choose at least one claim to split off."})
    if not ids <= members:
        raise ValidationError({"claim_ids": "Only claims of this incident can be split off."})
    if ids == members:
        raise ValidationError({"claim_ids": "Leave at least one claim in the incident."})
    moving = list(Claim.objects.filter(pk__in=ids))
    start, end = _window_of(moving)
    new = Incident(
        kind=incident.kind,
        place_id=incident.place_id,
        window_start=start,
        window_end=end,
        title=title or f"{incident} (split)",
    )
    new.full_clean()
    new.save()
    _move_claims(sorted(ids), new)
    start, end = _window_of(Claim.objects.filter(incident=incident))
    incident.window_start, incident.window_end = start, end
    incident.save(update_fields=["window_start", "window_end", "updated_at"])
    incidents_refresh(incident_ids=[incident.pk, new.pk])
    new.refresh_from_db()
    return new
