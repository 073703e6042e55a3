"""Writes for incidents: reviewers' merge and split.

Merge and split move claims between incidents; the moved claims are marked changed and re-checked
after commit, which also closes contradictions that no longer hold.  Claims are grouped into incidents
by ``claims.services.grouping``; the cached figures are ``claims.services.incident_figures``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from claims.contradictions.facts import event_window
from claims.models import Claim, Incident
from claims.services.checks import claims_await_check
from claims.services.incident_figures import incidents_refresh


def _window_of(claims: Iterable[Claim]) -> tuple[datetime | None, datetime | None]:
    """The window spanning the claims' event windows (None, None without claims)."""
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
        setattr(claim, "_change_reason", f"incident: moved to #{incident.pk}")  # noqa: B010 (simple-history's hook)
        claim.save(update_fields=["incident", "changed_at", "updated_at"])
    claims_await_check(claim_ids=claim_ids, changed_at=now)


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
    # Saved below: the stored figures, not the ones the caller loaded, go into the audit trail.
    target.refresh_from_db()
    moved = list(Claim.objects.filter(incident_id__in=other_ids).values_list("pk", flat=True))
    _move_claims(moved, target)
    Incident.objects.filter(pk__in=other_ids).update(merged_into=target, updated_at=timezone.now())
    Incident.history.bulk_history_create(
        list(Incident.objects.filter(pk__in=other_ids)),
        update=True,
        default_change_reason=f"merged into #{target.pk}",
    )
    start, end = _window_of(Claim.objects.filter(incident=target))
    incidents = [target, *others]
    starts = [i.window_start for i in incidents if i.window_start] + ([start] if start else [])
    ends = [i.window_end for i in incidents if i.window_end] + ([end] if end else [])
    target.window_start = min(starts) if starts else None
    target.window_end = max(ends) if ends else None
    target.full_clean()
    _by_the_system_reason = f"merged #{', #'.join(map(str, other_ids))} into it"
    setattr(target, "_change_reason", _by_the_system_reason)  # noqa: B010 (simple-history's hook)
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
    incident.refresh_from_db()
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
