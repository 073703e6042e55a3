"""Who is calling the API: a partner's API key, or a staff user (session or staff token).

A partner request carries a ``PartnerPrincipal`` as ``request.user`` and the ``PartnerAPIKey`` as
``request.auth``; staff requests carry the Django user.  Every failure to authenticate is a 401.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import TypeVar

from django.db import connection, models
from django.db.models import ForeignObjectRel
from django.utils import timezone
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from factcheck.sql import quoted_column, quoted_table
from partners.models import Partner, PartnerAPIKey, StaffToken

ModelT = TypeVar("ModelT", bound=models.Model)

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


# Set on the ``Partner`` an API key authenticates, read only through ``partner_may_have_submissions``.
_HAS_SUBMISSIONS = "_factcheck_has_submissions"


def partner_may_have_submissions(partner: Partner) -> bool:
    """Whether ``partner`` may have submitted a claim or an article of its own.

    False only for the partner of an authenticated API key that had submitted nothing when the key was
    checked (read in the same query as the key): then it sees exactly the published rows, a filter the
    status index serves on its own (``claims.selectors.claims.claim_visible_q``).  True when unknown
    (a partner loaded any other way), which is always safe: it only adds the partner's own rows.
    """
    return partner.__dict__.get(_HAS_SUBMISSIONS, True) is not False


@dataclass(frozen=True)
class _KeyLookup:
    """The key lookup's statement and the fields its columns hold, in order."""

    sql: str
    key_fields: tuple[models.Field, ...]
    partner_fields: tuple[models.Field, ...]


@functools.cache
def _key_lookup() -> _KeyLookup:
    """The usable key with a prefix, its partner, and whether that partner ever submitted a claim or an
    article, in one statement written once per process (the ORM took longer to compile it than the
    database to run it, on every request).

    "Submitted" is an ``EXISTS`` on the submitter column of each table that points at the partner
    through the reverse relations the claims and sources models declare (``Partner.claims``,
    ``Partner.articles``): the lowest layer reads what points at it without importing the apps above.
    Identifiers come from model metadata, quoted; the prefix is the one parameter.
    """
    key_fields = tuple(PartnerAPIKey._meta.concrete_fields)
    partner_fields = tuple(Partner._meta.concrete_fields)
    key_table, partner_table = quoted_table(PartnerAPIKey), quoted_table(Partner)
    checks = []
    for name in ("claims", "articles"):
        relation = Partner._meta.get_field(name)
        assert isinstance(relation, ForeignObjectRel)
        assert relation.related_model is not None
        assert not isinstance(relation.related_model, str)
        submitter = quoted_column(relation.related_model, relation.field.name)
        checks.append(
            f"EXISTS (SELECT 1 FROM {quoted_table(relation.related_model)} "  # noqa: S608
            f"WHERE {submitter} = {key_table}.{quoted_column(PartnerAPIKey, 'partner')})"
        )
    columns = [f"{key_table}.{quoted_column(PartnerAPIKey, f.name)}" for f in key_fields]
    columns += [f"{partner_table}.{quoted_column(Partner, f.name)}" for f in partner_fields]
    sql = (
        f"SELECT {', '.join(columns)}, ({' OR '.join(checks)}) "  # noqa: S608
        f"FROM {key_table} JOIN {partner_table} "
        f"ON {partner_table}.{quoted_column(Partner, 'id')} = {key_table}.{quoted_column(PartnerAPIKey, 'partner')} "
        f"WHERE {key_table}.{quoted_column(PartnerAPIKey, 'prefix')} = %s "
        f"AND NOT {key_table}.{quoted_column(PartnerAPIKey, 'revoked')}"
    )
    return _KeyLookup(sql=sql, key_fields=key_fields, partner_fields=partner_fields)


def _instance(model: type[ModelT], fields: tuple[models.Field, ...], values) -> ModelT:
    """A model instance from a row's raw values, converted as the ORM converts them."""
    converted = []
    for model_field, value in zip(fields, values, strict=True):
        column = model_field.get_col(model._meta.db_table)
        converters = connection.ops.get_db_converters(column) + model_field.get_db_converters(connection)
        for convert in converters:
            value = convert(value, column, connection)
        converted.append(value)
    return model.from_db(connection.alias, [f.attname for f in fields], converted)


def _key_with_prefix(prefix: str) -> PartnerAPIKey | None:
    """The usable key with ``prefix`` and its partner (with ``partner_may_have_submissions`` known)."""
    lookup = _key_lookup()
    with connection.cursor() as cursor:
        cursor.execute(lookup.sql, [prefix])
        row = cursor.fetchone()
    if row is None:
        return None
    split = len(lookup.key_fields)
    api_key = _instance(PartnerAPIKey, lookup.key_fields, row[:split])
    partner = _instance(Partner, lookup.partner_fields, row[split:-1])
    partner.__dict__[_HAS_SUBMISSIONS] = bool(row[-1])
    api_key.partner = partner
    return api_key


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
    api_key = _key_with_prefix(prefix) if prefix else None
    if api_key is None or not api_key.is_valid(key):
        raise exceptions.AuthenticationFailed("Invalid or revoked API key.")
    if api_key.expiry_date is not None and api_key.expiry_date < timezone.now():
        raise exceptions.AuthenticationFailed("This API key has expired.")
    if not api_key.partner.is_active:
        raise exceptions.AuthenticationFailed("This partner's access is suspended.")
    return api_key


class PartnerAPIKeyAuthentication(authentication.BaseAuthentication):
    """``X-Api-Key: <key>`` or ``Authorization: Api-Key <key>``."""

    def authenticate(self, request: Request):
        # Kept late: partners.throttling imports PartnerPrincipal from this module (a cycle inside
        # partners, to go when the principal moves to a module of its own).
        from partners.throttling import BadKeyThrottle  # noqa: PLC0415

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
