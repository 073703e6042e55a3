"""Writes for credibility: load the claims set-based, run TruthFinder, upsert the scores that changed.

``credibility_recompute()`` is the whole run: the inputs (``credibility.inputs``, a handful of queries
whatever the number of claims), the computation (``credibility.computation``, numpy over
``credibility.truthfinder``), then bulk upserts of only the rows whose values changed, all in one
transaction under an advisory lock (PostgreSQL) so two runs never interleave their writes.  A second
run over the same data writes nothing.

``credibility_recompute_soon()`` is what review services call: it enqueues the task after commit,
debounced, so a burst of reviews triggers one run that sees all of them.

Independence: a party's group is the root of its tree (a ministry and its spokesperson are one
witness); a relayed claim is attributed to its claimant, and the relayer gets a score of its own (how
often what it relays holds up) without adding support.
"""

from __future__ import annotations

import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone

from claims.services.grouping import lock_block
from credibility.computation import credibility_compute
from credibility.inputs import credibility_inputs
from credibility.models import SCORE_FIELDS, CredibilityRun, IncidentEstimate, PartyCredibility

logger = logging.getLogger(__name__)

RUNS_KEPT = 200
_LOCK_KEY = 1
RECOMPUTE_LOCK = "credibility:recompute-soon"

PARTY_FIELDS = (*SCORE_FIELDS, "explanation")
INCIDENT_FIELDS = ("killed_likely", "killed_confidence", "wounded_likely", "wounded_confidence")


STREAM_THRESHOLD = 2000


def _write(
    model, key: str, fields: tuple[str, ...], rows: dict[int, tuple], now, *, stream: bool = False
) -> int:
    """Upsert the rows whose values changed and delete the rows no longer computed; returns the changes.

    ``stream``: on PostgreSQL, more than STREAM_THRESHOLD changed rows go through COPY into a temporary
    table and one INSERT ... ON CONFLICT DO UPDATE (plain columns only, no JSON).
    """
    existing = {row[0]: tuple(row[1:]) for row in model.objects.values_list("pk", *fields)}
    changed = [(pk, values) for pk, values in rows.items() if existing.get(pk) != values]
    if stream and connection.vendor == "postgresql" and len(changed) > STREAM_THRESHOLD:
        _copy_upsert(model, f"{key}_id", fields, changed, now)
    elif changed:
        model.objects.bulk_create(
            [
                model(**{f"{key}_id": pk, "computed_at": now, **dict(zip(fields, values, strict=True))})
                for pk, values in changed
            ],
            batch_size=2000,
            update_conflicts=True,
            unique_fields=[key],
            update_fields=[*fields, "computed_at"],
        )
    stale = [pk for pk in existing if pk not in rows]
    if stale:
        model.objects.filter(pk__in=stale).delete()
    return len(changed) + len(stale)


def _copy_upsert(
    model, pk_column: str, fields: tuple[str, ...], changed: list[tuple[int, tuple]], now
) -> None:
    """PostgreSQL: COPY the changed rows into a temporary table, then upsert them in one statement."""
    table = model._meta.db_table
    columns = [pk_column, *fields, "computed_at"]
    names = ", ".join(columns)
    updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in columns[1:])
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TEMPORARY TABLE _credibility_upsert (LIKE {table}) ON COMMIT DROP")
        with cursor.cursor.copy(f"COPY _credibility_upsert ({names}) FROM STDIN") as copy:
            for pk, values in changed:
                copy.write_row((pk, *values, now))
        upsert = f"INSERT INTO {table} ({names}) SELECT {names} FROM _credibility_upsert "  # noqa: S608 (model names)
        cursor.execute(f"{upsert}ON CONFLICT ({pk_column}) DO UPDATE SET {updates}")
        cursor.execute("DROP TABLE _credibility_upsert")


@transaction.atomic
def credibility_recompute() -> CredibilityRun:
    """Recompute every party's credibility and every incident's most likely figure; idempotent.

    Serialised by an advisory lock (PostgreSQL): a second run waits, then reads what the first wrote
    and any reviews since.  Only rows whose values changed are written (their ``computed_at`` is the
    time of this run); the run is logged as a ``CredibilityRun``.
    """
    lock_block("credibility", _LOCK_KEY)
    started = timezone.now()
    clock = time.perf_counter()
    inputs = credibility_inputs()
    loaded = time.perf_counter()
    computed = credibility_compute(inputs)
    done = time.perf_counter()
    changed = _write(PartyCredibility, "party", PARTY_FIELDS, computed.parties, started)
    changed += _write(IncidentEstimate, "incident", INCIDENT_FIELDS, computed.incidents, started, stream=True)
    written = time.perf_counter()
    run = CredibilityRun.objects.create(
        started_at=started,
        finished_at=timezone.now(),
        claims=computed.claims,
        parties=len(computed.parties),
        incidents=len(computed.incidents),
        iterations=computed.iterations,
        seconds=round(written - clock, 3),
        load_seconds=round(loaded - clock, 3),
        compute_seconds=round(done - loaded, 3),
        write_seconds=round(written - done, 3),
        changed=changed,
    )
    old = CredibilityRun.objects.order_by("-started_at", "-id").values_list("pk", flat=True)[
        RUNS_KEPT : RUNS_KEPT + 1
    ]
    if old:
        CredibilityRun.objects.filter(pk__lte=old[0]).delete()
    logger.info(
        "credibility: %s claims, %s iterations, %s rows changed", computed.claims, run.iterations, changed
    )
    return run


def credibility_recompute_soon() -> None:
    """Schedule a recompute after the current transaction commits, at most one per debounce window.

    Review services call this once per decision.  The first call in a window adds a cache key and
    enqueues the task with a countdown of the window; later calls in the window find the key and do
    nothing: the run, when it starts, reads every review committed meanwhile.
    """
    delay = settings.CREDIBILITY_RECOMPUTE_DELAY

    def _send() -> None:
        if not cache.add(RECOMPUTE_LOCK, 1, timeout=max(delay, 1)):
            return
        # Late: credibility.tasks imports this module (services enqueue tasks, tasks call services).
        from credibility.tasks import recompute_credibility  # noqa: PLC0415

        recompute_credibility.apply_async(countdown=delay)

    transaction.on_commit(_send, robust=True)
