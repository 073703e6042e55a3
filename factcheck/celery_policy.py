"""The one retry policy of every Celery task (claims, sources, credibility, reports).

A task is delivered at least once: ``acks_late`` and ``reject_on_worker_lost`` put its message back
when its worker dies, which is safe because every task is idempotent.  It retries only errors that can
succeed on a second try — the database or the network briefly unreachable — with exponential backoff
and jitter, never domain errors.  Spread a task's options into its decorator::

    @shared_task(ignore_result=True, soft_time_limit=60, time_limit=90, **RETRY_ON_TRANSIENT)

A task that sends something out (a report by mail) also retries network errors and its own delivery
error, over a longer backoff:
``retry_on_transient(also=(*NETWORK_ERRORS, ReportDeliveryError), backoff=60, backoff_max=1800)``.  A task a
periodic sweep runs again anyway takes ``AT_LEAST_ONCE`` alone.
"""

from __future__ import annotations

import smtplib
from typing import Any

from django.db import InterfaceError, OperationalError

#: Errors that can succeed on retry: the database briefly unreachable or its connection dropped.
TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (OperationalError, InterfaceError)
#: What a task that talks to another server adds: the network or the mail server briefly unreachable.
NETWORK_ERRORS: tuple[type[BaseException], ...] = (ConnectionError, TimeoutError, smtplib.SMTPException)
#: Longest wait between retries, in seconds; below the broker's one-hour visibility timeout.
BACKOFF_MAX = 120
MAX_RETRIES = 6

#: Redelivered when the worker dies; no automatic retry.
AT_LEAST_ONCE: dict[str, Any] = {"acks_late": True, "reject_on_worker_lost": True}


def retry_on_transient(
    *, also: tuple[type[BaseException], ...] = (), backoff: int | bool = True, backoff_max: int = BACKOFF_MAX
) -> dict[str, Any]:
    """Task options: at least once, retrying ``TRANSIENT_ERRORS`` (and ``also``) with backoff and jitter.

    ``backoff`` is the first delay in seconds (``True``: one second), doubled at each retry up to
    ``backoff_max``.
    """
    return {
        **AT_LEAST_ONCE,
        "autoretry_for": (*TRANSIENT_ERRORS, *also),
        "retry_backoff": backoff,
        "retry_backoff_max": backoff_max,
        "retry_jitter": True,
        "max_retries": MAX_RETRIES,
    }


#: The options of nearly every task.
RETRY_ON_TRANSIENT = retry_on_transient()
