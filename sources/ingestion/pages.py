"""Ingesting a web page by its URL: fetched through the guarded fetcher, then ``article_ingest``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from sources.errors import IngestError
from sources.fetching import HTML_TYPES, url_fetch
from sources.ingestion.articles import IngestResult, article_ingest
from sources.ingestion.html import html_page_metadata
from sources.ingestion.parsing import published_parse
from sources.ingestion.urls import url_canonicalize
from sources.models import Article, Conflict, Outlet
from sources.url_guard import url_check_scheme


def article_at_url(url: str) -> Article | None:
    """The article already stored under this URL's canonical form, if any (so it is not fetched again)."""
    return Article.objects.filter(url=url_canonicalize(url)).first()


def article_ingest_url(
    *,
    url: str,
    title: str = "",
    outlet_name: str | None = None,
    published_at: datetime | str | None = None,
    language: str | None = None,
    submitted_by: Any = None,
    extract: str = "async",
    conflict: Conflict | str | None = None,
    published_at_source: str = Article.DateSource.GIVEN,
    ingest: Callable[..., IngestResult] = article_ingest,
) -> IngestResult:
    """Fetch a page through the guarded fetcher and ingest it with ``ingest`` (``article_ingest`` by
    default; ``claims.services.ingestion.article_ingest`` extracts in the article's transaction).

    A URL already stored (same canonical form) is returned without fetching.  Title, date, outlet
    (the page's site name, else the outlet known for the domain, else the domain itself) and language
    come from the page unless given; the article is filed under the page's canonical URL.  Raises
    ``FetchError`` (an ``IngestError``) when the page cannot be fetched, nothing stored.
    """
    url_check_scheme(url)
    known = article_at_url(url)
    if known is not None:
        return IngestResult(article=known, created=False, claims=list(known.claims.all()))
    page = url_fetch(url, accept=HTML_TYPES)
    html = page.text()
    meta = html_page_metadata(html, url=page.url)
    address = meta.canonical_url or page.url
    domain = (urlsplit(address).hostname or "").removeprefix("www.")
    site_name = meta.site_name
    if site_name.lower().removeprefix("www.") in (
        domain,
        (urlsplit(address).netloc or "").lower().removeprefix("www."),
    ):
        site_name = ""  # trafilatura's fallback is the host (with its port): filed under the domain below
    outlet = outlet_name or site_name or None
    if not outlet and not Outlet.objects.filter(domain=domain).exists():
        outlet = domain
    published = published_at
    source = published_at_source
    if published is None and meta.published:
        try:
            published = published_parse(meta.published)
            source = Article.DateSource.PAGE
        except IngestError:
            published = None  # a page's odd date stamp is no reason to refuse the article
    return ingest(
        published_at_source=source,
        html=html,
        url=address,
        title=title or meta.title,
        outlet_name=outlet,
        published_at=published,
        language=language or meta.language or "en",
        submitted_by=submitted_by,
        extract=extract,
        conflict=conflict,
    )
