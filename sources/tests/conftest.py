"""API fixtures (partners, keys, clients, a world of visible and hidden claims)."""

from partners.tests.fixtures import *  # noqa: F403
