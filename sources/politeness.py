"""Politeness towards the hosts the fetcher visits: requests to one host are spaced by
``FACTCHECK_FETCH_HOST_INTERVAL`` seconds through the cache (shared by all workers when the cache is
Redis); a caller that finds the host too soon waits, at most ``FACTCHECK_FETCH_HOST_MAX_WAIT`` seconds,
then gets a ``FetchError``.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache

from sources.errors import FetchError


def host_wait_turn(host: str, *, max_wait: float | None = None, sleep=time.sleep) -> None:
    """Wait until this host may be fetched again (one request per interval per host, across workers).

    The cache holds a key per host for the interval; taking it with ``add`` is atomic in Redis and in
    the local-memory cache.  Waits at most FACTCHECK_FETCH_HOST_MAX_WAIT seconds (or ``max_wait``, if
    shorter: what is left of a fetch's deadline), then refuses.
    """
    interval = float(settings.FACTCHECK_FETCH_HOST_INTERVAL)
    if interval <= 0:
        return
    key = f"factcheck:fetch-host:{host}"
    limit = float(settings.FACTCHECK_FETCH_HOST_MAX_WAIT)
    if max_wait is not None:
        limit = min(limit, max_wait)
    waited = 0.0
    step = min(interval, 0.25)
    while not cache.add(key, 1, timeout=interval):
        if waited >= limit:
            raise FetchError(f"{host} was fetched too recently; try again later.")
        sleep(step)
        waited += step
