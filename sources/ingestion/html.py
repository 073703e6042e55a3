"""HTML pages: their main text and what they say about themselves (title, date, site, canonical URL).

trafilatura and lxml are imported where they are used: they take a second to load, and most
processes that import the ingestion package (a worker extracting claims, a management command over
text files) never read a page.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit


def html_extract_text(html: str) -> tuple[str, str]:
    """Main text and title of an HTML page (trafilatura), without navigation, ads or comments."""
    import trafilatura  # noqa: PLC0415 -- a second to load; most processes never read a page

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    if not text:
        text = trafilatura.extract(html, include_comments=False, favor_recall=True) or ""
    metadata = trafilatura.extract_metadata(html)
    title = (metadata.title if metadata and metadata.title else "") or ""
    return text, title


@dataclass(frozen=True)
class PageMetadata:
    """What a fetched page says about itself (any of it may be empty)."""

    title: str = ""
    canonical_url: str = ""
    site_name: str = ""
    published: str = ""
    language: str = ""


def html_page_metadata(html: str, *, url: str) -> PageMetadata:
    """Title, date and site name (trafilatura), ``<link rel=canonical>`` and ``<html lang>`` of a page.

    The canonical URL is kept only when it is an http(s) URL on the page's own host (``www.`` aside):
    a page may not file itself under another site's address, which would let it take that article's
    place in the deduplication.
    """
    import lxml.html  # noqa: PLC0415 -- loaded with trafilatura, only by processes that read pages
    import trafilatura  # noqa: PLC0415 -- a second to load; most processes never read a page

    metadata = trafilatura.extract_metadata(html, default_url=url)
    canonical = language = ""
    try:
        tree = lxml.html.fromstring(html.encode("utf-8", "surrogatepass"))
    except (ValueError, lxml.etree.ParserError):
        tree = None
    if tree is not None:
        hrefs = tree.xpath("//link[contains(concat(' ', normalize-space(@rel), ' '), ' canonical ')]/@href")
        if hrefs:
            candidate = urljoin(url, str(hrefs[0]).strip())
            own = (urlsplit(url).hostname or "").removeprefix("www.")
            theirs = urlsplit(candidate)
            if theirs.scheme in ("http", "https") and (theirs.hostname or "").removeprefix("www.") == own:
                canonical = candidate
        langs = tree.xpath("/html/@lang")
        language = str(langs[0]).strip().split("-")[0].lower()[:10] if langs else ""
    return PageMetadata(
        title=(metadata.title or "") if metadata else "",
        canonical_url=canonical,
        site_name=(metadata.sitename or "") if metadata else "",
        published=(metadata.date or "") if metadata else "",
        language=language,
    )
