"""API fixtures (partners, keys, clients) for the display tests."""

from partners.tests.fixtures import *  # noqa: F403
