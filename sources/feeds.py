"""Feed polling: fetch an RSS/Atom feed through the guarded fetcher and ingest its new entries.

``feed_poll`` is the one service the beat task, the admin's "poll now" and the tests call.  A feed is
fetched with If-None-Match / If-Modified-Since (a 304 adds nothing), parsed by feedparser from the
fetched bytes (feedparser never fetches anything itself), and every entry not seen before is fetched
and ingested with ``article_ingest_url``, one transaction per article.  Each entry leaves a
``FeedEntry`` row: ingested (with its article) or failed (with the error).  A failed entry is tried
again on later polls while it stays in the feed, up to FACTCHECK_FEED_ENTRY_MAX_ATTEMPTS attempts.

A feed that fails (unreachable, HTTP error, not a feed) records the error and backs off
exponentially: the next poll comes after ``poll_interval * 2**failures`` minutes, at most
FACTCHECK_FEED_MAX_BACKOFF seconds; the first success resets it.

Two workers polling one feed at once cannot both run: a poll first takes a lease on the feed row
(one conditional UPDATE), and the (feed, guid) unique constraint and the article's own dedup stand
behind it.
"""

from __future__ import annotations

import hashlib
import io
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import feedparser
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone

from sources.enqueue import task_send_on_commit
from sources.errors import FetchError, IngestError
from sources.fetching import FEED_TYPES, url_fetch
from sources.ingestion.pages import article_ingest_url
from sources.models import Article, Feed, FeedEntry

logger = logging.getLogger(__name__)

LEASE = timedelta(seconds=max(int(getattr(settings, "CELERY_TASK_TIME_LIMIT", 360)), 60))


@dataclass
class FeedPollResult:
    """What one poll did: ``skipped`` (not due or polled elsewhere), ``not_modified`` (304), the entries
    ingested and failed, and the feed's error if the poll failed."""

    skipped: bool = False
    not_modified: bool = False
    ingested: list[FeedEntry] = field(default_factory=list)
    failed: list[FeedEntry] = field(default_factory=list)
    error: str = ""


def feed_backoff(*, interval_minutes: int, failures: int) -> timedelta:
    """Delay before the next poll of a feed that failed ``failures`` times in a row (0: the interval)."""
    seconds = interval_minutes * 60 * (2 ** min(failures, 20))
    return timedelta(seconds=min(seconds, max(settings.FACTCHECK_FEED_MAX_BACKOFF, interval_minutes * 60)))


def entry_guid(entry: dict) -> str:
    """A stable id for a feed entry: its id/guid, else its link; hashed when too long to store."""
    guid = str(entry.get("id") or entry.get("link") or "").strip()
    if len(guid) > 500:
        guid = "sha256:" + hashlib.sha256(guid.encode("utf-8")).hexdigest()
    return guid


def feed_parse(body: bytes, *, url: str, content_type: str = "") -> tuple[str, list[dict]]:
    """(feed title, entries) of an RSS or Atom document; ``FetchError`` when it is not a feed.

    Relative entry links are resolved against the feed's URL.
    """
    # A file object, never a string or bytes: feedparser opens a string as a URL and tries bytes as a
    # file name.
    headers = {"content-location": url, **({"content-type": content_type} if content_type else {})}
    parsed = feedparser.parse(io.BytesIO(body), response_headers=headers)
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception")
        detail = f" ({reason})" if reason else ""
        raise FetchError(f"{url}: this is not an RSS or Atom feed{detail}.")
    return str(parsed.feed.get("title") or "").strip(), list(parsed.entries)


def _lease(feed_id: int, *, force: bool) -> Feed | None:
    now = timezone.now()
    due = Q(active=True) & (Q(next_poll_at__isnull=True) | Q(next_poll_at__lte=now))
    free = Q(polling_until__isnull=True) | Q(polling_until__lt=now)
    claimed = (
        Feed.objects.filter(free, pk=feed_id).filter(Q() if force else due).update(polling_until=now + LEASE)
    )
    if not claimed:
        return None
    return Feed.objects.select_related("outlet").get(pk=feed_id)


def _record_failure(feed: Feed, message: str) -> None:
    now = timezone.now()
    failures = feed.consecutive_failures + 1
    Feed.objects.filter(pk=feed.pk).update(
        consecutive_failures=failures,
        last_error=message[:2000],
        last_error_at=now,
        last_polled_at=now,
        next_poll_at=now + feed_backoff(interval_minutes=feed.poll_interval, failures=failures),
        polling_until=None,
        updated_at=now,
    )


def _record_success(feed: Feed, *, title: str = "", etag: str = "", last_modified: str = "") -> None:
    now = timezone.now()
    fields = {
        "consecutive_failures": 0,
        "last_error": "",
        "last_polled_at": now,
        "last_success_at": now,
        "next_poll_at": now + feed_backoff(interval_minutes=feed.poll_interval, failures=0),
        "polling_until": None,
        "updated_at": now,
    }
    if etag or last_modified:
        fields.update(etag=etag[:500], last_modified=last_modified[:100])
    if title and not feed.title:
        fields["title"] = title[:300]
    Feed.objects.filter(pk=feed.pk).update(**fields)


def _entry_published(entry: dict) -> datetime | None:
    """The date a feed entry gives its article (published, else updated), if it reads as one."""
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if value:
            try:
                year, month, day, hour, minute, second = value[:6]
                return datetime(year, month, day, hour, minute, second, tzinfo=UTC)
            except (TypeError, ValueError):
                continue
    return None


def _entry_ingest(feed: Feed, entry: dict, known: dict[str, FeedEntry], *, extract: str) -> FeedEntry | None:
    guid = entry_guid(entry)
    link = str(entry.get("link") or "").strip()
    if not guid or not link:
        return None
    seen = known.get(guid)
    if seen is not None and (
        seen.status == FeedEntry.Status.INGESTED
        or seen.attempts >= settings.FACTCHECK_FEED_ENTRY_MAX_ATTEMPTS
    ):
        return None
    title = str(entry.get("title") or "").strip()[:500]
    article, error = None, ""
    try:
        published = _entry_published(entry)
        result = article_ingest_url(
            url=link,
            outlet_name=feed.outlet.name if feed.outlet else None,
            published_at=published,
            published_at_source=Article.DateSource.FEED if published else Article.DateSource.GIVEN,
            conflict=feed.conflict,
            extract=extract,
        )
        article = result.article
    except ValidationError as exc:
        error = "; ".join(exc.messages)
    except Exception as exc:
        # One broken page must not stop the feed; its transaction was rolled back, so nothing is half-written.
        logger.exception("Ingesting feed entry %s failed", link)
        error = f"{link}: ingestion failed ({type(exc).__name__}: {exc})"
    values = {
        "link": link[:1000],
        "title": title,
        "article": article,
        "status": FeedEntry.Status.INGESTED if article else FeedEntry.Status.FAILED,
        "error": error[:2000],
    }
    if seen is None:
        row, created = FeedEntry.objects.get_or_create(feed=feed, guid=guid, defaults=values)
        if created:
            return row
        seen = row
    for name, value in values.items():
        setattr(seen, name, value)
    seen.attempts += 1
    seen.save()
    return seen


def feed_poll(*, feed_id: int, force: bool = False, extract: str = "async") -> FeedPollResult:
    """Poll one feed if it is due (or at once with ``force``) and ingest its new entries.

    Idempotent: entries already ingested are skipped, so a second poll adds nothing.  A poll that
    another worker is running, or of a feed not due, returns ``skipped``.
    """
    feed = _lease(feed_id, force=force)
    if feed is None:
        return FeedPollResult(skipped=True)
    conditional = {}
    if feed.etag:
        conditional["If-None-Match"] = feed.etag
    if feed.last_modified:
        conditional["If-Modified-Since"] = feed.last_modified
    try:
        page = url_fetch(feed.url, accept=FEED_TYPES, headers=conditional)
        if page.not_modified:
            _record_success(feed)
            return FeedPollResult(not_modified=True)
        title, entries = feed_parse(
            page.body, url=page.url, content_type=page.headers.get("content-type", "")
        )
    except IngestError as exc:
        message = "; ".join(exc.messages)
        _record_failure(feed, message)
        return FeedPollResult(error=message)
    except Exception as exc:
        logger.exception("Polling feed %s failed", feed.url)
        message = f"{feed.url}: polling failed ({type(exc).__name__}: {exc})"
        _record_failure(feed, message)
        return FeedPollResult(error=message)

    result = FeedPollResult()
    try:
        entries = entries[: settings.FACTCHECK_FEED_MAX_ENTRIES]
        guids = [guid for guid in (entry_guid(entry) for entry in entries) if guid]
        known = {row.guid: row for row in FeedEntry.objects.filter(feed=feed, guid__in=guids)}
        for entry in entries:
            row = _entry_ingest(feed, entry, known, extract=extract)
            if row is not None:
                known[row.guid] = row
                (result.ingested if row.status == FeedEntry.Status.INGESTED else result.failed).append(row)
    except BaseException:
        # Interrupted (database outage, time limit): free the feed for the retry, and keep the old
        # ETag so the next poll reads the whole feed again rather than a 304.
        Feed.objects.filter(pk=feed.pk).update(polling_until=None)
        raise
    _record_success(
        feed,
        title=title,
        etag=page.headers.get("etag", ""),
        last_modified=page.headers.get("last-modified", ""),
    )
    return result


def feed_poll_enqueue(*, feed_ids: list[int]) -> None:
    """Send a forced poll for each feed after the current transaction commits (the admin's "poll now")."""
    for feed_id in feed_ids:
        task_send_on_commit("sources.tasks.poll_feed", feed_id, force=True)
