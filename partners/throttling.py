"""Per-partner throttling: every key of a partner shares one bucket; staff are not throttled."""

from __future__ import annotations

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from partners.auth import PartnerPrincipal


class PartnerRateThrottle(SimpleRateThrottle):
    """Rate from ``DEFAULT_THROTTLE_RATES["partner"]``; answers 429 with ``Retry-After``."""

    scope = "partner"

    def get_rate(self) -> str | None:
        # Read at request time (not import time) so a settings override takes effect.
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_cache_key(self, request, view) -> str | None:
        user = request.user
        if not isinstance(user, PartnerPrincipal):
            return None
        return self.cache_format % {"scope": self.scope, "ident": user.partner.pk}
