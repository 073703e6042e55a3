"""Storing a batch of archive files at once: every file checked first, then the articles in batched INSERTs.

The normal path (``files.articles_ingest_paths``) stores one article per transaction, which suits a feed
or a partner's submission.  An archive of thousands of files is cut into batches by
``claims.services.ingestion_bulk``, which calls ``articles_store_batch`` inside each batch's transaction
and then writes the batch's claims.  Each file is checked like the normal path checks one
(``article_draft``, ``article_from_draft``) before anything is written; a file that cannot be read or
stored raises ``BatchError`` naming it, and the caller's transaction writes nothing of the batch.
Articles already stored (same canonical URL or same body) are skipped, so importing an archive twice
changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError

from sources.errors import IngestError, error_text
from sources.ingestion.articles import ArticleDraft, article_draft, article_from_draft, article_mark_skipped
from sources.ingestion.files import path_read_articles
from sources.language import ENGLISH
from sources.models import Article, Conflict, Outlet


class BatchError(Exception):
    """One file (or one of its articles) of a batch was refused; the message names it and says why."""

    def __init__(self, source: str, message: str) -> None:
        super().__init__(f"{source}: {message}" if not message.startswith(source) else message)


@dataclass
class StoredBatch:
    """A batch's new articles (in file order), the file each came from, and how many were known already."""

    articles: list[Article] = field(default_factory=list)
    sources: dict[int, str] = field(default_factory=dict)
    known: int = 0


def _drafts(files: list[Path], *, conflict: Conflict | None) -> list[tuple[str, ArticleDraft]]:
    """Read and check every article of the batch's files, before anything is written."""
    drafts = []
    for path in files:
        try:
            items = path_read_articles(path)
        except IngestError as exc:
            raise BatchError(str(path), error_text(exc)) from None
        for source, fields in items:
            try:
                drafts.append((source, article_draft(**{"conflict": conflict, **fields})))
            except ValidationError as exc:
                raise BatchError(source, error_text(exc)) from None
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


def articles_store_batch(files: list[Path], *, conflict: Conflict | None) -> StoredBatch:
    """Store the new articles of a batch of files with one INSERT per thousand, in the caller's transaction.

    Every file is read and checked before the first write; one refused raises ``BatchError`` (so the
    caller's rollback leaves nothing of the batch).  Articles not in English are stored as skipped, with
    the reason, as ``article_ingest`` stores them."""
    new, known = _new_drafts(_drafts(files, conflict=conflict))
    outlets: dict[tuple, Outlet | None] = {}
    articles: list[Article] = []
    for source, draft in new:
        try:
            articles.append(article_from_draft(draft, outlets=outlets))
        except IngestError as exc:
            raise BatchError(source, error_text(exc)) from None
    Article.objects.bulk_create(articles, batch_size=1000)
    foreign = [article for article in articles if article.language != ENGLISH]
    for article in foreign:
        article_mark_skipped(article)
    Article.objects.bulk_update(foreign, ["status", "status_message", "updated_at"], batch_size=1000)
    sources = {article.pk: source for (source, _), article in zip(new, articles, strict=True)}
    return StoredBatch(articles=articles, sources=sources, known=known)
