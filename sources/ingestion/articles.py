"""``article_ingest``: storing one article, the step every entry point (command, API, admin, feeds) takes.

It takes a body (or an HTML page), canonicalises the URL, refuses bad input with an ``IngestError``
that says what is wrong, deduplicates by canonical URL and content hash, stores the article and sends
claim extraction to a worker after commit (or does not).  Each article is one transaction: a failure
leaves no half-written rows.  Extracting in the same transaction is the claims app's
(``claims.services.ingestion``), above this one: it stores through here, then extracts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from factcheck.textdates import dated_text_find
from sources.enqueue import task_send_on_commit
from sources.errors import IngestError
from sources.ingestion.html import html_extract_text
from sources.ingestion.parsing import body_clean, published_parse
from sources.ingestion.urls import url_canonicalize
from sources.language import ENGLISH, language_of_article
from sources.models import Article, Conflict, Outlet
from sources.text import content_hash

# What happens to a stored article's claims here: sent to a worker after commit, or nothing.
EXTRACT_MODES = ("async", "none")


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
    day = dated_text_find(body)
    if day is None:
        return None, Article.DateSource.UNKNOWN
    return datetime(day.year, day.month, day.day, tzinfo=UTC), Article.DateSource.TEXT


def _schedule_extraction(article_id: int) -> None:
    # By name: extraction is the claims app's, above this one.
    task_send_on_commit("claims.tasks.extract_article", article_id)


@dataclass(frozen=True)
class ArticleDraft:
    """An article's input, checked and normalised, not yet stored: what ``article_ingest`` and the bulk
    import both store, so that both refuse the same input with the same message."""

    body: str
    title: str
    url: str | None
    outlet_name: str | None
    published_at: datetime | None
    published_at_source: str
    language: str
    content_hash: str
    conflict: Conflict | None
    submitted_by: Any = None


def _body_from_input(*, body: str | None, html: str | None, title: str) -> tuple[str, str]:
    """The article's clean text and title, from its body or else its HTML page, within the size limits."""
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
    return body_clean(body), (title or "").strip()[:500]


def article_draft(
    *,
    body: str | None = None,
    html: str | None = None,
    url: str | None = None,
    title: str = "",
    outlet_name: str | None = None,
    published_at: datetime | str | None = None,
    language: str = "en",
    submitted_by: Any = None,
    conflict: Conflict | str | None = None,
    published_at_source: str = Article.DateSource.GIVEN,
) -> ArticleDraft:
    """Check and normalise one article's input (see ``article_ingest``); raises ``IngestError``.

    Writes nothing: the text is cleaned and its language detected, the URL canonicalised, the date read
    (or found in the text), the conflict slug resolved.
    """
    body, title = _body_from_input(body=body, html=html, title=title)
    published = published_parse(published_at)
    if published is None:
        published, published_at_source = _published_from_text(body)
    return ArticleDraft(
        body=body,
        title=title,
        url=url_canonicalize(url) if url else None,
        outlet_name=outlet_name,
        published_at=published,
        published_at_source=published_at_source,
        language=language_of_article(body=body, declared=language),
        content_hash=content_hash(body),
        conflict=conflict_resolve(conflict),
        submitted_by=submitted_by,
    )


def article_from_draft(draft: ArticleDraft, *, outlets: dict[tuple, Outlet | None] | None = None) -> Article:
    """The unsaved, validated Article of a draft; its outlet is found or created (so call this inside the
    transaction that saves the article).  A field the model refuses is an ``IngestError``.

    ``outlets`` memoises the outlet look-ups over many drafts (the bulk import's batch).
    """
    key = (draft.outlet_name, draft.url and urlsplit(draft.url).hostname, draft.submitted_by is None)
    if outlets is None or key not in outlets:
        outlet = _outlet_for(outlet_name=draft.outlet_name, url=draft.url, submitted_by=draft.submitted_by)
        if outlets is not None:
            outlets[key] = outlet
    else:
        outlet = outlets[key]
    article = Article(
        url=draft.url,
        title=draft.title,
        outlet=outlet,
        published_at=draft.published_at,
        published_at_source=draft.published_at_source,
        language=draft.language,
        body=draft.body,
        content_hash=draft.content_hash,
        submitted_by=draft.submitted_by,
        conflict=draft.conflict,
    )
    try:
        # Uniqueness (one query per unique field) and the body rule (one query) are not validated here:
        # the callers looked the article up already, and the database refuses a duplicate or empty body.
        # Nor do the foreign keys need a query each: the outlet, conflict and partner were just read.
        article.full_clean(
            exclude=["content_hash", "outlet", "conflict", "submitted_by", *([] if draft.url else ["url"])],
            validate_unique=False,
            validate_constraints=False,
        )
    except ValidationError as exc:
        raise IngestError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages) from None
    return article


def article_mark_skipped(article: Article) -> None:
    """Mark an article that is not English as kept out of extraction, saying why (not saved): the rules
    read English, and over other text they would only invent claims."""
    article.status = Article.Status.SKIPPED_LANGUAGE
    article.status_message = f"not extracted: language {article.language}"


def _known(article: Article) -> IngestResult:
    return IngestResult(article=article, created=False, claims=list(article.claims.all()))


def article_ingest(*, extract: str = "async", **fields: Any) -> IngestResult:
    """Store one article (or find it again) and have its claims extracted.

    ``fields`` are ``article_draft``'s: ``body`` or ``html``, ``url``, ``title``, ``outlet_name``,
    ``published_at``, ``language``, ``submitted_by``, ``conflict``, ``published_at_source``.

    ``published_at_source`` says where ``published_at`` came from (given, feed, page).  An article with
    no date is dated by the first full date in its text ("text"); with none it is kept undated
    ("unknown"): its claims' statement time is then the ingestion time, and they are kept out of
    incidents' time-window matching.

    ``conflict`` (a Conflict or its slug) files the article under that conflict; without it the
    extraction infers the conflict from the text, or flags the article for a reviewer.

    ``extract``: "async" sends ``claims.tasks.extract_article`` after commit, "none" only stores the
    article (``claims.services.ingestion.article_ingest`` adds "sync", in the same transaction).  An
    article seen before (same canonical URL or same body) is returned unchanged with ``created=False``:
    the first version stored wins, so ingesting the same file twice changes nothing.
    """
    if extract not in EXTRACT_MODES:
        raise ValueError(f"extract must be one of {', '.join(EXTRACT_MODES)}, not {extract!r}")
    draft = article_draft(**fields)
    with transaction.atomic():
        known = _existing(url=draft.url, digest=draft.content_hash)
        if known is not None:
            return _known(known)
        article = article_from_draft(draft)
        try:
            # A savepoint, so a concurrent insert of the same article is found again, not an error.
            with transaction.atomic():
                article.save()
        except IntegrityError:
            known = _existing(url=draft.url, digest=draft.content_hash)
            if known is None:
                raise
            return _known(known)
        if article.language != ENGLISH:
            article_mark_skipped(article)
            article.save(update_fields=["status", "status_message", "updated_at"])
        elif extract == "async":
            _schedule_extraction(article.pk)
        return IngestResult(article=article, created=True)


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
