"""Who is calling the API: a partner's API key, or a staff user (session or staff token).

A partner request carries a ``PartnerPrincipal`` as ``request.user`` and the ``PartnerAPIKey`` as
``request.auth``; staff requests carry the Django user.  Every failure to authenticate is a 401.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef
from django.utils import timezone
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from claims.models import Claim
from partners.models import Partner, PartnerAPIKey, StaffToken
from sources.models import Article

API_KEY_HEADER = "HTTP_X_API_KEY"
API_KEY_KEYWORD = "Api-Key"


@dataclass(frozen=True)
class PartnerPrincipal:
    """The ``request.user`` of a partner request: never staff, never a Django user."""

    partner: Partner
    api_key: PartnerAPIKey
    scopes: frozenset[str] = field(default_factory=frozenset)

    is_authenticated = True
    is_anonymous = False
    is_active = True
    is_staff = False
    is_superuser = False
    pk = None
    id = None

    def __str__(self) -> str:
        return f"partner:{self.partner.name}"

    def has_scope(self, scope: str) -> bool:
        return scope in self.scopes


def _key_from_request(request: Request) -> str | None:
    """The key sent, or None when no key header is present (a blank one is an invalid key)."""
    if API_KEY_HEADER in request.META:
        return request.META[API_KEY_HEADER].strip()
    header = request.META.get("HTTP_AUTHORIZATION", "")
    if not isinstance(header, str):
        header = header.decode("latin-1")
    keyword, _, value = header.partition(" ")
    if keyword.lower() == API_KEY_KEYWORD.lower():
        return value.strip()
    return None


def partner_key_authenticate(*, key: str) -> PartnerAPIKey:
    """The usable key matching ``key``, with its partner loaded; raises ``AuthenticationFailed``."""
    prefix, _, _ = key.partition(".")
    if not key:
        raise exceptions.AuthenticationFailed("The API key is empty.")
    api_key = (
        PartnerAPIKey.objects.select_related("partner")
        .annotate(
            partner_submitted_claims=Exists(Claim.objects.filter(submitted_by=OuterRef("partner_id"))),
            partner_submitted_articles=Exists(Article.objects.filter(submitted_by=OuterRef("partner_id"))),
        )
        .filter(prefix=prefix, revoked=False)
        .first()
        if prefix
        else None
    )
    if api_key is None or not api_key.is_valid(key):
        raise exceptions.AuthenticationFailed("Invalid or revoked API key.")
    if api_key.expiry_date is not None and api_key.expiry_date < timezone.now():
        raise exceptions.AuthenticationFailed("This API key has expired.")
    if not api_key.partner.is_active:
        raise exceptions.AuthenticationFailed("This partner's access is suspended.")
    # Read with the key in the same query: a partner that never submitted anything sees exactly the
    # published rows, which lets the visibility filter use the status index (see claim_visible_q).
    api_key.partner.has_submissions = api_key.partner_submitted_claims or api_key.partner_submitted_articles
    return api_key


class PartnerAPIKeyAuthentication(authentication.BaseAuthentication):
    """``X-Api-Key: <key>`` or ``Authorization: Api-Key <key>``."""

    def authenticate(self, request: Request):
        from partners.throttling import BadKeyThrottle

        key = _key_from_request(request)
        if key is None:
            return None
        throttle = BadKeyThrottle()
        wait = throttle.over_limit(request)
        if wait is not None:
            raise exceptions.Throttled(wait, detail="Too many requests with an invalid API key from here.")
        try:
            api_key = partner_key_authenticate(key=key)
        except exceptions.AuthenticationFailed:
            throttle.record_failure(request)
            raise
        principal = PartnerPrincipal(
            partner=api_key.partner, api_key=api_key, scopes=frozenset(api_key.scopes or ())
        )
        return principal, api_key

    def authenticate_header(self, request: Request) -> str:
        # Makes DRF answer 401 (not 403) to a request without credentials.
        return API_KEY_KEYWORD


class StaffTokenAuthentication(authentication.TokenAuthentication):
    """``Authorization: Token <key>`` for staff users' scripts; non-staff holders are refused."""

    model = StaffToken

    def authenticate_credentials(self, key: str):
        user, token = super().authenticate_credentials(key)
        if not user.is_staff:
            raise exceptions.AuthenticationFailed("Token auth is for staff users only.")
        return user, token


class StaffSessionAuthentication(authentication.SessionAuthentication):
    """Django admin session of a staff user (CSRF enforced for unsafe methods, as DRF does)."""

    def authenticate(self, request: Request):
        result = super().authenticate(request)
        if result is None or not result[0].is_staff:
            return None
        return result
