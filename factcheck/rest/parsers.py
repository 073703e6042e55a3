"""Body parsers that refuse a body over ``DATA_UPLOAD_MAX_MEMORY_SIZE`` with 413 before parsing it.

DRF hands JSON and form bodies to its parsers as a raw stream, bypassing Django's own limit, so the
limit is enforced here for every API view that uses the default parsers.
"""

from __future__ import annotations

import io

from django.conf import settings
from drf_orjson_renderer.parsers import ORJSONParser
from rest_framework import parsers

from factcheck.rest.errors import PayloadTooLarge


def _bounded(stream, parser_context) -> io.BytesIO | None:
    if stream is None:
        return None
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    if limit is None:
        return stream
    request = (parser_context or {}).get("request")
    meta = getattr(request, "META", {}) if request is not None else {}
    try:
        declared = int(meta.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > limit:
        raise PayloadTooLarge(f"The request body is {declared} bytes; the limit is {limit}.")
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise PayloadTooLarge(f"The request body is over the limit of {limit} bytes.")
    return io.BytesIO(data)


class LimitedJSONParser(ORJSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        return super().parse(_bounded(stream, parser_context), media_type, parser_context)


class LimitedFormParser(parsers.FormParser):
    def parse(self, stream, media_type=None, parser_context=None):
        # DRF hands parsers None for an empty body, and FormParser reads it as one; its stub says IO only.
        return super().parse(_bounded(stream, parser_context), media_type, parser_context)  # type: ignore[arg-type]


class LimitedMultiPartParser(parsers.MultiPartParser):
    """Django's multipart parser already applies ``DATA_UPLOAD_MAX_MEMORY_SIZE`` to non-file fields."""

    def parse(self, stream, media_type=None, parser_context=None):
        request = (parser_context or {}).get("request")
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0) if request is not None else 0
        except ValueError:
            declared = 0
        if limit is not None and declared > limit:
            raise PayloadTooLarge(f"The request body is {declared} bytes; the limit is {limit}.")
        return super().parse(stream, media_type, parser_context)
