"""Celery tasks for the sources app: thin wrappers that load by id and call a service."""

from __future__ import annotations

from celery import shared_task

from factcheck.celery_policy import AT_LEAST_ONCE, RETRY_ON_TRANSIENT
from sources.feeds import feed_poll
from sources.ingestion import articles_extraction_requeue, url_submission_fetch, url_submissions_requeue
from sources.selectors import feeds_due


@shared_task(**AT_LEAST_ONCE)
def poll_due_feeds() -> int:
    """Beat, every minute: send one ``poll_feed`` per active feed that is due; returns how many.

    Sending a feed twice (a slow queue) is harmless: ``poll_feed`` skips a feed that is not due any
    more or that another worker is polling.
    """
    feed_ids = list(feeds_due().values_list("pk", flat=True))
    for feed_id in feed_ids:
        poll_feed.delay(feed_id)
    return len(feed_ids)


@shared_task(**RETRY_ON_TRANSIENT)
def poll_feed(feed_id: int, force: bool = False) -> dict:
    """Poll one feed and ingest its new entries (extraction follows as tasks); idempotent.

    Returns counts for the task result: ingested and failed entries, whether the feed answered 304,
    was skipped, or failed (its error is recorded on the feed).
    """
    result = feed_poll(feed_id=feed_id, force=force)
    return {
        "skipped": result.skipped,
        "not_modified": result.not_modified,
        "ingested": len(result.ingested),
        "failed": len(result.failed),
        "error": result.error,
    }


@shared_task(**RETRY_ON_TRANSIENT)
def fetch_url_submission(submission_id: int) -> str:
    """Fetch and ingest one URL a partner submitted; returns its status ("done" when already handled)."""
    submission = url_submission_fetch(submission_id=submission_id)
    return submission.status if submission else "done"


@shared_task(**AT_LEAST_ONCE)
def requeue_url_submissions() -> int:
    """Beat, every five minutes: send the fetch again for submissions still queued (nothing depends on a
    message surviving)."""
    return url_submissions_requeue()


@shared_task(**AT_LEAST_ONCE)
def requeue_extractions(older_than_seconds: int = 300) -> int:
    """Beat, every five minutes: send the extraction again for articles still "received" (a message
    lost while the broker was down; nothing depends on a message surviving)."""
    return articles_extraction_requeue(older_than_seconds=older_than_seconds)
