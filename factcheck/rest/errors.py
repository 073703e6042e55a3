"""One error shape for the API: ``{"field": ["message", ...]}`` or ``{"detail": "message"}``.

Django's own ``ValidationError`` (raised by services and ``full_clean``) and database integrity errors
become 400s instead of 500s; everything DRF already knows (401, 403, 404, 405, 413, 429) passes through.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
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
    if isinstance(exc, RequestDataTooBig):
        exc = PayloadTooLarge(
            f"The request body is over the limit of {settings.DATA_UPLOAD_MAX_MEMORY_SIZE} bytes."
        )
    elif isinstance(exc, TooManyFieldsSent | TooManyFilesSent):
        exc = exceptions.ValidationError({"detail": str(exc)})
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(as_serializer_error(exc))
    elif isinstance(exc, IntegrityError | DataError):
        logger.info("API request refused by a database constraint: %s", exc)
        exc = exceptions.ValidationError(
            {"detail": "The data breaks a database constraint: " + _first_line(exc)}
        )
    response = exception_handler(exc, context)
    if response is not None:
        response.data = _str_keys(response.data)
    return response


def _str_keys(data):
    """List fields report errors by position ({0: [...]}); JSON object keys must be strings."""
    if isinstance(data, dict):
        return {str(key): _str_keys(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_str_keys(value) for value in data]
    return data


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [""])[0][:300]
