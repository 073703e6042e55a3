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
from django.db.models import Count, F, Max, Min, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from claims.contradictions import WINDOW_SLACK, event_window
from claims.models import (
    Claim,
    ClaimKind,
    ClaimStatus,
    Incident,
    IncidentKind,
    Polarity,
)
from claims.services.checks import enqueue_claim_checks
from sources.models import OPPOSITE_SIDES

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


def lock_block(namespace: str, key: int) -> None:
    """Serialise writers of one block (an incident, a place) until the transaction ends (PostgreSQL only).

    Two workers grouping claims of the same new event would otherwise both create an incident.
    """
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(%s, %s)", [zlib.crc32(namespace.encode()) & 0x7FFFFFFF, key]
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
    both sides), fair (two or more claimants), weak (one).
    """
    ids = sorted(set(incident_ids))
    changed = 0
    for start in range(0, len(ids), 2000):
        changed += _refresh_chunk(ids[start : start + 2000])
    return changed


def _refresh_chunk(ids: list[int]) -> int:
    live = Q(claims__status__in=[s for s in ClaimStatus if s != ClaimStatus.REJECTED])
    casualty = live & Q(claims__kind=ClaimKind.CASUALTY, claims__polarity=Polarity.ASSERTS)
    accusation = live & Q(claims__kind=ClaimKind.ACCUSATION, claims__polarity=Polarity.ASSERTS)
    rows = (
        Incident.objects.filter(pk__in=ids)
        .annotate(
            n_claims=Count("claims", distinct=True),
            n_live=Count("claims", filter=live, distinct=True),
            n_sources=Count("claims__claimant", filter=live, distinct=True),
            k_low=Min("claims__killed_min", filter=casualty),
            k_high=Max(Coalesce("claims__killed_max", "claims__killed_min"), filter=casualty),
            w_low=Min("claims__wounded_min", filter=casualty),
            w_high=Max(Coalesce("claims__wounded_max", "claims__wounded_min"), filter=casualty),
            n_self_blame=Count(
                "claims",
                filter=accusation
                & Q(claims__accused__side=F("claims__claimant__side"))
                & Q(claims__claimant__side__in=list(OPPOSITE_SIDES)),
            ),
            n_blame_az=Count("claims", filter=accusation & Q(claims__accused__side="azerbaijan")),
            n_blame_am=Count("claims", filter=accusation & Q(claims__accused__side="armenia")),
        )
        .order_by()
    )
    to_save = []
    for incident in rows:
        if incident.n_claims and not incident.n_live:
            grade = Incident.Grade.DISCOUNTED
        elif incident.n_self_blame:
            grade = Incident.Grade.CONFIRMED
        elif incident.n_blame_az and incident.n_blame_am:
            grade = Incident.Grade.CONTESTED
        elif incident.n_sources >= 2:
            grade = Incident.Grade.FAIR
        else:
            grade = Incident.Grade.WEAK
        new = (incident.k_low, incident.k_high, incident.w_low, incident.w_high, grade)
        old = (
            incident.killed_low,
            incident.killed_high,
            incident.wounded_low,
            incident.wounded_high,
            incident.grade,
        )
        if new != old:
            (
                incident.killed_low,
                incident.killed_high,
                incident.wounded_low,
                incident.wounded_high,
                incident.grade,
            ) = new
            to_save.append(incident)
    if to_save:
        Incident.objects.bulk_update(
            to_save, ["killed_low", "killed_high", "wounded_low", "wounded_high", "grade"], batch_size=1000
        )
    return len(to_save)


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
