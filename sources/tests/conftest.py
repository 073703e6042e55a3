"""API fixtures (partners, keys, clients, a world of visible and hidden claims); the local news site."""

import pytest

from partners.tests.fixtures import *  # noqa: F403
from sources.tests.local_web import LocalWeb


@pytest.fixture
def fetch_settings(settings):
    """Fetcher settings for tests: small timeouts and cap, no per-host spacing, and 127.0.0.1 allowed
    (the local site) -- tests of the SSRF guard clear the allowance for the address they test."""
    settings.FACTCHECK_FETCH_ALLOW_PRIVATE_HOSTS = ["127.0.0.1"]
    settings.FACTCHECK_FETCH_HOST_INTERVAL = 0
    settings.FACTCHECK_FETCH_CONNECT_TIMEOUT = 0.5
    settings.FACTCHECK_FETCH_READ_TIMEOUT = 0.5
    settings.FACTCHECK_FETCH_DEADLINE = 5.0
    settings.FACTCHECK_FETCH_MAX_BYTES = 16 * 1024
    return settings


@pytest.fixture
def web(fetch_settings):
    """The local news site (sources/tests/local_web.py), started for one test."""
    with LocalWeb() as site:
        yield site
