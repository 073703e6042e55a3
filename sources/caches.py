"""In-process caches of conflict data (sides, time zones), cleared whenever a pack is loaded.

Readers key them on the conflicts' ``updated_at`` where a stale read would matter; clearing them on
load makes the change visible at once in the loading process.
"""

from __future__ import annotations

SIDES_CACHE: dict[str, object] = {}
TIMEZONES: dict[int | None, object] = {}


def conflict_caches_clear() -> None:
    """Forget cached sides and time zones (after a pack load, or between tests)."""
    SIDES_CACHE.clear()
    TIMEZONES.clear()
