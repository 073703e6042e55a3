"""The one place that enqueues contradiction checks, always after the transaction commits."""

from __future__ import annotations

import logging

from django.db import transaction

logger = logging.getLogger(__name__)


def _check_claim_task():
    # Late: claims.tasks imports the services (services enqueue tasks, tasks call services).
    from claims.tasks import check_claim  # noqa: PLC0415

    return check_claim


def enqueue_claim_checks(claim_ids: list[int] | tuple[int, ...]) -> None:
    """Schedule ``check_claim`` for each id once the current transaction commits.

    ``robust=True``: if the broker is unreachable the write still succeeds; the claim keeps
    ``checked_at < changed_at`` and the periodic sweep re-enqueues it, so nothing is lost.
    """
    ids = [int(i) for i in claim_ids]
    if not ids:
        return

    def _send() -> None:
        task = _check_claim_task()
        for claim_id in ids:
            task.delay(claim_id)

    transaction.on_commit(_send, robust=True)
