"""Small bridges between file parsing (sources.ingestion) and the pure extractor."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sources.ingestion import published_parse


def published_from_fields(fields: dict[str, Any]) -> datetime | None:
    """The article date from parsed file fields (None when the file has none)."""
    return published_parse(fields.get("published_at"))
