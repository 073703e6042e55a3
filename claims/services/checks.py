"""The one door by which claims come to await their contradiction check: a pending row written in the
caller's transaction, and the check enqueued once it commits."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime

from django.db import transaction

from claims.models import ClaimCheckPending

logger = logging.getLogger(__name__)

# Pending rows per INSERT.
_BATCH = 1000


def _check_claim_task():
    # Late: claims.tasks imports the services (services enqueue tasks, tasks call services).
    from claims.tasks import check_claim  # noqa: PLC0415

    return check_claim


def claims_await_check(*, claim_ids: Iterable[int], changed_at: datetime) -> None:
    """Mark claims just changed (their ``changed_at`` set to ``changed_at`` in this transaction) as
    awaiting their contradiction check, and enqueue the checks after commit.

    Every writer that bumps a claim's ``changed_at`` calls this.  The ``ClaimCheckPending`` rows are
    upserted (an already pending claim now waits for its newer change), so the state survives a lost
    message: the sweep re-enqueues whatever is still pending.
    """
    ids = sorted({int(i) for i in claim_ids})
    if not ids:
        return
    ClaimCheckPending.objects.bulk_create(
        [ClaimCheckPending(claim_id=claim_id, changed_at=changed_at) for claim_id in ids],
        update_conflicts=True,
        unique_fields=["claim"],
        update_fields=["changed_at"],
        batch_size=_BATCH,
    )
    enqueue_claim_checks(ids)


def enqueue_claim_checks(claim_ids: list[int] | tuple[int, ...]) -> None:
    """Schedule ``check_claim`` for each id once the current transaction commits.

    ``robust=True``: if the broker is unreachable the write still succeeds; the claim keeps its
    pending row and the periodic sweep re-enqueues it, so nothing is lost.
    """
    ids = [int(i) for i in claim_ids]
    if not ids:
        return

    def _send() -> None:
        task = _check_claim_task()
        for claim_id in ids:
            task.delay(claim_id)

    transaction.on_commit(_send, robust=True)
