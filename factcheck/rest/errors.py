"""One error shape for the API: ``{"field": ["message", ...]}`` or ``{"detail": "message"}``.

Django's own ``ValidationError`` (raised by services and ``full_clean``) and database integrity errors
become 400s instead of 500s; everything DRF already knows (401, 403, 404, 405, 413, 429) passes through.
"""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError, IntegrityError
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler

logger = logging.getLogger(__name__)


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body is too large."
    default_code = "payload_too_large"


def api_exception_handler(exc: Exception, context: dict) -> Response | None:
    """DRF's handler, plus Django validation and integrity errors mapped to 400."""
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(as_serializer_error(exc))
    elif isinstance(exc, IntegrityError | DataError):
        logger.info("API request refused by a database constraint: %s", exc)
        exc = exceptions.ValidationError(
            {"detail": "The data breaks a database constraint: " + _first_line(exc)}
        )
    return exception_handler(exc, context)


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [""])[0][:300]
