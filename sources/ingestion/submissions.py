"""URLs partners submit: accepted at once, fetched and ingested by a task, swept if a message is lost."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from sources.enqueue import task_send_on_commit
from sources.errors import IngestError
from sources.ingestion.articles import conflict_resolve
from sources.ingestion.pages import article_at_url, article_ingest_url
from sources.ingestion.parsing import published_parse
from sources.models import Article, Conflict, UrlSubmission
from sources.url_guard import url_check_address, url_check_scheme


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
    task_send_on_commit("sources.tasks.fetch_url_submission", submission_id)


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
