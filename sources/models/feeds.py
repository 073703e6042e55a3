"""What comes in by itself: feeds and their entries, and the URLs partners submit."""

from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q

from sources.models.articles import Article, Outlet
from sources.models.conflicts import Conflict


class Feed(models.Model):
    """An RSS or Atom feed polled for new articles (sources.feeds); a failing feed backs off."""

    url = models.URLField(max_length=1000, unique=True, validators=[URLValidator(schemes=["http", "https"])])
    title = models.CharField(max_length=300, blank=True)
    outlet = models.ForeignKey(
        Outlet,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="feeds",
        help_text="The outlet its articles are filed under; the page's site name or domain when empty.",
    )
    conflict = models.ForeignKey(
        Conflict,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="feeds",
        help_text="The conflict its articles are about; inferred from each article's text when empty.",
    )
    active = models.BooleanField(default=True)
    poll_interval = models.PositiveIntegerField(
        default=15, help_text="Minutes between two polls (1 to 10080, a week)."
    )
    etag = models.CharField(max_length=500, blank=True, editable=False)
    last_modified = models.CharField(max_length=100, blank=True, editable=False)
    last_polled_at = models.DateTimeField(null=True, blank=True, editable=False)
    next_poll_at = models.DateTimeField(null=True, blank=True, db_index=True)
    last_success_at = models.DateTimeField(null=True, blank=True, editable=False)
    consecutive_failures = models.PositiveIntegerField(default=0, editable=False)
    last_error = models.TextField(blank=True, editable=False)
    last_error_at = models.DateTimeField(null=True, blank=True, editable=False)
    # A lease rather than a row lock held through the network fetch: one worker polls a feed at a time.
    polling_until = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["title", "url"]
        constraints = [
            models.CheckConstraint(
                condition=Q(poll_interval__gte=1, poll_interval__lte=10080), name="feed_poll_interval_range"
            ),
        ]

    def __str__(self) -> str:
        return self.title or self.url


class FeedEntry(models.Model):
    """One entry seen in a feed: its page was ingested (``article``) or failed (``error``, retried a few times)."""

    class Status(models.TextChoices):
        INGESTED = "ingested", "Ingested"
        FAILED = "failed", "Failed"

    feed = models.ForeignKey(Feed, on_delete=models.CASCADE, related_name="entries")
    guid = models.CharField(
        max_length=500, help_text="The entry's id in the feed (its link when it has none)."
    )
    link = models.URLField(max_length=1000)
    title = models.CharField(max_length=500, blank=True)
    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="feed_entries"
    )
    status = models.CharField(max_length=20, choices=Status.choices)
    error = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "feed entries"
        constraints = [
            models.UniqueConstraint(fields=["feed", "guid"], name="feed_entry_unique_guid"),
            models.CheckConstraint(
                condition=~Q(status="failed") | ~Q(error=""), name="feed_entry_failure_has_error"
            ),
        ]

    def __str__(self) -> str:
        return self.title or self.link


class UrlSubmission(models.Model):
    """A URL a partner asked to have fetched: a task fetches it, so no web request waits on another server.

    Queued until the task runs; then fetched (``article`` set) or failed (``error`` says why).
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        FETCHED = "fetched", "Fetched"
        FAILED = "failed", "Failed"

    url = models.URLField(max_length=1000)
    title = models.CharField(max_length=500, blank=True)
    outlet_name = models.CharField(max_length=200, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    language = models.CharField(max_length=10, blank=True)
    conflict = models.ForeignKey(
        Conflict, null=True, blank=True, on_delete=models.SET_NULL, related_name="url_submissions"
    )
    submitted_by = models.ForeignKey(
        "partners.Partner", null=True, blank=True, on_delete=models.CASCADE, related_name="url_submissions"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    error = models.TextField(blank=True)
    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="url_submissions"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="failed") | ~Q(error=""), name="url_submission_failure_has_error"
            ),
        ]

    def __str__(self) -> str:
        return self.url
