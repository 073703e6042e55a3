"""Celery task for source credibility: thin and idempotent (a second run over the same data writes nothing).

``recompute_credibility()`` runs on the beat schedule (hourly, migration 0002) and after reviews
(``credibility.services.credibility_recompute_soon``, debounced); routed to the "reports" queue so it
never starves contradiction checks.
"""

from __future__ import annotations

from celery import shared_task
from django.db import InterfaceError, OperationalError


@shared_task(
    ignore_result=True,
    soft_time_limit=600,
    time_limit=660,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=True,
    retry_backoff_max=120,
    retry_jitter=True,
    max_retries=6,
)
def recompute_credibility() -> dict[str, int]:
    """Recompute every party's credibility and every incident's most likely figure."""
    from credibility.services import credibility_recompute

    run = credibility_recompute()
    return {"claims": run.claims, "parties": run.parties, "changed": run.changed}
