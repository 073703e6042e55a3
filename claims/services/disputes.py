"""The review desk's units of work: disputes, who has them, and settling them once.

A dispute is the open contradictions of one incident and kind (Hadrut's four pairwise control
contradictions are one dispute); a contradiction outside any incident is a dispute of its own. It is
computed from the rows, not stored: the engine, merges and splits move contradictions between incidents
and the disputes follow. Assignment is written on every open pair of the dispute (it is in their audit
trail); the soft lock of whoever has the dispute open is not audited and expires by itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Min, Q, QuerySet
from django.utils import timezone

from claims.models import Claim, Contradiction, ContradictionStatus, Note
from claims.services.claims import audit_user, history_attribute
from claims.services.reviews import ReviewAction, contradiction_review

LOCK_MINUTES = 15


def dispute_q(contradiction: Contradiction) -> Q:
    """The rows of ``contradiction``'s dispute (any status): same incident and kind, or itself alone."""
    if contradiction.incident_id is None:
        return Q(pk=contradiction.pk)
    return Q(incident_id=contradiction.incident_id, kind=contradiction.kind)


def dispute_key(contradiction: Contradiction) -> tuple:
    """What ``dispute_q`` groups by, for rows already in hand: the incident and kind, or the row alone."""
    if contradiction.incident_id is None:
        return ("contradiction", contradiction.pk)
    return ("incident", contradiction.incident_id, contradiction.kind)


def dispute_open(contradiction: Contradiction) -> QuerySet[Contradiction]:
    """The open pairs of the dispute, oldest first."""
    return Contradiction.objects.filter(dispute_q(contradiction), status=ContradictionStatus.OPEN).order_by(
        "id"
    )


def dispute_heads(queryset: QuerySet[Contradiction]) -> QuerySet[Contradiction]:
    """One row per dispute of ``queryset``'s open rows: the lowest id of each incident and kind, and every
    contradiction outside an incident. The queue lists these."""
    grouped = (
        queryset.filter(incident__isnull=False)
        .order_by()
        .values("incident_id", "kind")
        .annotate(head=Min("id"))
        .values("head")
    )
    return queryset.filter(Q(pk__in=grouped) | Q(incident__isnull=True))


@transaction.atomic
def dispute_assign(*, contradiction: Contradiction, assignee: Any, by: Any) -> int:
    """Assign the dispute's open pairs to ``assignee`` (None: unassign); returns how many pairs."""
    rows = list(dispute_open(contradiction).select_for_update())
    now = timezone.now()
    for row in rows:
        row.assigned_to = assignee
        row.assigned_at = now if assignee is not None else None
        history_attribute(
            row, user=by, reason=f"assigned to {assignee}" if assignee is not None else "unassigned"
        )
        row.save(update_fields=["assigned_to", "assigned_at", "updated_at"])
    return len(rows)


def dispute_take(*, contradiction: Contradiction, reviewer: Any) -> int:
    """The reviewer takes the dispute (assigns it to themself)."""
    return dispute_assign(contradiction=contradiction, assignee=reviewer, by=reviewer)


@transaction.atomic
def dispute_release(*, contradiction: Contradiction, reviewer: Any) -> int:
    """Give the dispute back to the unassigned queue and drop the reviewer's lock."""
    dispute_open(contradiction).filter(locked_by=reviewer).update(locked_by=None, locked_until=None)
    return dispute_assign(contradiction=contradiction, assignee=None, by=reviewer)


@transaction.atomic
def dispute_take_next(*, reviewer: Any) -> Contradiction | None:
    """The newest open dispute nobody has (unassigned, not locked by someone else), taken by the reviewer."""
    now = timezone.now()
    free = (
        Contradiction.objects.filter(status=ContradictionStatus.OPEN, assigned_to__isnull=True)
        .exclude(Q(locked_until__gt=now) & ~Q(locked_by=reviewer))
        .order_by("-detected_at", "-id")
    )
    head = free.first()
    if head is None:
        return None
    dispute_take(contradiction=head, reviewer=reviewer)
    return head


@dataclass(frozen=True)
class Lock:
    """Who has the dispute open, until when; ``mine`` when it is the asking reviewer."""

    user: Any
    until: datetime
    mine: bool


@transaction.atomic
def dispute_lock(*, contradiction: Contradiction, reviewer: Any, minutes: int = LOCK_MINUTES) -> Lock | None:
    """Lock the dispute for the reviewer who opens it, unless someone else holds an unexpired lock: then
    return theirs (the page shows it) and leave it. None for a dispute with nothing open."""
    now = timezone.now()
    rows = dispute_open(contradiction)
    held = rows.filter(locked_until__gt=now).exclude(locked_by=reviewer).select_related("locked_by").first()
    if held is not None and held.locked_until is not None:  # always set: filtered on it
        return Lock(held.locked_by, held.locked_until, mine=False)
    until = now + timedelta(minutes=minutes)
    if not rows.update(locked_by=reviewer, locked_until=until):
        return None
    return Lock(reviewer, until, mine=True)


@dataclass(frozen=True)
class Settled:
    decided: list[int]
    left_open: list[int]


def _holder(pair: Contradiction, chosen: Claim, against: set[int]) -> int | None:
    """In a pair of the dispute, the claim that holds when ``chosen`` holds: the chosen claim itself, or the
    one that does not stand against it; None when that cannot be told."""
    if chosen.pk in (pair.claim_a_id, pair.claim_b_id):
        return chosen.pk
    a_against, b_against = pair.claim_a_id in against, pair.claim_b_id in against
    if a_against != b_against:
        return pair.claim_b_id if a_against else pair.claim_a_id
    return None


@transaction.atomic
def dispute_settle(
    *,
    contradiction: Contradiction,
    action: str,
    reviewer: Any,
    note: str = "",
    holding_claim: Claim | None = None,
    dismiss_reason: str = "",
) -> Settled:
    """Settle a dispute once: every open pair gets the decision. Resolving names the claim that holds; in
    the other pairs the claims on its side hold (those it is not in contradiction with). A pair whose
    holder cannot be told stays open and is returned in ``left_open``."""
    if action not in (ReviewAction.CONFIRM, ReviewAction.DISMISS, ReviewAction.RESOLVE):
        raise ValidationError({"action": f"Unknown action '{action}'; use confirm, dismiss or resolve."})
    pairs = list(dispute_open(contradiction).select_related("claim_a", "claim_b"))
    if not pairs:
        raise ValidationError("This dispute has nothing open any more.")
    against: set[int] = set()
    if action == ReviewAction.RESOLVE:
        if holding_claim is None:
            raise ValidationError({"holding_claim": "Resolving needs the claim that holds."})
        for pair in pairs:
            if holding_claim.pk in (pair.claim_a_id, pair.claim_b_id):
                against.add(pair.claim_b_id if pair.claim_a_id == holding_claim.pk else pair.claim_a_id)
        if not against:
            raise ValidationError(
                {"holding_claim": "The claim that holds must be one of the dispute's claims."}
            )
    decided, left_open = [], []
    for pair in pairs:
        holder = None
        if action == ReviewAction.RESOLVE and holding_claim is not None:  # checked above
            holder_id = _holder(pair, holding_claim, against)
            if holder_id is None:
                left_open.append(pair.pk)
                continue
            holder = pair.claim_a if holder_id == pair.claim_a_id else pair.claim_b
        contradiction_review(
            contradiction=pair,
            action=action,
            reviewer=reviewer,
            note=note,
            holding_claim=holder,
            dismiss_reason=dismiss_reason,
        )
        decided.append(pair.pk)
    Contradiction.objects.filter(pk__in=decided).update(locked_by=None, locked_until=None)
    return Settled(decided, left_open)


@transaction.atomic
def note_add(*, author: Any, text: str, claim=None, contradiction=None, incident=None) -> Note:
    """A reviewer's note on one claim, contradiction or incident (it shows in that object's history)."""
    text = text.strip()
    if not text:
        raise ValidationError({"text": "A note needs some text."})
    if sum(x is not None for x in (claim, contradiction, incident)) != 1:
        raise ValidationError("A note is on exactly one claim, contradiction or incident.")
    note = Note(
        claim=claim, contradiction=contradiction, incident=incident, text=text, author=audit_user(author)
    )
    history_attribute(note, user=author)
    note.full_clean()
    note.save()
    return note
