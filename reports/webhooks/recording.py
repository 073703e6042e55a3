"""Recording deliveries: one per contradiction or verdict version past each partner's cursor, then sent."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from claims.models import Verdict
from claims.selectors.claims import verdicts_withdrawn, withdrawals_page
from claims.selectors.contradictions import contradictions_visible
from claims.selectors.visibility import verdicts_visible
from partners.models import Partner
from reports.models import DeliveryStatus, WebhookCursor, WebhookDelivery
from reports.selectors import REPORTED_KINDS
from reports.webhooks.payloads import (
    CLAIMANT_SIDES,
    contradiction_payload,
    verdict_payload,
    verdict_withdrawal_payload,
)

PUSH_BATCH = 500
#: Rows changed this recently may belong to transactions not yet committed; read them next minute.
SAFETY_LAG = timedelta(seconds=5)
#: A pending delivery this far past its retry time lost its message; the push run sends it again.
STALE_AFTER = timedelta(minutes=10)


def _changed_since(cursor: WebhookCursor, *, until: datetime):
    # Only contradictions the receiving partner may see: both claims published or its own
    # (claims.selectors.claims); reviewing a claim touches its contradictions, so one that becomes
    # visible later is pushed then.
    qs = contradictions_visible(partner=cursor.partner).filter(kind__in=REPORTED_KINDS, updated_at__lte=until)
    if cursor.last_updated_at is not None:
        qs = qs.filter(
            Q(updated_at__gt=cursor.last_updated_at)
            | Q(updated_at=cursor.last_updated_at, id__gt=cursor.last_id)
        )
    return (
        qs.select_related(
            "incident",
            "claim_a__claimant",
            "claim_a__article__outlet",
            "claim_b__claimant",
            "claim_b__article__outlet",
        )
        .prefetch_related(*CLAIMANT_SIDES)
        .order_by("updated_at", "id")
    )


def _cursor_locked(partner: Partner) -> WebhookCursor:
    """The partner's cursor, created if new, locked until the transaction ends."""
    WebhookCursor.objects.get_or_create(partner=partner)
    return WebhookCursor.objects.select_for_update().get(partner=partner)


def _unsent(partner: Partner, *, exclude: Iterable[int] = (), **rows: Any) -> list[int]:
    """Ids of the partner's deliveries among ``rows`` never attempted yet (those recorded by this run)."""
    return list(
        WebhookDelivery.objects.filter(partner=partner, status=DeliveryStatus.PENDING, attempts=0, **rows)
        .exclude(id__in=exclude)
        .values_list("id", flat=True)
    )


def webhook_deliveries_record(*, partner: Partner, now: datetime | None = None) -> list[int]:
    """Record a delivery for each contradiction changed past the partner's cursor; move the cursor.

    Returns the ids of deliveries to send. One batch per call (the next minute takes the next one).
    """
    now = now or timezone.now()
    with transaction.atomic():
        cursor = _cursor_locked(partner)
        batch = list(_changed_since(cursor, until=now - SAFETY_LAG)[:PUSH_BATCH])
        if not batch:
            return []
        seen = set(
            WebhookDelivery.objects.filter(
                partner=partner, contradiction_id__in=[c.id for c in batch]
            ).values_list("contradiction_id", flat=True)
        )
        rows = []
        for contradiction in batch:
            event = "contradiction.updated" if contradiction.id in seen else "contradiction.created"
            rows.append(
                WebhookDelivery(
                    partner=partner,
                    contradiction=contradiction,
                    contradiction_version=contradiction.updated_at,
                    event=event,
                    payload=contradiction_payload(contradiction, event=event),
                    url=partner.webhook_url,
                )
            )
        WebhookDelivery.objects.bulk_create(rows, ignore_conflicts=True)
        cursor.last_updated_at, cursor.last_id = batch[-1].updated_at, batch[-1].id
        cursor.save()
        return _unsent(partner, contradiction_id__in=[c.id for c in batch])


def _verdict_deliveries(partner: Partner, published: list[Verdict], withdrawn: list[dict]) -> list:
    """One unsaved delivery per verdict published or changed and per tombstone."""
    return [
        WebhookDelivery(
            partner=partner,
            verdict_id=verdict.id,
            verdict_version=verdict.updated_at,
            event="verdict.published",
            payload=verdict_payload(verdict),
            url=partner.webhook_url,
        )
        for verdict in published
    ] + [
        WebhookDelivery(
            partner=partner,
            verdict_id=row["tomb_id"],
            verdict_version=row["tomb_at"],
            event="verdict.withdrawn",
            payload=verdict_withdrawal_payload(row),
            url=partner.webhook_url,
        )
        for row in withdrawn
    ]


def _verdicts_read_to(
    published: list[Verdict], withdrawn: list[dict], rows: list, *, until: datetime
) -> datetime:
    """Where the next run reads on from (inclusive): a full batch's end where it stopped, else the newest
    version read (re-reading the last instant costs a look-up, never a second delivery)."""
    ends = [batch[-1] for batch in (published, withdrawn) if len(batch) == PUSH_BATCH]
    versions = [end.updated_at if isinstance(end, Verdict) else end["tomb_at"] for end in ends]
    if versions:
        return min(versions)
    return max(until if row.verdict_version is None else row.verdict_version for row in rows)


def webhook_verdict_deliveries_record(*, partner: Partner, now: datetime | None = None) -> list[int]:
    """Record a delivery for each verdict published, changed or withdrawn since the partner's verdict
    cursor (what the partner may see, or could and no longer can); move the cursor.

    Both streams are read from the cursor inclusive, so rows sharing the cursor's instant are never
    skipped; the unique (partner, verdict, version, event) row makes a re-read record nothing.
    Returns the ids of the new deliveries to send.
    """
    now = now or timezone.now()
    until = now - SAFETY_LAG
    with transaction.atomic():
        cursor = _cursor_locked(partner)
        since = cursor.verdicts_read_from
        changed = verdicts_visible(partner=partner).filter(updated_at__lte=until)
        if since is not None:
            changed = changed.filter(updated_at__gte=since)
        published = list(
            changed.select_related("claim__claimant", "claim__article__outlet")
            .prefetch_related("claim__claimant__conflict_sides__side")
            .order_by("updated_at", "id")[:PUSH_BATCH]
        )
        withdrawn = withdrawals_page(
            verdicts_withdrawn(partner=partner), since=since, until=until, after=None, limit=PUSH_BATCH
        )
        rows = _verdict_deliveries(partner, published, withdrawn)
        if not rows:
            return []
        existing = set(
            WebhookDelivery.objects.filter(
                partner=partner, verdict_id__in={row.verdict_id for row in rows}
            ).values_list("id", flat=True)
        )
        WebhookDelivery.objects.bulk_create(rows, ignore_conflicts=True)
        cursor.verdicts_read_from = _verdicts_read_to(published, withdrawn, rows, until=until)
        cursor.save()
        return _unsent(partner, verdict_id__in={row.verdict_id for row in rows}, exclude=existing)


def webhooks_push(*, now: datetime | None = None) -> int:
    """For every partner with a webhook: record new deliveries, and send them plus any stale ones.

    Returns the number of sends enqueued.
    """
    now = now or timezone.now()
    to_send: list[int] = []
    for partner in Partner.objects.filter(is_active=True).exclude(webhook_url=""):
        to_send += webhook_deliveries_record(partner=partner, now=now)
        to_send += webhook_verdict_deliveries_record(partner=partner, now=now)
    to_send += list(
        WebhookDelivery.objects.filter(status=DeliveryStatus.PENDING)
        .filter(
            Q(next_retry_at__lt=now - STALE_AFTER)
            | Q(next_retry_at__isnull=True, created_at__lt=now - STALE_AFTER)
        )
        .exclude(id__in=to_send)
        .values_list("id", flat=True)[:PUSH_BATCH]
    )
    transaction.on_commit(lambda: _enqueue_sends(to_send), robust=True)
    return len(to_send)


def _enqueue_sends(delivery_ids: list[int]) -> None:
    from reports.tasks import deliver_webhook  # late import: tasks import this module

    for delivery_id in delivery_ids:
        deliver_webhook.delay(delivery_id)


@transaction.atomic
def webhook_deliveries_retry(*, delivery_ids: list[int]) -> int:
    """Send pending or failed deliveries again now (an admin's "retry"); sent ones are left alone."""
    ids = list(
        WebhookDelivery.objects.filter(id__in=delivery_ids)
        .exclude(status=DeliveryStatus.SENT)
        .values_list("id", flat=True)
    )
    WebhookDelivery.objects.filter(id__in=ids).update(status=DeliveryStatus.PENDING, next_retry_at=None)
    transaction.on_commit(lambda: _enqueue_sends(ids), robust=True)
    return len(ids)
