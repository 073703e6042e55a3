"""The Redis cache backend: Django's own, with one client per connection pool and ``incr`` in one round
trip.

Django's ``RedisCacheClient`` builds a new ``redis.Redis`` object for every operation (filling its
table of response callbacks each time) and increments with ``EXISTS`` then ``INCRBY``: two round trips
and a window in which the key can expire between the two, leaving a counter without an expiry.  The
throttles count every API request in this cache, so both costs are paid on every request.  Here a
client is built once per pool (``redis.Redis`` is thread-safe over its pool, and the pool reconnects
after a fork), and the increment is one Lua script: the same contract (``ValueError`` for a missing
key), atomic.  The settings use it for ``redis://`` cache URLs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient

#: Increment an existing key, or answer nil (the key is missing) without creating it.
_INCR_EXISTING = """
if redis.call('EXISTS', KEYS[1]) == 1 then
    return redis.call('INCRBY', KEYS[1], ARGV[1])
end
return false
"""


class ReusingRedisCacheClient(RedisCacheClient):
    """``RedisCacheClient`` that reuses one ``redis.Redis`` per connection pool."""

    # Set by RedisCacheClient (the stubs leave its private members out).
    _client: Any
    _get_connection_pool: Callable[[bool], Any]

    def __init__(self, servers, **options: Any) -> None:
        super().__init__(servers, **options)
        self._clients: dict[int, Any] = {}
        self._incr_script: Any = None

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client

    def incr(self, key, delta):
        if self._incr_script is None:
            # Writes always go to the first server's pool, so one client (and one script) serves them.
            self._incr_script = self.get_client(key, write=True).register_script(_INCR_EXISTING)
        value = self._incr_script(keys=[key], args=[delta])
        if value is None:
            raise ValueError(f"Key '{key}' not found.")
        return value


class RedisCache(DjangoRedisCache):
    """Django's Redis cache over ``ReusingRedisCacheClient``."""

    def __init__(self, server, params) -> None:
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient
