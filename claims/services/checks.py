"""The one door by which claims come to await their contradiction check (a pending row written in the
caller's transaction, and the check enqueued once it commits), and the check's own first read and last
write of that state."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db import connection, transaction

from claims.models import ClaimCheckPending
from claims.selectors.candidates import stored_datetime

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


@dataclass
class CheckStart:
    """A claim as its check first reads it: the values its candidate read needs, the change its pending
    check is for (``pending_since``, as stored; None when already checked), the sides' signature, and
    whether the statement already took the check's lock on the claim's incident."""

    pk: int
    kind: str
    act: str
    claimant_id: int
    stated_at: datetime
    polarity: str
    incident_id: int | None
    place_id: int | None
    event_start: datetime | None
    article_id: int | None
    pending_since: datetime | str | None
    sides_signature: tuple
    locked: bool


_START_COLUMNS = (
    "c.id, c.kind, c.act, c.claimant_id, c.stated_at, c.polarity, c.incident_id, c.place_id, c.event_start, "
    "c.article_id, p.changed_at, (SELECT COUNT(*) FROM sources_conflict), "
    "(SELECT MAX(updated_at) FROM sources_conflict), (SELECT COUNT(*) FROM sources_conflictside)"
)
_START_FROM = "FROM claims_claim c LEFT JOIN claims_claimcheckpending p ON p.claim_id = c.id WHERE c.id = %s"


def claim_check_begin(*, claim_id: int, lock_namespace: int) -> CheckStart | None:
    """Read a claim for its check in one round trip, None if it is gone; on PostgreSQL the same
    statement takes the check's advisory lock (``lock_namespace``, the incident's id) when the claim is
    in an incident, and sets the transaction's commit to not wait for the WAL flush and its joins to be
    planned as written (see ``claims.services.checking.claim_check``).

    Must run in the check's transaction.  The lock is taken after the claim row was read, as it was
    when the read and the lock were two statements: what the check compares is read after it."""
    postgresql = connection.vendor == "postgresql"
    if postgresql:
        sql = (
            "SELECT set_config('synchronous_commit', 'off', true), set_config('join_collapse_limit', '1', true), "
            f"{_START_COLUMNS}, CASE WHEN c.incident_id IS NOT NULL "
            f"THEN pg_advisory_xact_lock(%s, c.incident_id::integer)::text END IS NOT NULL {_START_FROM}"
        )
        params: list = [lock_namespace, claim_id]
    else:
        sql, params = f"SELECT '', '', {_START_COLUMNS}, 0 {_START_FROM}", [claim_id]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        return None
    (pk, kind, act, claimant_id, stated_at, polarity, incident_id, place_id, event_start, article_id) = row[
        2:12
    ]
    if not postgresql:  # dates are text in SQLite
        stated_at, event_start = stored_datetime(stated_at), stored_datetime(event_start)
    return CheckStart(
        pk=pk,
        kind=kind,
        act=act,
        claimant_id=claimant_id,
        stated_at=stated_at,
        polarity=polarity,
        incident_id=incident_id,
        place_id=place_id,
        event_start=event_start,
        article_id=article_id,
        pending_since=row[12],
        sides_signature=tuple(row[13:16]),
        locked=bool(row[16]),
    )


def claim_check_done(*, claim_id: int, pending_since: datetime | str) -> None:
    """Delete the claim's pending row if it still holds the change the check read (see
    ``claim_check_done_sql``)."""
    with connection.cursor() as cursor:
        cursor.execute(*claim_check_done_sql(claim_id=claim_id, pending_since=pending_since))


def claim_check_done_sql(*, claim_id: int, pending_since: datetime | str) -> tuple[str, list]:
    """``claim_check_done`` as a statement with its parameters, for a caller that sends it with another.

    One conditional DELETE: a change committed since set a newer ``changed_at``, and PostgreSQL re-reads
    the row it waited on, so the claim stays pending."""
    return "DELETE FROM claims_claimcheckpending WHERE claim_id = %s AND changed_at = %s", [
        claim_id,
        pending_since,
    ]
