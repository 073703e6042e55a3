"""Bulk import of archives: many files per transaction, their articles and claims written in batches.

The files are cut into batches of ``BULK_BATCH_FILES``; each batch is one transaction in which
``sources.ingestion.bulk.articles_store_batch`` checks every file and stores the new articles (one
INSERT per thousand), then ``claims.services.extraction_bulk`` extracts and writes their claims (one
``COPY`` per batch, with their audit rows).  The result is the same articles, claims and audit rows as
the normal path (``claims.services.ingestion.articles_ingest_paths``) over the same files, with the same
contradiction checks enqueued after commit.

A batch is all or nothing: one file that cannot be read or stored, or one claim the rules refuse, and
the batch writes nothing; its failure names the file and why, and the import goes on with the next
batch.  Articles already stored are skipped, so importing an archive twice changes nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from claims.services.extraction_bulk import ArticleClaimError, articles_extract_claims_bulk
from sources.errors import error_text
from sources.ingestion import BatchError, articles_store_batch, conflict_resolve, paths_expand
from sources.models import Conflict

logger = logging.getLogger(__name__)

# Files per transaction: large enough that the INSERTs are few, small enough that a bad file costs
# little work to redo.
BULK_BATCH_FILES = 200


@dataclass
class BatchOutcome:
    """One batch of files: what it wrote, or (``error`` set) that it wrote nothing and why."""

    files: list[str]
    created: int = 0
    known: int = 0
    claims: int = 0
    error: str | None = None


@dataclass
class BulkOutcome:
    """The whole import: every batch, and the totals over the batches that were written."""

    batches: list[BatchOutcome] = field(default_factory=list)

    @property
    def created(self) -> int:
        return sum(batch.created for batch in self.batches)

    @property
    def known(self) -> int:
        return sum(batch.known for batch in self.batches)

    @property
    def claims(self) -> int:
        return sum(batch.claims for batch in self.batches)

    @property
    def failed(self) -> list[BatchOutcome]:
        return [batch for batch in self.batches if batch.error]


def _batch_write(files: list[Path], *, conflict: Conflict | None) -> BatchOutcome:
    """Write one batch in the caller's transaction (its rollback undoes all of it on an error)."""
    stored = articles_store_batch(files, conflict=conflict)
    try:
        claims = articles_extract_claims_bulk(articles=stored.articles)
    except ArticleClaimError as exc:
        source = stored.sources[exc.article.pk] if exc.article is not None else f"batch from {files[0]}"
        raise BatchError(source, error_text(exc)) from None
    return BatchOutcome(
        files=[str(path) for path in files],
        created=len(stored.articles),
        known=stored.known,
        claims=len(claims),
    )


def articles_ingest_bulk(
    *,
    paths: Iterable[str | Path],
    conflict: Conflict | str | None = None,
    batch_files: int = BULK_BATCH_FILES,
    on_batch: Callable[[BatchOutcome], None] | None = None,
) -> BulkOutcome:
    """Import files and folders in batches of ``batch_files`` files, one transaction each (see the
    module's docstring); a failed batch writes nothing and the import goes on with the next one.

    An unknown ``conflict`` slug is an ``IngestError`` before anything is read or written."""
    resolved = conflict_resolve(conflict)
    files = list(paths_expand(paths))
    result = BulkOutcome()
    size = max(1, batch_files)
    for start in range(0, len(files), size):
        batch = files[start : start + size]
        try:
            with transaction.atomic():
                outcome = _batch_write(batch, conflict=resolved)
        except BatchError as exc:
            outcome = BatchOutcome(files=[str(path) for path in batch], error=str(exc))
        except Exception as exc:
            # A bug or an outage in one batch must not cost the batches after it; this one is rolled back.
            logger.exception("Bulk import of %s.. failed", batch[0])
            outcome = BatchOutcome(
                files=[str(path) for path in batch],
                error=f"batch from {batch[0]} failed ({type(exc).__name__}: {exc})",
            )
        result.batches.append(outcome)
        if on_batch:
            on_batch(outcome)
    return result
