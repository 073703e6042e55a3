"""Per-partner throttling: every key of a partner shares one bucket; staff are not throttled.

Requests whose key is unknown, revoked or expired never reach a partner's bucket (authentication fails
first), so they are counted per client address instead (``BadKeyThrottle``): past the rate, the address
gets 429 before its key is even looked up.

Both count in fixed windows (``WindowCounterMixin``): one integer per bucket, raised with the cache's
atomic ``incr`` and expiring when the window that the bucket's first request opened closes, so a request
moves a few bytes whatever the rate.  DRF's own ``SimpleRateThrottle`` keeps a list of every request time
in the window and reads and writes it whole on each request (at 600/minute, up to 600 pickled floats
each way).  The price of a fixed window: a client may send up to twice the rate across two windows.
"""

from __future__ import annotations

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from partners.auth import PartnerPrincipal


class WindowCounterMixin(SimpleRateThrottle):
    """Fixed-window counting on top of ``SimpleRateThrottle``'s rate parsing and cache keys."""

    # Set by SimpleRateThrottle.__init__ from the rate (the stub omits them); read only when a rate is set.
    num_requests: int
    duration: int

    def _count(self, *, add: bool) -> int:
        """Requests counted in this bucket's window, raised by one first when ``add``.  A window opens at
        the bucket's first request and lasts ``duration`` seconds (the counter's expiry)."""
        if not add:
            return int(self.cache.get(self.key, 0))
        try:
            count = int(self.cache.incr(self.key))
        except ValueError:  # no open window: this request opens one
            if self.cache.add(self.key, 1, self.duration):
                self.cache.set(f"{self.key}:opened", self.timer(), self.duration)
                return 1
            count = int(self.cache.incr(self.key))
        if count == 1:
            # The window expired between the cache's existence check and the increment, which then made
            # a counter without an expiry: give it one, or the bucket would never empty.
            self.cache.touch(self.key, self.duration)
        return count

    def allow_request(self, request, view) -> bool:
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        return self._count(add=True) <= self.num_requests

    def wait(self) -> float | None:
        """Seconds until the window closes (read only when a request is refused)."""
        opened = self.cache.get(f"{self.key}:opened")
        if opened is None:
            return float(self.duration)
        return max(1.0, opened + self.duration - self.timer())


class PartnerRateThrottle(WindowCounterMixin):
    """Rate from ``DEFAULT_THROTTLE_RATES["partner"]``; answers 429 with ``Retry-After``."""

    scope = "partner"

    def get_rate(self) -> str | None:
        # Read at request time (not import time) so a settings override takes effect.
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)  # type: ignore[return-value]  # stub types rates as numbers; they are strings like "60/min"

    def get_cache_key(self, request, view) -> str | None:
        user = request.user
        if not isinstance(user, PartnerPrincipal):
            return None
        return self.cache_format % {"scope": self.scope, "ident": user.partner.pk}


class BadKeyThrottle(WindowCounterMixin):
    """Failed key authentications per client address (``DEFAULT_THROTTLE_RATES["bad_key"]``)."""

    scope = "bad_key"

    def get_rate(self) -> str | None:
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)  # type: ignore[return-value]  # stub types rates as numbers; they are strings like "60/min"

    def get_cache_key(self, request, view) -> str | None:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}

    def over_limit(self, request) -> float | None:
        """Seconds to wait when this address has failed too often, else None (nothing recorded)."""
        if self.rate is None:
            return None
        self.key = self.get_cache_key(request, None)
        if self._count(add=False) >= self.num_requests:
            return self.wait()
        return None

    def record_failure(self, request) -> None:
        """Count one failed key from this address."""
        if self.rate is None:
            return
        self.key = self.get_cache_key(request, None)
        self._count(add=True)
