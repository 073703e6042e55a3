"""Bulk import of archives: many files per transaction, articles and claims written with batched INSERTs.

The normal path (``files.articles_ingest_paths``) stores one article per transaction and one claim per
INSERT, which suits a feed or a partner's submission.  An archive of thousands of files goes through
here: the files are cut into batches, and each batch is checked like the normal path checks one file
(``article_draft``, ``article_from_draft``, ``claim_validate``), then written in one transaction: one
INSERT per thousand articles, per thousand claims and per thousand claim audit rows.  The result is the
same articles, claims and audit rows as the normal path over the same files, with the same contradiction
checks enqueued after commit.

A batch is all or nothing: one file that cannot be read or stored, or one claim the rules refuse, and
the batch writes nothing; its failure names the file and why, and the import goes on with the next
batch.  Articles already stored (same canonical URL or same body) are skipped, so importing an archive
twice changes nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from claims.services.extraction_bulk import ArticleClaimError, articles_extract_claims_bulk
from sources.errors import IngestError
from sources.ingestion.articles import ArticleDraft, article_draft, article_from_draft, conflict_resolve
from sources.ingestion.files import path_read_articles, paths_expand
from sources.language import ENGLISH
from sources.models import Article, Conflict, Outlet

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


class _BatchError(Exception):
    def __init__(self, source: str, message: str) -> None:
        super().__init__(f"{source}: {message}" if not message.startswith(source) else message)


def _error_text(exc: ValidationError) -> str:
    return "; ".join(exc.messages)


def _drafts(files: list[Path], *, conflict: Conflict | str | None) -> list[tuple[str, ArticleDraft]]:
    """Read and check every article of the batch's files, before anything is written."""
    drafts = []
    for path in files:
        try:
            items = path_read_articles(path)
        except IngestError as exc:
            raise _BatchError(str(path), _error_text(exc)) from None
        for source, fields in items:
            try:
                drafts.append((source, article_draft(**{"conflict": conflict, **fields})))
            except ValidationError as exc:
                raise _BatchError(source, _error_text(exc)) from None
    return drafts


def _new_drafts(drafts: list[tuple[str, ArticleDraft]]) -> tuple[list[tuple[str, ArticleDraft]], int]:
    """The drafts of articles not stored yet, first one kept of a repeat within the batch (the normal
    path's dedup: same canonical URL, or same body), and how many were already known."""
    urls = {draft.url for _, draft in drafts if draft.url}
    digests = {draft.content_hash for _, draft in drafts}
    seen_urls = set(Article.objects.filter(url__in=urls).values_list("url", flat=True))
    seen_digests = set(
        Article.objects.filter(content_hash__in=digests).values_list("content_hash", flat=True)
    )
    new = []
    for source, draft in drafts:
        if (draft.url and draft.url in seen_urls) or draft.content_hash in seen_digests:
            continue
        if draft.url:
            seen_urls.add(draft.url)
        seen_digests.add(draft.content_hash)
        new.append((source, draft))
    return new, len(drafts) - len(new)


def _batch_write(files: list[Path], *, conflict: Conflict | str | None) -> BatchOutcome:
    """Write one batch in one transaction (the caller's rollback undoes all of it on an error)."""
    outcome = BatchOutcome(files=[str(path) for path in files])
    new, outcome.known = _new_drafts(_drafts(files, conflict=conflict))
    outlets: dict[tuple, Outlet | None] = {}
    articles: list[Article] = []
    sources: dict[int, str] = {}
    for source, draft in new:
        try:
            articles.append(article_from_draft(draft, outlets=outlets))
        except IngestError as exc:
            raise _BatchError(source, _error_text(exc)) from None
    Article.objects.bulk_create(articles, batch_size=1000)
    for (source, _), article in zip(new, articles, strict=True):
        sources[article.pk] = source
    foreign = [article for article in articles if article.language != ENGLISH]
    for article in foreign:
        article.status = Article.Status.SKIPPED_LANGUAGE
        article.status_message = f"not extracted: language {article.language}"
    Article.objects.bulk_update(foreign, ["status", "status_message", "updated_at"], batch_size=1000)
    try:
        claims = articles_extract_claims_bulk(articles=articles)
    except ArticleClaimError as exc:
        source = sources[exc.article.pk] if exc.article is not None else f"batch from {new[0][0]}"
        raise _BatchError(source, _error_text(exc)) from None
    outcome.created, outcome.claims = len(articles), len(claims)
    return outcome


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
    conflict = conflict_resolve(conflict)
    files = list(paths_expand(paths))
    result = BulkOutcome()
    for start in range(0, len(files), max(1, batch_files)):
        batch = files[start : start + max(1, batch_files)]
        try:
            with transaction.atomic():
                outcome = _batch_write(batch, conflict=conflict)
        except _BatchError as exc:
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
