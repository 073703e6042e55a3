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

One module per concern: ``signing`` (signature and backoff), ``payloads``, ``recording`` (cursors,
deliveries, the push run) and ``sending``.  The names below are the package's public interface.
"""

from reports.webhooks.recording import (
    STALE_AFTER,
    webhook_deliveries_record,
    webhook_deliveries_retry,
    webhook_verdict_deliveries_record,
    webhooks_push,
)
from reports.webhooks.sending import SendOutcome, webhook_delivery_send
from reports.webhooks.signing import (
    MAX_ATTEMPTS,
    WebhookDeliveryFailed,
    webhook_backoff,
    webhook_body,
    webhook_signature,
    webhook_signature_verify,
)

__all__ = [
    "MAX_ATTEMPTS",
    "STALE_AFTER",
    "SendOutcome",
    "WebhookDeliveryFailed",
    "webhook_backoff",
    "webhook_body",
    "webhook_deliveries_record",
    "webhook_deliveries_retry",
    "webhook_delivery_send",
    "webhook_signature",
    "webhook_signature_verify",
    "webhook_verdict_deliveries_record",
    "webhooks_push",
]
