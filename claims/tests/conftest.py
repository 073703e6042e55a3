"""API fixtures (partners, keys, clients, a world of visible and hidden claims)."""

from partners.tests.fixtures import *  # noqa: F403
from sources.tests.local_web import fetch_settings, web  # noqa: F401
