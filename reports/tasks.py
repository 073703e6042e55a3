"""Thin Celery tasks for reports and webhooks: ids and dates in, a service call, nothing else.

Every task is idempotent (unique rows and status guards), so beat firing twice, a redelivered
message or a retry never builds, mails or pushes twice. Routed to the "reports" queue by settings.
"""

from __future__ import annotations

from celery import shared_task

from factcheck.celery_policy import AT_LEAST_ONCE, NETWORK_ERRORS, RETRY_ON_TRANSIENT, retry_on_transient
from reports import services, webhooks
from reports.models import PeriodKind


@shared_task(**RETRY_ON_TRANSIENT)
def build_due_reports(kinds: list[str] | None = None) -> list[int]:
    """Build the last complete daily/weekly reports and any missed ones; enqueue their delivery."""
    return services.reports_build_due(kinds=kinds or [PeriodKind.DAILY, PeriodKind.WEEKLY])


# Mail servers recover slowly: a longer backoff, still below the broker's visibility timeout.
@shared_task(
    **retry_on_transient(also=(*NETWORK_ERRORS, services.ReportDeliveryError), backoff=60, backoff_max=1800)
)
def deliver_report(report_id: int) -> int:
    """Email one scheduled report to its subscribers; those already sent are skipped."""
    return len(services.report_deliver(report_id=report_id))


@shared_task(**RETRY_ON_TRANSIENT)
def push_webhooks() -> int:
    """Minutely: record a delivery for every contradiction changed past each partner's cursor and send it."""
    return webhooks.webhooks_push()


# Retries on its own schedule (the delay the delivery log computed), not on the transient policy.
@shared_task(bind=True, **AT_LEAST_ONCE, max_retries=webhooks.MAX_ATTEMPTS - 1)
def deliver_webhook(self, delivery_id: int) -> str:
    """POST one signed delivery; on failure retry with exponential backoff (the delay is on the log row)."""
    outcome = webhooks.webhook_delivery_send(delivery_id=delivery_id)
    if outcome.retry_in is not None:
        raise self.retry(countdown=outcome.retry_in, exc=webhooks.WebhookDeliveryFailed(outcome.error))
    return outcome.status
