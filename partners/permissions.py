"""Scope permissions: staff may do anything; a partner key needs ``read`` to read and ``submit`` to submit."""

from __future__ import annotations

from rest_framework import permissions
from rest_framework.request import Request

from partners.auth import PartnerPrincipal
from partners.models import Scope


def is_staff_user(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_staff and user.is_active)


def request_partner(request: Request):
    """The calling partner, or None for staff (and anonymous) requests."""
    user = getattr(request, "user", None)
    return user.partner if isinstance(user, PartnerPrincipal) else None


class _ScopePermission(permissions.BasePermission):
    scope: str = ""
    safe_only = False
    message = "Your API key lacks the required scope."

    def has_permission(self, request: Request, view) -> bool:
        user = request.user
        if is_staff_user(user):
            return True
        if not isinstance(user, PartnerPrincipal):
            return False
        if self.safe_only and request.method not in permissions.SAFE_METHODS:
            self.message = "Partner keys may not change this resource."
            return False
        if not user.has_scope(self.scope):
            self.message = f"Your API key lacks the '{self.scope}' scope."
            return False
        return True


class HasReadScope(_ScopePermission):
    """The project default: staff, or a partner key with ``read`` on safe methods only."""

    scope = Scope.READ
    safe_only = True


class HasSubmitScope(_ScopePermission):
    """Submitting articles and claims: staff, or a partner key with ``submit``."""

    scope = Scope.SUBMIT


class IsStaff(permissions.BasePermission):
    """Review actions: staff users only."""

    message = "Only staff reviewers may do this."

    def has_permission(self, request: Request, view) -> bool:
        return is_staff_user(request.user)
