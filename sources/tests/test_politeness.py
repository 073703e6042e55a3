"""Requests to one host spaced through the cache (sources.politeness)."""

import re

import pytest
from django.core.cache import cache

from sources.errors import FetchError
from sources.politeness import host_wait_turn


def test_a_second_request_to_a_host_waits_for_its_turn_and_then_gives_up(settings):
    settings.FACTCHECK_FETCH_HOST_INTERVAL = 60
    settings.FACTCHECK_FETCH_HOST_MAX_WAIT = 1
    cache.delete_many(["factcheck:fetch-host:polite.example", "factcheck:fetch-host:other.example"])
    naps: list[float] = []
    host_wait_turn("polite.example", sleep=naps.append)
    assert naps == []
    with pytest.raises(FetchError, match=re.escape("polite.example was fetched too recently")):
        host_wait_turn("polite.example", sleep=naps.append)
    assert naps
    assert sum(naps) >= 1
    host_wait_turn("other.example", sleep=naps.append)


def test_waiting_for_a_host_never_outlasts_the_fetch_deadline(settings):
    settings.FACTCHECK_FETCH_HOST_INTERVAL = 60
    settings.FACTCHECK_FETCH_HOST_MAX_WAIT = 30
    cache.delete("factcheck:fetch-host:busy.example")
    naps: list[float] = []
    host_wait_turn("busy.example", sleep=naps.append)
    with pytest.raises(FetchError, match="too recently"):
        host_wait_turn("busy.example", max_wait=0.5, sleep=naps.append)
    assert sum(naps) == 0.5
