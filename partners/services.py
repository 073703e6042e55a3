"""Issuing, listing and revoking partner API keys. The plain key exists only in the return value."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet

from partners.models import Partner, PartnerAPIKey, Scope, StaffToken


@dataclass(frozen=True)
class IssuedKey:
    """A freshly issued key: ``key`` is the only copy of the secret, show it once."""

    api_key: PartnerAPIKey
    key: str


def _clean_scopes(scopes: Iterable[str]) -> list[str]:
    cleaned = sorted({s.strip() for s in scopes if s and s.strip()})
    unknown = [s for s in cleaned if s not in Scope.values]
    if unknown:
        raise ValidationError(
            {"scopes": f"Unknown scope(s): {', '.join(unknown)}; use {', '.join(Scope.values)}."}
        )
    if not cleaned:
        raise ValidationError({"scopes": "A key needs at least one scope."})
    return cleaned


@transaction.atomic
def partner_key_create(
    *,
    partner_name: str,
    scopes: Iterable[str] = (Scope.READ,),
    key_name: str = "",
    expiry_date: datetime | None = None,
    contact_email: str = "",
) -> IssuedKey:
    """Issue a key for the partner called ``partner_name`` (created if new) with ``scopes``."""
    name = partner_name.strip()
    if not name:
        raise ValidationError({"partner": "A partner name is required."})
    cleaned = _clean_scopes(scopes)
    partner, _ = Partner.objects.get_or_create(name=name, defaults={"contact_email": contact_email})
    api_key, key = PartnerAPIKey.objects.create_key(
        partner=partner,
        name=(key_name or f"{name} key")[:50],
        scopes=cleaned,
        expiry_date=expiry_date,
    )
    # The manager is PartnerAPIKey's, so the key it creates is one; the library types it as the base.
    return IssuedKey(api_key=cast(PartnerAPIKey, api_key), key=key)


def partner_key_list(
    *, partner_name: str | None = None, include_revoked: bool = True
) -> QuerySet[PartnerAPIKey]:
    """Keys with their partner, newest first; never exposes the secret (only its prefix)."""
    keys = PartnerAPIKey.objects.select_related("partner").order_by("partner__name", "-created")
    if partner_name:
        keys = keys.filter(partner__name=partner_name)
    if not include_revoked:
        keys = keys.filter(revoked=False)
    return keys


@transaction.atomic
def partner_key_revoke(*, prefix: str) -> PartnerAPIKey:
    """Revoke the key with ``prefix`` (irreversible); requests with it get 401 from then on."""
    api_key = PartnerAPIKey.objects.select_for_update().filter(prefix=prefix.strip()).first()
    if api_key is None:
        raise ValidationError({"prefix": f"No API key has the prefix '{prefix}'."})
    if not api_key.revoked:
        api_key.revoked = True
        api_key.save(update_fields=["revoked"])
    return api_key


@transaction.atomic
def staff_token_create(*, user) -> str:
    """Issue (or replace) a staff user's API token and return it; only staff users may hold one."""
    if not (user.is_staff and user.is_active):
        raise ValidationError({"user": "Only active staff users may hold an API token."})
    StaffToken.objects.filter(user=user).delete()
    token = StaffToken.objects.create(user=user, key=secrets.token_hex(20))
    return token.key
