"""Article ingestion: the one service every entry point (command, API, admin, feeds) calls.

``article_ingest`` takes a body (or an HTML page), canonicalises the URL, refuses bad input with an
``IngestError`` that says what is wrong, deduplicates by canonical URL and content hash, stores the
article and runs claim extraction (now, after commit on a worker, or not at all).  Each article is
one transaction: a failure leaves no half-written rows.

The file helpers below turn text files (with optional ``Key: value`` headers), HTML pages, JSON
objects and folders of these into ``article_ingest`` calls, one article at a time, so that one bad
file never stops a batch.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from dateutil import parser as date_parser
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone

from sources.language import ENGLISH, language_of_article
from sources.models import Article, Conflict, Outlet, UrlSubmission
from sources.text import content_hash

logger = logging.getLogger(__name__)

EXTRACT_MODES = ("sync", "async", "none")

# Query parameters that only track the reader; two URLs differing in them are the same article.
_TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "msclkid",
        "yclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "_ga",
        "_gl",
        "ocid",
        "cmpid",
        "ref",
        "ref_src",
        "smid",
        "cid",
        "ito",
        "at_medium",
        "at_campaign",
    }
)
_TRACKING_PREFIXES = ("utm_", "at_", "pk_", "mtm_")

# Control characters that never occur in text (tab, newline and carriage return are fine).
_BINARY_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSON_SUFFIXES = frozenset({".json"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES

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


class IngestError(ValidationError):
    """Input that cannot become an article; the message names what is wrong (and the file, if any)."""


def conflict_resolve(conflict: Conflict | str | None) -> Conflict | None:
    """A Conflict from a slug (or the Conflict itself); an unknown slug is an ``IngestError`` listing the known ones."""
    if conflict is None or isinstance(conflict, Conflict):
        return conflict
    slug = str(conflict).strip()
    if not slug:
        return None
    found = Conflict.objects.filter(slug=slug).first()
    if found is None:
        known = ", ".join(Conflict.objects.order_by("slug").values_list("slug", flat=True)) or "none loaded"
        raise IngestError({"conflict": f"Unknown conflict {slug!r}; known conflicts: {known}."})
    return found


@dataclass
class IngestResult:
    article: Article
    created: bool
    claims: list = field(default_factory=list)


# --- pure helpers ----------------------------------------------------------------------------------


def url_canonicalize(url: str) -> str:
    """Canonical form used for dedup: lower-case scheme and host (an IPv6 literal in brackets), no
    default port, no user name or password, no fragment, no tracking parameters, remaining parameters
    sorted, no trailing slash on the path.  A port out of range is an ``IngestError``."""
    url = url.strip()
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        raise IngestError(f"'{url}' is not an absolute URL (it needs a scheme and a host).")
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    try:
        port = parts.port
    except ValueError:
        raise IngestError(f"'{url}' has a port out of range (1 to 65535).") from None
    if ":" in host:
        host = f"[{host}]"  # an IPv6 literal keeps its brackets
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    # A user name or password in the URL is never stored: it is a credential, not part of the address.
    query = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if key.lower() not in _TRACKING_PARAMS and not key.lower().startswith(_TRACKING_PREFIXES)
    ]
    path = parts.path.rstrip("/")
    canonical = urlunsplit((scheme, host, path, urlencode(sorted(query)), ""))
    try:
        URLValidator(schemes=["http", "https"])(canonical)
    except ValidationError:
        raise IngestError(f"'{url}' is not a valid http(s) URL.") from None
    return canonical


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


# --- the service -----------------------------------------------------------------------------------


def _outlet_for(*, outlet_name: str | None, url: str | None, submitted_by: Any = None) -> Outlet | None:
    domain = urlsplit(url).hostname or "" if url else ""
    domain = domain.removeprefix("www.")
    if outlet_name:
        outlet, created = Outlet.objects.get_or_create(name=outlet_name.strip(), defaults={"domain": domain})
        # A partner's unpublished submission does not write its URL's domain onto a shared outlet.
        if not created and domain and not outlet.domain and submitted_by is None:
            Outlet.objects.filter(pk=outlet.pk).update(domain=domain)
        return outlet
    if domain:
        return Outlet.objects.filter(domain=domain).first()
    return None


def _existing(*, url: str | None, digest: str) -> Article | None:
    if url:
        article = Article.objects.filter(url=url).first()
        if article:
            return article
    return Article.objects.filter(content_hash=digest).first()


def _published_from_text(body: str) -> tuple[datetime | None, str]:
    """An undated article's date from its first full date ("12 October 2020"), else none and "unknown"."""
    from claims.extraction.timeexpr import dated_text_find

    day = dated_text_find(body)
    if day is None:
        return None, Article.DateSource.UNKNOWN
    return datetime(day.year, day.month, day.day, tzinfo=UTC), Article.DateSource.TEXT


def _schedule_extraction(article_id: int) -> None:
    from sources.tasks import extract_article

    transaction.on_commit(lambda: extract_article.delay(article_id), robust=True)


def article_ingest(
    *,
    body: str | None = None,
    html: str | None = None,
    url: str | None = None,
    title: str = "",
    outlet_name: str | None = None,
    published_at: datetime | str | None = None,
    language: str = "en",
    submitted_by: Any = None,
    extract: str = "sync",
    conflict: Conflict | str | None = None,
    published_at_source: str = Article.DateSource.GIVEN,
) -> IngestResult:
    """Store one article (or find it again) and extract its claims.

    ``published_at_source`` says where ``published_at`` came from (given, feed, page).  An article with
    no date is dated by the first full date in its text ("text"); with none it is kept undated
    ("unknown"): its claims' statement time is then the ingestion time, and they are kept out of
    incidents' time-window matching.

    ``conflict`` (a Conflict or its slug) files the article under that conflict; without it the
    extraction infers the conflict from the text, or flags the article for a reviewer.

    ``extract``: "sync" extracts in this transaction (claims come back in the result), "async" sends
    ``sources.tasks.extract_article`` after commit, "none" only stores the article.  An article seen
    before (same canonical URL or same body) is returned unchanged with ``created=False``: the first
    version stored wins, so ingesting the same file twice changes nothing.
    """
    if extract not in EXTRACT_MODES:
        raise ValueError(f"extract must be one of {', '.join(EXTRACT_MODES)}, not {extract!r}")
    limit = settings.FACTCHECK_MAX_ARTICLE_BYTES
    if html is not None and body is None:
        if len(html.encode("utf-8", "surrogatepass")) > limit * 4:
            raise IngestError(f"The HTML page is larger than the limit of {limit * 4} bytes.")
        body, html_title = html_extract_text(html)
        title = title or html_title
    if body is None or not body.strip():
        raise IngestError("The article body is empty.")
    if len(body.encode("utf-8", "surrogatepass")) > limit:
        raise IngestError(f"The article body is larger than the limit of {limit} bytes.")
    body = body_clean(body)
    language = language_of_article(body=body, declared=language)
    canonical = url_canonicalize(url) if url else None
    published = published_parse(published_at)
    if published is None:
        published, published_at_source = _published_from_text(body)
    digest = content_hash(body)
    conflict = conflict_resolve(conflict)

    with transaction.atomic():
        article = _existing(url=canonical, digest=digest)
        if article is not None:
            return IngestResult(article=article, created=False, claims=list(article.claims.all()))
        article = Article(
            url=canonical,
            title=(title or "").strip()[:500],
            outlet=_outlet_for(outlet_name=outlet_name, url=canonical, submitted_by=submitted_by),
            published_at=published,
            published_at_source=published_at_source,
            language=language,
            body=body,
            content_hash=digest,
            submitted_by=submitted_by,
            conflict=conflict,
        )
        try:
            article.full_clean(exclude=["content_hash", "url"] if not canonical else ["content_hash"])
        except ValidationError as exc:
            raise IngestError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages) from None
        try:
            # A savepoint, so a concurrent insert of the same article is found again, not an error.
            with transaction.atomic():
                article.save()
        except IntegrityError:
            existing = _existing(url=canonical, digest=digest)
            if existing is None:
                raise
            return IngestResult(article=existing, created=False, claims=list(existing.claims.all()))

        claims: list = []
        if language != ENGLISH:
            # The rules read English; over other text they would only invent claims.
            article.status = Article.Status.SKIPPED_LANGUAGE
            article.status_message = f"not extracted: language {language}"
            article.save(update_fields=["status", "status_message", "updated_at"])
        elif extract == "sync":
            from claims.services.extraction import article_extract_claims

            claims = article_extract_claims(article=article)
        elif extract == "async":
            _schedule_extraction(article.pk)
        return IngestResult(article=article, created=True, claims=claims)


# --- URLs ------------------------------------------------------------------------------------------


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
    import lxml.html
    import trafilatura

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
    extract: str = "sync",
    conflict: Conflict | str | None = None,
    published_at_source: str = Article.DateSource.GIVEN,
) -> IngestResult:
    """Fetch a page through the guarded fetcher and ingest it with ``article_ingest``.

    A URL already stored (same canonical form) is returned without fetching.  Title, date, outlet
    (the page's site name, else the outlet known for the domain, else the domain itself) and language
    come from the page unless given; the article is filed under the page's canonical URL.  Raises
    ``FetchError`` (an ``IngestError``) when the page cannot be fetched, nothing stored.
    """
    from sources.fetching import HTML_TYPES, url_check_scheme, url_fetch

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
    return article_ingest(
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


@dataclass
class UrlAccepted:
    """What a submitted URL became at once: an article already stored, or a fetch queued for a task."""

    article: Article | None = None
    submission: UrlSubmission | None = None


def url_submission_create(
    *,
    url: str,
    title: str = "",
    outlet_name: str | None = None,
    published_at: datetime | str | None = None,
    language: str | None = None,
    submitted_by: Any = None,
    conflict: Conflict | str | None = None,
) -> UrlAccepted:
    """Accept a URL to fetch in a task (``sources.tasks.fetch_url_submission``, sent after commit).

    What can be known without fetching is answered now, so the submitter hears it at once: a URL that
    is not http(s) or whose host resolves to a non-public address raises ``UnsafeURLError``, a host
    that does not resolve ``FetchError``, a bad date ``IngestError``; a URL already stored returns its
    article and fetches nothing.  No web request waits on another server.

    The stored-URL look-up comes before any DNS look-up: an article already stored is answered
    whatever its host resolves to today (or whether it resolves at all).
    """
    from sources.fetching import url_check_address, url_check_scheme

    url_check_scheme(url)
    published = published_parse(published_at)
    conflict = conflict_resolve(conflict)
    known = article_at_url(url)
    if known is not None:
        return UrlAccepted(article=known)
    url_check_address(url)
    submission = UrlSubmission.objects.create(
        conflict=conflict,
        url=url,
        title=(title or "")[:500],
        outlet_name=(outlet_name or "")[:200],
        published_at=published,
        language=(language or "")[:10],
        submitted_by=submitted_by,
    )
    _schedule_url_fetch(submission.pk)
    return UrlAccepted(submission=submission)


def _schedule_url_fetch(submission_id: int) -> None:
    from sources.tasks import fetch_url_submission

    transaction.on_commit(lambda: fetch_url_submission.delay(submission_id), robust=True)


def url_submission_fetch(*, submission_id: int) -> UrlSubmission | None:
    """Fetch a queued submission's page and ingest it (claims are extracted by a task after commit).

    Idempotent: only a queued submission is fetched, under a row lock, so a redelivered or duplicated
    task changes nothing once the first has finished.  A page that cannot be fetched or ingested marks
    the submission failed with the reason; nothing else is written.
    """
    with transaction.atomic():
        submission = (
            UrlSubmission.objects.select_for_update()
            .filter(pk=submission_id, status=UrlSubmission.Status.QUEUED)
            .first()
        )
        if submission is None:
            return None
        try:
            result = article_ingest_url(
                url=submission.url,
                title=submission.title,
                outlet_name=submission.outlet_name or None,
                published_at=submission.published_at,
                language=submission.language or None,
                submitted_by=submission.submitted_by,
                extract="async",
                conflict=submission.conflict,
            )
        except IngestError as exc:
            submission.status = UrlSubmission.Status.FAILED
            submission.error = "; ".join(exc.messages)[:2000] or "The page could not be ingested."
        else:
            owner = result.article.submitted_by_id
            if not result.created and owner is not None and owner != submission.submitted_by_id:
                submission.status = UrlSubmission.Status.FAILED
                submission.error = "This article was already submitted by another partner."
            else:
                submission.status = UrlSubmission.Status.FETCHED
                submission.article = result.article
        submission.save(update_fields=["status", "error", "article", "updated_at"])
        return submission


def url_submissions_requeue(*, older_than_seconds: int = 300) -> int:
    """Send the fetch again for submissions still queued after a while (the broker was down, a worker
    died); returns how many.  The fetch is idempotent, so a late original message is harmless."""
    cutoff = timezone.now() - timedelta(seconds=older_than_seconds)
    ids = list(
        UrlSubmission.objects.filter(status=UrlSubmission.Status.QUEUED, updated_at__lt=cutoff).values_list(
            "pk", flat=True
        )
    )
    for submission_id in ids:
        _schedule_url_fetch(submission_id)
    return len(ids)


def articles_extraction_requeue(*, older_than_seconds: int = 300, limit: int = 2000) -> int:
    """Send the extraction again for articles still "received" after a while (the broker was down when
    they were submitted, or a worker died); returns how many.  Extraction is idempotent, so a late
    original message is harmless; an article whose extraction failed is "failed", not swept."""
    cutoff = timezone.now() - timedelta(seconds=older_than_seconds)
    ids = list(
        Article.objects.filter(status=Article.Status.RECEIVED, updated_at__lt=cutoff)
        .order_by("updated_at")
        .values_list("pk", flat=True)[:limit]
    )
    for article_id in ids:
        _schedule_extraction(article_id)
    return len(ids)


# --- files -----------------------------------------------------------------------------------------


def html_extract_text(html: str) -> tuple[str, str]:
    """Main text and title of an HTML page (trafilatura), without navigation, ads or comments."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    if not text:
        text = trafilatura.extract(html, include_comments=False, favor_recall=True) or ""
    metadata = trafilatura.extract_metadata(html)
    title = (metadata.title if metadata and metadata.title else "") or ""
    return text, title


@dataclass
class FileOutcome:
    """What happened to one file (or one object of a JSON list): a result or an error message."""

    source: str
    result: IngestResult | None = None
    error: str | None = None


def _error_text(exc: ValidationError) -> str:
    return "; ".join(exc.messages)


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
    extract: str = "sync",
    submitted_by: Any = None,
    on_file: Callable[[FileOutcome], None] | None = None,
    conflict: Conflict | str | None = None,
) -> list[FileOutcome]:
    """Ingest files and folders one article at a time; a bad file is reported and the batch goes on."""
    outcomes: list[FileOutcome] = []

    def record(outcome: FileOutcome) -> None:
        outcomes.append(outcome)
        if on_file:
            on_file(outcome)

    for path in paths_expand(paths):
        if not path.exists():
            record(FileOutcome(source=str(path), error=f"{path}: no such file or folder."))
            continue
        try:
            items = file_read_articles(path)
        except IngestError as exc:
            record(FileOutcome(source=str(path), error=_error_text(exc)))
            continue
        except OSError as exc:
            record(FileOutcome(source=str(path), error=f"{path}: cannot be read ({exc.strerror})."))
            continue
        for source, fields in items:
            try:
                result = article_ingest(
                    **{"conflict": conflict, **fields}, submitted_by=submitted_by, extract=extract
                )
            except ValidationError as exc:
                message = _error_text(exc)
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
