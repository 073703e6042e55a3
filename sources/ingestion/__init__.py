"""Article ingestion: every way an article comes in (a body, an HTML page, a URL, a file, a folder).

One module per concern, lowest first:

- ``parsing``: bytes to text, ``Key: value`` headers, dates, clean bodies (pure);
- ``urls``: the canonical URL used for deduplication (pure);
- ``html``: a page's main text and its metadata (pure);
- ``articles``: ``article_ingest``, the one store every entry point goes through, and the extraction sweep;
- ``pages``: ingesting a web page by its URL (through ``sources.fetching``);
- ``submissions``: URLs partners submit, fetched by a task;
- ``files``: files and folders, one article at a time;
- ``bulk``: a batch of archive files checked, then its articles stored at once.

Extracting claims in the article's own transaction (the ``ingest`` command, the bulk import) is the
claims app's: ``claims.services.ingestion`` and ``claims.services.ingestion_bulk`` store through here.

The input error, ``sources.errors.IngestError``, lives below the package so that ``sources.fetching``
can raise it without importing ingestion.  The names below are the package's public interface.
"""

from sources.errors import IngestError
from sources.ingestion.articles import (
    EXTRACT_MODES,
    IngestResult,
    article_ingest,
    articles_extraction_requeue,
    conflict_resolve,
)
from sources.ingestion.bulk import BatchError, StoredBatch, articles_store_batch
from sources.ingestion.files import (
    HTML_SUFFIXES,
    JSON_SUFFIXES,
    SUPPORTED_SUFFIXES,
    TEXT_SUFFIXES,
    FileOutcome,
    articles_ingest_paths,
    file_read_articles,
    path_read_articles,
    paths_expand,
)
from sources.ingestion.html import PageMetadata, html_extract_text, html_page_metadata
from sources.ingestion.pages import article_at_url, article_ingest_url
from sources.ingestion.parsing import (
    HEADER_KEYS,
    body_clean,
    published_parse,
    text_decode,
    text_split_headers,
)
from sources.ingestion.submissions import (
    UrlAccepted,
    url_submission_create,
    url_submission_fetch,
    url_submissions_requeue,
)
from sources.ingestion.urls import url_canonicalize

__all__ = [
    "EXTRACT_MODES",
    "HEADER_KEYS",
    "HTML_SUFFIXES",
    "JSON_SUFFIXES",
    "SUPPORTED_SUFFIXES",
    "TEXT_SUFFIXES",
    "BatchError",
    "FileOutcome",
    "IngestError",
    "IngestResult",
    "PageMetadata",
    "StoredBatch",
    "UrlAccepted",
    "article_at_url",
    "article_ingest",
    "article_ingest_url",
    "articles_extraction_requeue",
    "articles_ingest_paths",
    "articles_store_batch",
    "body_clean",
    "conflict_resolve",
    "file_read_articles",
    "html_extract_text",
    "html_page_metadata",
    "path_read_articles",
    "paths_expand",
    "published_parse",
    "text_decode",
    "text_split_headers",
    "url_canonicalize",
    "url_submission_create",
    "url_submission_fetch",
    "url_submissions_requeue",
]
