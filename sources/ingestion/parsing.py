"""Reading article input: bytes to text, headers off the top of a text file, dates, clean bodies.

Pure functions over plain values (no database): each refuses bad input with an ``IngestError`` that
says what is wrong.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from dateutil import parser as date_parser
from django.utils import timezone

from sources.errors import IngestError

# Control characters that never occur in text (tab, newline and carriage return are fine).
_BINARY_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


HEADER_KEYS = {
    "title": "title",
    "headline": "title",
    "url": "url",
    "link": "url",
    "outlet": "outlet_name",
    "source": "outlet_name",
    "publisher": "outlet_name",
    "published": "published_at",
    "published_at": "published_at",
    "date": "published_at",
    "language": "language",
    "lang": "language",
    "conflict": "conflict",
}


_HEADER_LINE = re.compile(r"^\s*([A-Za-z][A-Za-z _-]{0,30}?)\s*:\s*(.*?)\s*$")


def published_parse(value: str | datetime | None) -> datetime | None:
    """A timezone-aware datetime from a datetime or a date string (UTC when no zone is given)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        parsed = value
    else:
        try:
            parsed = date_parser.parse(str(value))
        except (ValueError, OverflowError):
            raise IngestError(f"The published date '{value}' is not a date I can read.") from None
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed, UTC)
    return parsed


def text_decode(raw: bytes, *, name: str = "input") -> str:
    """Strict UTF-8 (a BOM is dropped); binary data and other encodings are refused."""
    if b"\x00" in raw[:8192]:
        raise IngestError(f"{name} looks binary (it holds NUL bytes), not text.")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise IngestError(
            f"{name} is not valid UTF-8 text (undecodable byte at position {exc.start})."
        ) from None


def body_clean(body: str) -> str:
    """Unix line ends, no surrounding white space; refuses text holding binary control characters."""
    if _BINARY_CHARS.search(body):
        raise IngestError("The body holds binary control characters; it does not look like text.")
    return body.replace("\r\n", "\n").replace("\r", "\n").strip()


def text_split_headers(text: str) -> tuple[dict[str, str], str]:
    """Split ``Key: value`` header lines off the top of a text file.

    The header block is the run of ``Key: value`` lines at the very top, ended by a blank line or a
    ``---`` line, holding at least one known key (title, url, outlet, published, language; keys are
    case-insensitive).  Anything else is all body.  Unknown keys in a header block are ignored.
    """
    lines = text.split("\n")
    headers: dict[str, str] = {}
    known = False
    for index, line in enumerate(lines):
        if line.strip() in ("", "---"):
            if index == 0 or not known:
                return {}, text
            return headers, "\n".join(lines[index + 1 :])
        match = _HEADER_LINE.match(line)
        if not match:
            return {}, text
        key = match.group(1).strip().lower().replace(" ", "_").replace("-", "_")
        if key in HEADER_KEYS:
            known = True
            headers[HEADER_KEYS[key]] = match.group(2)
    return {}, text
