"""Partner webhooks: every new or changed contradiction, and every verdict published or withdrawn,
pushed as signed JSON, with a delivery log.

How it stays reliable without trusting the broker: a minutely task (``webhooks_push``) reads the
contradictions whose ``updated_at`` is past each partner's cursor, records one ``WebhookDelivery``
per contradiction version (a unique row, so a second run records nothing new), moves the cursor in
the same transaction, and enqueues the sends after commit. A send that fails is retried by Celery
with exponential backoff; a delivery whose retry message was lost is found again by the same
minutely run. Delivery is therefore at least once: partners deduplicate on X-Factcheck-Delivery.

Published verdicts go the same way (``verdict.published`` when a verdict the partner may see is set or
changed, ``verdict.withdrawn`` when it is withdrawn, its claim leaves the published set, or it is
deleted): the same minutely run reads both streams past the partner's verdict cursor through the one
visibility rule (``claims.selectors.claims``: ``verdicts_visible`` and ``verdicts_withdrawn``), records
one delivery per verdict version and event (a unique row: a second run records nothing new), and
enqueues the sends after commit.

Signature: ``X-Factcheck-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>." + raw body)>``
with ``X-Factcheck-Timestamp: <unix seconds>``; partners reject stale timestamps to stop replays.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from claims.claimreview import claim_reviewed, fact_check_url
from claims.models import Claim, ClaimStatus, Contradiction, Verdict
from claims.selectors.claims import verdicts_visible, verdicts_withdrawn, withdrawals_page
from claims.selectors.contradictions import contradictions_visible
from partners.models import Partner
from reports.models import DeliveryStatus, WebhookCursor, WebhookDelivery
from reports.selectors import REPORTED_KINDS, admin_change_url
from sources.fetching import FetchError, UnsafeURLError, url_post

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
BACKOFF_BASE_SECONDS = 30
#: Below the broker's visibility timeout (1 h): a retry waiting longer on Redis would be delivered twice.
BACKOFF_MAX_SECONDS = 50 * 60
PUSH_BATCH = 500
#: Rows changed this recently may belong to transactions not yet committed; read them next minute.
SAFETY_LAG = timedelta(seconds=5)
#: A pending delivery this far past its retry time lost its message; the push run sends it again.
STALE_AFTER = timedelta(minutes=10)
TIMEOUT = (5, 15)
SIGNATURE_TOLERANCE_SECONDS = 300
USER_AGENT = "factcheck-webhooks/1"


class WebhookDeliveryFailed(Exception):
    """The partner's endpoint did not accept the delivery; retried by Celery with backoff."""


@dataclass(frozen=True)
class SendOutcome:
    status: str
    retry_in: int | None = None
    error: str = ""


def webhook_body(payload: dict) -> bytes:
    """The exact bytes that are signed and sent: compact, key-sorted JSON."""
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def webhook_signature(*, secret: str, timestamp: int | str, body: bytes) -> str:
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def webhook_signature_verify(
    *,
    secret: str,
    timestamp: str,
    body: bytes,
    signature: str,
    now: datetime | None = None,
    tolerance: int = SIGNATURE_TOLERANCE_SECONDS,
) -> bool:
    """What a partner runs on receipt: the signature matches and the timestamp is fresh."""
    try:
        sent = int(timestamp)
    except (TypeError, ValueError):
        return False
    current = (now or timezone.now()).timestamp()
    if abs(current - sent) > tolerance:
        return False
    return hmac.compare_digest(webhook_signature(secret=secret, timestamp=sent, body=body), signature)


def webhook_backoff(*, attempt: int, jitter: bool = True) -> int:
    """Seconds to wait after failed attempt number ``attempt``: 30 s, 1 min, 2 min, ... up to 50 min, +0–10%.

    Eight attempts span about an hour; after that the delivery is marked failed (the admin can retry it).
    """
    delay = min(BACKOFF_BASE_SECONDS * 2 ** max(attempt - 1, 0), BACKOFF_MAX_SECONDS)
    return int(delay + (random.uniform(0, delay / 10) if jitter else 0))


def _side_in_conflict(claim: Claim) -> str:
    """The claimant's side slug in the claim's conflict (from the prefetched ``conflict_sides``)."""
    for party_side in claim.claimant.conflict_sides.all():
        if party_side.conflict_id == claim.conflict_id:
            return party_side.side.slug
    return "unknown"


CLAIMANT_SIDES = ("claim_a__claimant__conflict_sides__side", "claim_b__claimant__conflict_sides__side")


def _claim_payload(claim: Claim) -> dict:
    article = claim.article
    return {
        "id": claim.id,
        "kind": claim.kind,
        "status": claim.status,
        "claimant": {"id": claim.claimant_id, "name": claim.claimant.name, "side": _side_in_conflict(claim)},
        "quote": claim.quote,
        "stated_at": claim.stated_at.isoformat() if claim.stated_at else None,
        "killed": [claim.killed_min, claim.killed_max] if claim.killed_min is not None else None,
        "wounded": [claim.wounded_min, claim.wounded_max] if claim.wounded_min is not None else None,
        "accused_id": claim.accused_id,
        "act": claim.act,
        "article": {
            "url": article.url,
            "title": article.title,
            "outlet": article.outlet.name if article.outlet else None,
            "published_at": article.published_at.isoformat() if article.published_at else None,
        }
        if article
        else None,
    }


def contradiction_payload(contradiction: Contradiction, *, event: str) -> dict:
    return {
        "event": event,
        "contradiction": {
            "id": contradiction.id,
            "kind": contradiction.kind,
            "status": contradiction.status,
            "explanation": contradiction.explanation,
            "score": contradiction.score,
            "incident": {"id": contradiction.incident_id, "title": str(contradiction.incident)}
            if contradiction.incident
            else None,
            "detected_at": contradiction.detected_at.isoformat(),
            "updated_at": contradiction.updated_at.isoformat(),
            "reviewed_at": contradiction.reviewed_at.isoformat() if contradiction.reviewed_at else None,
            "holding_claim_id": contradiction.holding_claim_id,
            "claims": [_claim_payload(contradiction.claim_a), _claim_payload(contradiction.claim_b)],
            "admin_url": admin_change_url(
                app_label="claims", model_name="contradiction", pk=contradiction.id
            ),
        },
    }


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


def webhook_deliveries_record(*, partner: Partner, now: datetime | None = None) -> list[int]:
    """Record a delivery for each contradiction changed past the partner's cursor; move the cursor.

    Returns the ids of deliveries to send. One batch per call (the next minute takes the next one).
    """
    now = now or timezone.now()
    with transaction.atomic():
        WebhookCursor.objects.get_or_create(partner=partner)
        cursor = WebhookCursor.objects.select_for_update().get(partner=partner)
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
        return list(
            WebhookDelivery.objects.filter(
                partner=partner,
                status=DeliveryStatus.PENDING,
                attempts=0,
                contradiction_id__in=[c.id for c in batch],
            ).values_list("id", flat=True)
        )


def verdict_payload(verdict: Verdict) -> dict:
    """``verdict.published``: the rating, the reasoning, the public fact-check page and the claim."""
    claim = verdict.claim
    return {
        "event": "verdict.published",
        "verdict": {
            "id": verdict.id,
            "claim_id": verdict.claim_id,
            "rating": verdict.rating,
            "rating_label": verdict.get_rating_display(),
            "claim_reviewed": claim_reviewed(verdict),
            "summary": verdict.summary,
            "evidence_links": verdict.evidence_links,
            "url": fact_check_url(verdict_id=verdict.id) if claim.status == ClaimStatus.VERIFIED else None,
            "created_at": verdict.created_at.isoformat(),
            "updated_at": verdict.updated_at.isoformat(),
            "claim": _claim_payload(claim),
        },
    }


def verdict_withdrawal_payload(row: dict) -> dict:
    """``verdict.withdrawn``: the tombstone only (the claim may no longer be the partner's to read)."""
    return {
        "event": "verdict.withdrawn",
        "verdict": {
            "id": row["tomb_id"],
            "withdrawn": True,
            "withdrawn_at": row["tomb_at"].isoformat(),
            "reason": row["tomb_reason"],
        },
    }


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
        WebhookCursor.objects.get_or_create(partner=partner)
        cursor = WebhookCursor.objects.select_for_update().get(partner=partner)
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
        rows = [
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
        if not rows:
            return []
        existing = set(
            WebhookDelivery.objects.filter(
                partner=partner, verdict_id__in={row.verdict_id for row in rows}
            ).values_list("id", flat=True)
        )
        WebhookDelivery.objects.bulk_create(rows, ignore_conflicts=True)
        # A full batch ends where it stopped, else the newest version read; the next run reads on from
        # there inclusive (re-reading the last instant costs a look-up, never a second delivery).
        ends = [batch[-1] for batch in (published, withdrawn) if len(batch) == PUSH_BATCH]
        versions = [end.updated_at if isinstance(end, Verdict) else end["tomb_at"] for end in ends]
        cursor.verdicts_read_from = (
            min(versions)
            if versions
            else max(until if row.verdict_version is None else row.verdict_version for row in rows)
        )
        cursor.save()
        return list(
            WebhookDelivery.objects.filter(
                partner=partner,
                status=DeliveryStatus.PENDING,
                attempts=0,
                verdict_id__in={row.verdict_id for row in rows},
            )
            .exclude(id__in=existing)
            .values_list("id", flat=True)
        )


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


def _retryable(status_code: int | None) -> bool:
    """Network errors, timeouts, 408, 429 and 5xx can succeed later; other 4xx will not."""
    return status_code is None or status_code in (408, 429) or status_code >= 500


def webhook_delivery_send(*, delivery_id: int, now: datetime | None = None) -> SendOutcome:
    """POST one delivery to the partner, signed; record the attempt and when to retry.

    The row stays locked during the request, so two workers holding the same message send it once.
    """
    with transaction.atomic():
        delivery = WebhookDelivery.objects.select_for_update().select_related("partner").get(pk=delivery_id)
        if delivery.status != DeliveryStatus.PENDING:
            return SendOutcome(status=delivery.status)
        partner = delivery.partner
        now = now or timezone.now()
        delivery.attempts += 1
        if not (partner.is_active and partner.webhook_url and partner.webhook_secret):
            delivery.status = DeliveryStatus.FAILED
            delivery.last_error = "The partner has no active webhook URL and secret."
            delivery.next_retry_at = None
            delivery.save()
            return SendOutcome(status=delivery.status, error=delivery.last_error)
        body = webhook_body(delivery.payload)
        timestamp = str(int(now.timestamp()))
        headers = {
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            "X-Factcheck-Event": delivery.event,
            "X-Factcheck-Delivery": str(delivery.id),
            "X-Factcheck-Timestamp": timestamp,
            "X-Factcheck-Signature": webhook_signature(
                secret=partner.webhook_secret, timestamp=timestamp, body=body
            ),
        }
        delivery.url = partner.webhook_url
        refused = False
        code: int | None = None
        try:
            # The same SSRF guard as article fetching: no private, loopback or metadata addresses.
            answered = url_post(delivery.url, body=body, headers=headers, timeout=TIMEOUT)
        except UnsafeURLError as exc:
            error, refused = exc.messages[0], True
        except FetchError as exc:
            error = exc.messages[0]
        else:
            code = answered
            error = "" if 200 <= answered < 300 else f"HTTP {answered}"
        delivery.response_code = code
        delivery.last_error = error[:2000]
        retry_in = None
        if code is not None and 200 <= code < 300:
            delivery.status = DeliveryStatus.SENT
            delivery.sent_at = now
            delivery.next_retry_at = None
        elif not refused and _retryable(code) and delivery.attempts < MAX_ATTEMPTS:
            retry_in = webhook_backoff(attempt=delivery.attempts)
            delivery.next_retry_at = now + timedelta(seconds=retry_in)
        else:
            delivery.status = DeliveryStatus.FAILED
            delivery.next_retry_at = None
        delivery.save()
        if delivery.status != DeliveryStatus.SENT:
            logger.warning("Webhook delivery %s to %s: %s", delivery.id, partner, error)
        return SendOutcome(status=delivery.status, retry_in=retry_in, error=error)
