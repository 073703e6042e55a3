"""Ingesting articles and extracting their claims: the "store, then extract" that spans two apps.

``sources.ingestion`` stores an article (checked, deduplicated, one transaction) and can send its
extraction to a worker after commit.  Extracting *in the same transaction*, so that the claims come back
with the article and a refused claim leaves no article behind, needs the extractor, which is this app's:
these services store through sources and extract here.  The ``ingest`` command, the demo loader, the
evaluation and the benchmarks call them; the API, the admin and the feeds, which extract on a worker,
call ``sources.ingestion`` directly.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.db import transaction

from claims.services.extraction import article_extract_claims
from sources import ingestion

# "sync": extracted in the article's transaction; "async": on a worker after commit; "none": not at all.
EXTRACT_MODES = ("sync", *ingestion.EXTRACT_MODES)


def article_ingest(*, extract: str = "sync", **fields: Any) -> ingestion.IngestResult:
    """Store one article (``sources.ingestion.article_ingest``'s fields) and extract its claims.

    With ``extract="sync"`` (the default) the claims are extracted in the article's transaction and come
    back in the result; an article seen before comes back with the claims it has.  "async" and "none"
    are sources' own modes.  An unknown mode is a ``ValueError`` before anything is read.
    """
    if extract not in EXTRACT_MODES:
        raise ValueError(f"extract must be one of {', '.join(EXTRACT_MODES)}, not {extract!r}")
    if extract != "sync":
        return ingestion.article_ingest(extract=extract, **fields)
    with transaction.atomic():
        result = ingestion.article_ingest(extract="none", **fields)
        if result.created:
            result.claims = article_extract_claims(article=result.article)
        return result


def articles_ingest_paths(
    *, paths: Iterable[str | Path], extract: str = "sync", **options: Any
) -> list[ingestion.FileOutcome]:
    """``sources.ingestion.articles_ingest_paths`` (files and folders, one article per transaction, a bad
    file reported and the rest kept), each article through ``article_ingest`` here."""
    return ingestion.articles_ingest_paths(paths=paths, extract=extract, ingest=article_ingest, **options)


def article_ingest_url(*, url: str, extract: str = "sync", **options: Any) -> ingestion.IngestResult:
    """``sources.ingestion.article_ingest_url`` (a page fetched through the guarded fetcher), the article
    through ``article_ingest`` here."""
    return ingestion.article_ingest_url(url=url, extract=extract, ingest=article_ingest, **options)
