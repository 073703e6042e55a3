"""Merging parties, orchestrated from the claims layer: claims move here, provenance in ``sources``.

``sources`` sits below ``claims`` and never writes a claim; so the merge a reviewer starts in the
admin is this service, which moves the claims (``claims_party_reassign``) and then lets
``sources.services.party_fold`` move aliases, outlets and sub-parties and delete the merged rows.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from claims.models import Claim
from claims.services.checks import claims_await_check
from sources.models import Party
from sources.services import party_fold

# Claim fields that point at a party; a merge moves every one of them.
CLAIM_PARTY_FIELDS = ("claimant", "relayed_by", "accused", "controller")


def claims_party_reassign(*, target: Party, other_ids: list[int]) -> list[int]:
    """Point every claim naming a party of ``other_ids`` (as claimant, relayed_by, accused or
    controller) at ``target`` instead; returns the ids of the claims moved.

    Moved claims count as changed (the claimant is a checked field): they await their check again,
    enqueued after commit.
    Claims are saved through django-simple-history's bulk helper, so the audit trail shows the merge
    on every claim it touched.  Call inside a transaction (the rows are locked).
    """
    now = timezone.now()
    moved: set[int] = set()
    for field in CLAIM_PARTY_FIELDS:
        claims = list(Claim.objects.select_for_update().filter(**{f"{field}_id__in": other_ids}))
        for claim in claims:
            setattr(claim, f"{field}_id", target.pk)
            claim.changed_at = now
            moved.add(claim.pk)
        bulk_update_with_history(
            claims,
            Claim,
            [field, "changed_at"],
            batch_size=500,
            default_change_reason=f"party merge into {target.pk}",
        )
    claims_await_check(claim_ids=moved, changed_at=now)
    return sorted(moved)


@transaction.atomic
def party_merge(*, target: Party, others: list[Party] | tuple[Party, ...]) -> Party:
    """Fold ``others`` into ``target``: their claims (as claimant, relayed_by, accused or controller),
    aliases (their names become aliases too), outlets and children move to ``target``; then they are
    deleted.  All in one transaction; the moved claims' contradiction checks run again after commit.
    """
    others = [p for p in others if p.pk != target.pk]
    if not others:
        return target
    claims_party_reassign(target=target, other_ids=[p.pk for p in others])
    party_fold(target=target, others=others)
    target.refresh_from_db()
    return target
