"""Provenance: who published (Outlet), what (Article), who speaks or is accused (Party), where (Place)."""

from typing import Any
from zoneinfo import ZoneInfo

from django.core.validators import URLValidator
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from sources.text import normalize_name


class Conflict(models.Model):
    """A war the tracker follows, loaded from a conflict pack: its period, time zone and sides.

    Articles, claims and incidents belong to one conflict; the opposition relation between its sides
    decides which blame and control claims contradict each other.
    """

    slug = models.SlugField(max_length=100, unique=True)
    name = models.CharField(max_length=200)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    timezone = models.CharField(
        max_length=64, default="UTC", help_text="IANA time zone that reports' times are read in."
    )
    countries = models.JSONField(
        default=list, blank=True, help_text="ISO 3166-1 alpha-2 codes of the countries its places lie in."
    )
    description = models.TextField(blank=True)
    pack_version = models.PositiveIntegerField(default=1)
    pack_digest = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["-start_date", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(start_date__lte=F("end_date")),
                name="conflict_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def tzinfo(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


class ConflictSide(models.Model):
    """One side of a conflict (a row, not an enum): belligerents oppose each other, third parties nobody."""

    class Kind(models.TextChoices):
        BELLIGERENT = "belligerent", "Belligerent"
        THIRD_PARTY = "third_party", "Third party"

    conflict = models.ForeignKey(Conflict, on_delete=models.CASCADE, related_name="sides")
    slug = models.SlugField(max_length=100)
    label = models.CharField(max_length=200)
    colour = models.CharField(max_length=7, default="#7f8c8d", help_text="Hex colour used in charts.")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.BELLIGERENT)
    opposes = models.ManyToManyField("self", symmetrical=True, blank=True)
    roots: "models.ManyToManyField[Party, Any]" = models.ManyToManyField(
        "Party",
        blank=True,
        related_name="root_of_sides",
        help_text="Parties whose whole subtree is on this side.",
    )

    class Meta:
        ordering = ["conflict", "id"]
        constraints = [
            models.UniqueConstraint(fields=["conflict", "slug"], name="conflict_side_unique_slug"),
            models.CheckConstraint(
                condition=Q(colour__regex=r"^#[0-9A-Fa-f]{6}$"), name="conflict_side_colour_hex"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.conflict.slug})" if self.conflict_id else self.label


class PartySide(models.Model):
    """The side a party is on in one conflict: its side root's subtree, kept by the conflict services.

    A party can be a belligerent in one conflict and a third party in another (Russia).
    """

    conflict = models.ForeignKey(Conflict, on_delete=models.CASCADE, related_name="party_sides")
    party = models.ForeignKey("Party", on_delete=models.CASCADE, related_name="conflict_sides")
    side = models.ForeignKey(ConflictSide, on_delete=models.CASCADE, related_name="members")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["conflict", "party"], name="party_side_unique_per_conflict"),
        ]

    def __str__(self) -> str:
        return f"{self.party_id} in {self.conflict_id}: {self.side_id}"


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


class Party(models.Model):
    """An actor that makes claims or is accused in them, in a tree (Aliyev -> Government -> Azerbaijan)."""

    class Kind(models.TextChoices):
        STATE = "state", "State"
        GOVERNMENT = "government", "Government"
        MINISTRY = "ministry", "Ministry or agency"
        ARMED_FORCE = "armed_force", "Armed force"
        OFFICIAL = "official", "Official"
        DE_FACTO = "de_facto", "De facto authority"
        ORGANISATION = "organisation", "Organisation"
        MEDIA = "media", "Media outlet"
        OTHER = "other", "Other"

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    description = models.CharField(max_length=300, blank=True)
    demonyms = models.JSONField(
        default=list,
        blank=True,
        help_text='Adjectives that point at this party ("Northern" for a Northern Republic).',
    )
    same_as = models.URLField(
        max_length=500,
        blank=True,
        help_text="A page that identifies the party beyond doubt (Wikidata, Wikipedia, its official site): "
        "ClaimReview's sameAs for the claim's author.",
    )
    # Materialized path of ids ("/1/4/17/"), kept by the party services: lets "claims by Azerbaijan"
    # include its ministries and officials with one indexed prefix match.
    tree_path = models.CharField(max_length=255, blank=True, db_index=True, editable=False)
    needs_review = models.BooleanField(
        default=False, help_text="Created automatically by extraction; a reviewer should confirm it."
    )
    defined_in = models.ForeignKey(
        Conflict,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="defined_parties",
        editable=False,
        help_text="The conflict whose pack created the party; that pack sets its kind, parent and description.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "parties"
        constraints = [
            models.CheckConstraint(condition=~Q(parent=models.F("id")), name="party_not_own_parent"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def depth(self) -> int:
        return max(self.tree_path.count("/") - 2, 0)


class PartyAlias(models.Model):
    """Another name a party goes by ("Baku", "Azeri officials"); matched case- and accent-insensitively."""

    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(max_length=200)
    normalized = models.CharField(max_length=200, editable=False, db_index=True)
    conflict = models.ForeignKey(
        Conflict,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="local_aliases",
        help_text='Set for a name that means this party only in articles of one conflict ("the health ministry").',
    )

    class Meta:
        ordering = ["alias"]
        verbose_name_plural = "party aliases"
        constraints = [
            models.UniqueConstraint(
                fields=["normalized"], condition=Q(conflict__isnull=True), name="party_alias_unique_global"
            ),
            models.UniqueConstraint(
                fields=["normalized", "conflict"],
                condition=Q(conflict__isnull=False),
                name="party_alias_unique_in_conflict",
            ),
        ]

    def __str__(self) -> str:
        return self.alias

    def save(self, *args, **kwargs):
        self.normalized = normalize_name(self.alias)
        super().save(*args, **kwargs)


class Place(models.Model):
    class Kind(models.TextChoices):
        CITY = "city", "City"
        TOWN = "town", "Town"
        VILLAGE = "village", "Village"
        DISTRICT = "district", "District"
        REGION = "region", "Region"
        COUNTRY = "country", "Country"

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.TOWN)
    country = models.CharField(
        max_length=2,
        blank=True,
        default="",
        help_text="ISO 3166-1 alpha-2 code; keeps Barda (AZ) and Barda (RU) apart.",
    )
    region = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="subplaces"
    )
    latitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "country"], name="place_unique_name_per_country"),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="place_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="place_longitude_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class PlaceAlias(models.Model):
    """Alternative names and transliterations (Stepanakert / Khankendi, Ganja / Gence)."""

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(max_length=200)
    normalized = models.CharField(max_length=200, editable=False, db_index=True)

    class Meta:
        ordering = ["alias"]
        verbose_name_plural = "place aliases"
        constraints = [
            models.UniqueConstraint(fields=["place", "normalized"], name="place_alias_unique_per_place"),
        ]

    def __str__(self) -> str:
        return self.alias

    def save(self, *args, **kwargs):
        self.normalized = normalize_name(self.alias)
        super().save(*args, **kwargs)


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
