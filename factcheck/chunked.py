"""Request bodies sent with ``Transfer-Encoding: chunked`` (no Content-Length).

Django reads a body only up to its Content-Length, so a chunked body reached the views as empty and a
valid submission was answered as if nothing had been sent.  gunicorn de-chunks the body and marks the
stream as ending with it (``wsgi.input_terminated``); this WSGI wrapper then reads it, at most one byte
past ``DATA_UPLOAD_MAX_MEMORY_SIZE`` (so a larger body is still refused with 413 by the parsers), and
hands Django a stream with a Content-Length.  A server that cannot say where the body ends gets 411.
"""

from __future__ import annotations

import io

from django.conf import settings

READ_CHUNK = 64 * 1024


def _is_chunked(environ: dict) -> bool:
    encoding = environ.get("HTTP_TRANSFER_ENCODING", "").lower()
    return "chunked" in encoding and not environ.get("CONTENT_LENGTH")


def _read_terminated(stream, limit: int | None) -> bytes:
    parts, size = [], 0
    while limit is None or size <= limit:
        want = READ_CHUNK if limit is None else min(READ_CHUNK, limit + 1 - size)
        part = stream.read(want)
        if not part:
            break
        parts.append(part)
        size += len(part)
    return b"".join(parts)


class ChunkedBodyMiddleware:
    """Wraps a WSGI application so chunked request bodies arrive with a Content-Length."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        if _is_chunked(environ):
            if not environ.get("wsgi.input_terminated"):
                start_response("411 Length Required", [("Content-Type", "application/json")])
                return [b'{"detail": "Send a Content-Length, or use a server that de-chunks bodies."}']
            body = _read_terminated(environ["wsgi.input"], settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
            environ["wsgi.input"] = io.BytesIO(body)
            environ["CONTENT_LENGTH"] = str(len(body))
        return self.application(environ, start_response)
