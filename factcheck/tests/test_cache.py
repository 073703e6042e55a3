"""``factcheck.cache.RedisCache``: Django's Redis cache contract, one client per pool, one-trip incr."""

import pytest
from django.conf import settings

from factcheck.cache import RedisCache
from factcheck.testing import require_integration_services


@pytest.fixture
def redis_cache():
    require_integration_services()
    cache = RedisCache(settings.CELERY_BROKER_URL, {"KEY_PREFIX": "cache-test"})
    cache.clear()
    yield cache
    cache.clear()


def test_incrementing_a_missing_key_is_a_value_error_and_creates_nothing(redis_cache):
    with pytest.raises(ValueError, match="not found"):
        redis_cache.incr("counter")

    assert redis_cache.get("counter") is None


def test_incrementing_keeps_the_keys_expiry(redis_cache):
    redis_cache.set("counter", 1, 60)

    assert redis_cache.incr("counter") == 2
    assert redis_cache.incr("counter", 5) == 7
    assert redis_cache.get("counter") == 7
    client = redis_cache._cache.get_client(write=True)
    assert 0 < client.ttl(redis_cache.make_and_validate_key("counter")) <= 60


def test_one_client_serves_every_operation_and_each_sees_the_others_writes(redis_cache):
    first = redis_cache._cache.get_client(write=True)

    redis_cache.set("name", "Tartar", 60)
    assert redis_cache.get("name") == "Tartar"
    assert redis_cache.add("name", "other", 60) is False
    assert redis_cache._cache.get_client() is first
