"""Celery task for source credibility: thin and idempotent (a second run over the same data writes nothing).

``recompute_credibility()`` runs on the beat schedule (hourly, migration 0002) and after reviews
(``credibility.services.credibility_recompute_soon``, debounced); routed to the "reports" queue so it
never starves contradiction checks.
"""

from __future__ import annotations

from celery import shared_task

from credibility.services import credibility_recompute
from factcheck.celery_policy import RETRY_ON_TRANSIENT


@shared_task(ignore_result=True, soft_time_limit=600, time_limit=660, **RETRY_ON_TRANSIENT)
def recompute_credibility() -> dict[str, int]:
    """Recompute every party's credibility and every incident's most likely figure."""
    run = credibility_recompute()
    return {"claims": run.claims, "parties": run.parties, "changed": run.changed}
