"""Per-partner throttling: every key of a partner shares one bucket; staff are not throttled.

Requests whose key is unknown, revoked or expired never reach a partner's bucket (authentication fails
first), so they are counted per client address instead (``BadKeyThrottle``): past the rate, the address
gets 429 before its key is even looked up.
"""

from __future__ import annotations

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from partners.auth import PartnerPrincipal


class PartnerRateThrottle(SimpleRateThrottle):
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


class BadKeyThrottle(SimpleRateThrottle):
    """Failed key authentications per client address (``DEFAULT_THROTTLE_RATES["bad_key"]``)."""

    scope = "bad_key"
    # Set by SimpleRateThrottle.__init__ from the rate (the stub omits them); read only when a rate is set.
    num_requests: int
    duration: int

    def get_rate(self) -> str | None:
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)  # type: ignore[return-value]  # stub types rates as numbers; they are strings like "60/min"

    def get_cache_key(self, request, view) -> str | None:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}

    def over_limit(self, request) -> float | None:
        """Seconds to wait when this address has failed too often, else None (nothing recorded)."""
        if self.rate is None:
            return None
        self.key = self.get_cache_key(request, None)
        self.history = self.cache.get(self.key, [])
        self.now = self.timer()
        while self.history and self.history[-1] <= self.now - self.duration:
            self.history.pop()
        if len(self.history) >= self.num_requests:
            return self.wait()
        return None

    def record_failure(self, request) -> None:
        if self.rate is None:
            return
        if self.over_limit(request) is None:
            self.history.insert(0, self.now)
            self.cache.set(self.key, self.history, self.duration)
