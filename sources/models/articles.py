"""Who published (outlets) what (articles)."""

from django.db import models
from django.db.models import Q

from sources.models.conflicts import Conflict


class Outlet(models.Model):
    class Kind(models.TextChoices):
        AGENCY = "agency", "News agency"
        NEWSPAPER = "newspaper", "Newspaper"
        BROADCASTER = "broadcaster", "Broadcaster"
        GOVERNMENT = "government", "Government press service"
        NGO = "ngo", "NGO"
        SOCIAL = "social", "Social media account"
        WEBSITE = "website", "Website"
        OTHER = "other", "Other"

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    country = models.CharField(max_length=2, blank=True, help_text="ISO 3166-1 alpha-2 code")
    domain = models.CharField(max_length=200, blank=True, db_index=True)
    party = models.ForeignKey(
        "Party",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="outlets",
        help_text="The party this outlet speaks as when it reports in its own voice or relays others.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Article(models.Model):
    """One ingested document; deduplicated by canonical URL and by the hash of its body."""

    class Status(models.TextChoices):
        RECEIVED = "received", "Received"
        EXTRACTED = "extracted", "Claims extracted"
        FAILED = "failed", "Failed"
        SKIPPED_LANGUAGE = "skipped_language", "Not extracted: not English"

    url = models.URLField(max_length=1000, unique=True, null=True, blank=True)
    title = models.CharField(max_length=500, blank=True)
    outlet = models.ForeignKey(
        Outlet, null=True, blank=True, on_delete=models.PROTECT, related_name="articles"
    )
    conflict = models.ForeignKey(
        Conflict, null=True, blank=True, on_delete=models.PROTECT, related_name="articles"
    )
    conflict_needs_review = models.BooleanField(
        default=False,
        help_text="The conflict could not be told from the text (none or several matched); a reviewer should set it.",
    )

    class DateSource(models.TextChoices):
        GIVEN = "given", "Given with the article"
        FEED = "feed", "The feed entry's date"
        PAGE = "page", "The page's metadata"
        TEXT = "text", "The first dated sentence of the text"
        UNKNOWN = "unknown", "Unknown (undated article)"

    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    published_at_source = models.CharField(
        max_length=10,
        choices=DateSource.choices,
        default=DateSource.GIVEN,
        help_text="Where the article's date comes from; an undated article's claims are kept out of "
        "incidents' time-window matching.",
    )
    language = models.CharField(max_length=10, default="en")
    body = models.TextField()
    content_hash = models.CharField(max_length=64, unique=True, editable=False)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.RECEIVED)
    status_message = models.TextField(blank=True)
    submitted_by = models.ForeignKey(
        "partners.Partner", null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [
            # The extraction sweep reads the few articles still waiting for their claims.
            models.Index(fields=["updated_at"], condition=Q(status="received"), name="article_received_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(body=""), name="article_body_not_empty"),
        ]

    def __str__(self) -> str:
        return self.title or self.url or f"Article {self.pk}"

    @property
    def date_known(self) -> bool:
        return self.published_at is not None and self.published_at_source != self.DateSource.UNKNOWN
