"""Thin Celery tasks for reports and webhooks: ids and dates in, a service call, nothing else.

Every task is idempotent (unique rows and status guards), so beat firing twice, a redelivered
message or a retry never builds, mails or pushes twice. Routed to the "reports" queue by settings.
"""

from __future__ import annotations

import smtplib

from celery import shared_task
from django.db import OperationalError

from reports import services, webhooks
from reports.models import PeriodKind

RETRYABLE = (OperationalError, ConnectionError, TimeoutError, smtplib.SMTPException)


@shared_task(
    acks_late=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    retry_jitter=True,
    max_retries=5,
)
def build_due_reports(kinds: list[str] | None = None) -> list[int]:
    """Build the last complete daily/weekly reports and any missed ones; enqueue their delivery."""
    return services.reports_build_due(kinds=kinds or [PeriodKind.DAILY, PeriodKind.WEEKLY])


@shared_task(
    acks_late=True,
    autoretry_for=(*RETRYABLE, services.ReportDeliveryError),
    retry_backoff=60,
    retry_backoff_max=1800,  # below the broker's visibility timeout
    retry_jitter=True,
    max_retries=6,
)
def deliver_report(report_id: int) -> int:
    """Email one scheduled report to its subscribers; those already sent are skipped."""
    return len(services.report_deliver(report_id=report_id))


@shared_task(acks_late=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3)
def push_webhooks() -> int:
    """Minutely: record a delivery for every contradiction changed past each partner's cursor and send it."""
    return webhooks.webhooks_push()


@shared_task(bind=True, acks_late=True, max_retries=webhooks.MAX_ATTEMPTS - 1)
def deliver_webhook(self, delivery_id: int) -> str:
    """POST one signed delivery; on failure retry with exponential backoff (the delay is on the log row)."""
    outcome = webhooks.webhook_delivery_send(delivery_id=delivery_id)
    if outcome.retry_in is not None:
        raise self.retry(countdown=outcome.retry_in, exc=webhooks.WebhookDeliveryFailed(outcome.error))
    return outcome.status
