"""Signing a delivery (what partners verify on receipt), and how long to wait before sending it again."""

from __future__ import annotations

import hashlib
import hmac
import json
import random
from datetime import datetime

from django.utils import timezone

MAX_ATTEMPTS = 8
BACKOFF_BASE_SECONDS = 30
#: Below the broker's visibility timeout (1 h): a retry waiting longer on Redis would be delivered twice.
BACKOFF_MAX_SECONDS = 50 * 60
SIGNATURE_TOLERANCE_SECONDS = 300


class WebhookDeliveryFailed(Exception):
    """The partner's endpoint did not accept the delivery; retried by Celery with backoff."""


def webhook_body(payload: dict) -> bytes:
    """The exact bytes that are signed and sent: compact, key-sorted JSON."""
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def webhook_signature(*, secret: str, timestamp: int | str, body: bytes) -> str:
    """The ``X-Factcheck-Signature`` value: HMAC-SHA256 of ``"<timestamp>." + body`` under the secret."""
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
