"""Files and folders of articles: text files (with optional ``Key: value`` headers), HTML pages and
JSON objects become ``article_ingest`` calls (or the caller's ``ingest``), one article at a time, so one bad file never stops a batch.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError

from sources.errors import IngestError, error_text
from sources.ingestion.articles import IngestResult, article_ingest
from sources.ingestion.parsing import HEADER_KEYS, text_decode, text_split_headers
from sources.models import Conflict

logger = logging.getLogger(__name__)

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})


HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})


JSON_SUFFIXES = frozenset({".json"})


SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES


@dataclass
class FileOutcome:
    """What happened to one file (or one object of a JSON list): a result or an error message."""

    source: str
    result: IngestResult | None = None
    error: str | None = None


def _json_fields(obj: Any, *, name: str) -> dict[str, Any]:
    if not isinstance(obj, dict):
        raise IngestError(f"{name}: a JSON article must be an object, not {type(obj).__name__}.")
    lowered = {str(key).lower(): value for key, value in obj.items()}
    fields: dict[str, Any] = {}
    for key in ("body", "text", "content"):
        if isinstance(lowered.get(key), str):
            fields["body"] = lowered[key]
            break
    if "body" not in fields and isinstance(lowered.get("html"), str):
        fields["html"] = lowered["html"]
    for key, target in HEADER_KEYS.items():
        value = lowered.get(key)
        if value not in (None, "") and target not in fields:
            fields[target] = value if target == "published_at" else str(value)
    return fields


def file_read_articles(path: Path) -> list[tuple[str, dict[str, Any]]]:
    """Parse one file into (source label, article_ingest keyword arguments) pairs.

    A text file gives one article (headers optional), an HTML page one, a JSON file one object or a
    list of objects.  Raises ``IngestError`` naming the file for unreadable or oversized input.
    """
    name = str(path)
    limit = settings.FACTCHECK_MAX_ARTICLE_BYTES
    suffix = path.suffix.lower()
    size_limit = limit * 4 if suffix in HTML_SUFFIXES | JSON_SUFFIXES else limit + 4096
    size = path.stat().st_size
    if size > size_limit:
        raise IngestError(f"{name} is {size} bytes, over the limit of {size_limit} bytes.")
    text = text_decode(path.read_bytes(), name=name)
    if suffix in HTML_SUFFIXES:
        return [(name, {"html": text})]
    if suffix in JSON_SUFFIXES:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise IngestError(f"{name} is not valid JSON: {exc.msg} (line {exc.lineno}).") from None
        if isinstance(data, list):
            return [(f"{name}[{i}]", _json_fields(item, name=f"{name}[{i}]")) for i, item in enumerate(data)]
        return [(name, _json_fields(data, name=name))]
    headers, body = text_split_headers(text.replace("\r\n", "\n"))
    return [(name, {**headers, "body": body})]


def path_read_articles(path: Path) -> list[tuple[str, dict[str, Any]]]:
    """``file_read_articles``, with a missing or unreadable file an ``IngestError`` naming it too."""
    if not path.exists():
        raise IngestError(f"{path}: no such file or folder.")
    try:
        return file_read_articles(path)
    except OSError as exc:
        raise IngestError(f"{path}: cannot be read ({exc.strerror}).") from None


def paths_expand(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named directly, and the supported files inside folders (recursively, sorted, no hidden ones)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in child.relative_to(path).parts)
                if child.is_file() and not hidden and child.suffix.lower() in SUPPORTED_SUFFIXES:
                    yield child
        else:
            yield path


def articles_ingest_paths(
    *,
    paths: Iterable[str | Path],
    extract: str = "async",
    submitted_by: Any = None,
    on_file: Callable[[FileOutcome], None] | None = None,
    conflict: Conflict | str | None = None,
    ingest: Callable[..., IngestResult] = article_ingest,
) -> list[FileOutcome]:
    """Ingest files and folders one article at a time; a bad file is reported and the batch goes on.

    Each article goes through ``ingest`` (``article_ingest``'s keywords, ``extract`` passed on): this
    app's store-and-enqueue by default, ``claims.services.ingestion.article_ingest`` when the claims
    are to be extracted in the article's transaction."""
    outcomes: list[FileOutcome] = []

    def record(outcome: FileOutcome) -> None:
        outcomes.append(outcome)
        if on_file:
            on_file(outcome)

    for path in paths_expand(paths):
        try:
            items = path_read_articles(path)
        except IngestError as exc:
            record(FileOutcome(source=str(path), error=error_text(exc)))
            continue
        for source, fields in items:
            try:
                result = ingest(
                    **{"conflict": conflict, **fields}, submitted_by=submitted_by, extract=extract
                )
            except ValidationError as exc:
                message = error_text(exc)
                record(FileOutcome(source=source, error=f"{source}: {message}"))
            except Exception as exc:
                # A bug or an outage while saving one article must not cost the rest of the batch; the
                # article's transaction is rolled back, so nothing of it is left behind.
                logger.exception("Ingesting %s failed", source)
                record(
                    FileOutcome(
                        source=source, error=f"{source}: ingestion failed ({type(exc).__name__}: {exc})"
                    )
                )
            else:
                record(FileOutcome(source=source, result=result))
    return outcomes
