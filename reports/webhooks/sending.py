"""Sending one delivery: signed, through the SSRF guard, its attempt recorded with when to retry."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from reports.models import DeliveryStatus, WebhookDelivery
from reports.webhooks.signing import MAX_ATTEMPTS, webhook_backoff, webhook_body, webhook_signature
from sources.errors import FetchError, UnsafeURLError
from sources.fetching import url_post

logger = logging.getLogger(__name__)

TIMEOUT = (5, 15)
USER_AGENT = "factcheck-webhooks/1"


@dataclass(frozen=True)
class SendOutcome:
    """What one send did: the delivery's status, seconds until the retry (if any) and the error."""

    status: str
    retry_in: int | None = None
    error: str = ""


def _retryable(status_code: int | None) -> bool:
    """Network errors, timeouts, 408, 429 and 5xx can succeed later; other 4xx will not."""
    return status_code is None or status_code in (408, 429) or status_code >= 500


def _post(delivery: WebhookDelivery, *, secret: str, now: datetime) -> tuple[int | None, str, bool]:
    """POST the delivery's body, signed: the status code (``None`` if none came back), the error
    (empty on a 2xx) and whether the guard refused the URL (never worth a retry)."""
    body = webhook_body(delivery.payload)
    timestamp = str(int(now.timestamp()))
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "X-Factcheck-Event": delivery.event,
        "X-Factcheck-Delivery": str(delivery.id),
        "X-Factcheck-Timestamp": timestamp,
        "X-Factcheck-Signature": webhook_signature(secret=secret, timestamp=timestamp, body=body),
    }
    try:
        # The same SSRF guard as article fetching: no private, loopback or metadata addresses.
        answered = url_post(delivery.url, body=body, headers=headers, timeout=TIMEOUT)
    except UnsafeURLError as exc:
        return None, exc.messages[0], True
    except FetchError as exc:
        return None, exc.messages[0], False
    return answered, "" if 200 <= answered < 300 else f"HTTP {answered}", False


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
        delivery.url = partner.webhook_url
        code, error, refused = _post(delivery, secret=partner.webhook_secret, now=now)
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
