"""The sources app's input error, below every module that refuses input (fetching, ingestion, feeds)."""

from __future__ import annotations

from django.core.exceptions import ValidationError


class IngestError(ValidationError):
    """Input that cannot become an article; the message names what is wrong (and the file, if any)."""


class FetchError(IngestError):
    """A URL that could not be fetched; the message names the URL and what went wrong."""


class UnsafeURLError(FetchError):
    """A URL refused before any connection: bad scheme, credentials, or a non-public address."""


def error_text(exc: ValidationError) -> str:
    """A refusal's messages as one line, as ingestion reports name them beside the file."""
    return "; ".join(exc.messages)
