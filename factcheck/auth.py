"""Login for the admin: Django's model backend, minus the development demo login in production.

``load_demo`` creates ``demo``/``demo`` only outside production, but a database loaded in development
may later run with ``DJANGO_ENV=production``; there that login is refused whatever its password.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.backends import ModelBackend

DEMO_USER = "demo"


class ProductionSafeModelBackend(ModelBackend):
    """``ModelBackend`` that refuses the demo user when ``settings.PRODUCTION`` is on."""

    def user_can_authenticate(self, user) -> bool:
        if settings.PRODUCTION and user.get_username() == DEMO_USER:
            return False
        return super().user_can_authenticate(user)
