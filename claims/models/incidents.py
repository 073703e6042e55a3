"""Incidents: the real-world events claims are about, with their cached figures."""

from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords


class IncidentKind(models.TextChoices):
    STRIKE = "strike", "Strike (missile, artillery, air)"
    ASSAULT = "assault", "Ground assault"
    CEASEFIRE_BREACH = "ceasefire_breach", "Ceasefire breach"
    CAPTURE = "capture", "Capture of territory"
    OTHER = "other", "Other"


class Incident(models.Model):
    """A real-world event several claims are about: kind, place and time window."""

    class Grade(models.TextChoices):
        """Airwars' grading of how well an incident is sourced."""

        CONFIRMED = "confirmed", "Confirmed (responsibility accepted)"
        FAIR = "fair", "Fair (two or more independent sources)"
        WEAK = "weak", "Weak (single source)"
        CONTESTED = "contested", "Contested (competing claims of responsibility)"
        DISCOUNTED = "discounted", "Discounted (shown false by review)"

    title = models.CharField(max_length=300, blank=True)
    conflict = models.ForeignKey(
        "sources.Conflict", null=True, blank=True, on_delete=models.PROTECT, related_name="incidents"
    )
    kind = models.CharField(max_length=20, choices=IncidentKind.choices, default=IncidentKind.OTHER)
    place = models.ForeignKey(
        "sources.Place", null=True, blank=True, on_delete=models.PROTECT, related_name="incidents"
    )
    window_start = models.DateTimeField(null=True, blank=True)
    window_end = models.DateTimeField(null=True, blank=True)
    grade = models.CharField(max_length=20, choices=Grade.choices, default=Grade.WEAK)
    # Cached over the incident's claims by the incident services (Airwars range, ACLED conservative figure).
    killed_low = models.PositiveIntegerField(null=True, blank=True)
    killed_high = models.PositiveIntegerField(null=True, blank=True)
    wounded_low = models.PositiveIntegerField(null=True, blank=True)
    wounded_high = models.PositiveIntegerField(null=True, blank=True)
    # The same over the published (verified) claims only: what partners read (claims.selectors.claims).
    published_grade = models.CharField(
        max_length=20, choices=Grade.choices, default=Grade.WEAK, editable=False
    )
    published_killed_low = models.PositiveIntegerField(null=True, blank=True, editable=False)
    published_killed_high = models.PositiveIntegerField(null=True, blank=True, editable=False)
    published_wounded_low = models.PositiveIntegerField(null=True, blank=True, editable=False)
    published_wounded_high = models.PositiveIntegerField(null=True, blank=True, editable=False)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged_incidents"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-window_start", "-id"]
        indexes = [
            models.Index(fields=["kind", "place", "window_start"], name="incident_block_idx"),
            models.Index(fields=["-window_start", "-id"], name="incident_default_order_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(window_start__isnull=True)
                | Q(window_end__isnull=True)
                | Q(window_start__lte=F("window_end")),
                name="incident_window_ordered",
            ),
            models.CheckConstraint(
                condition=Q(killed_low__isnull=True)
                | Q(killed_high__isnull=True)
                | Q(killed_low__lte=F("killed_high")),
                name="incident_killed_range_ordered",
            ),
            models.CheckConstraint(condition=~Q(merged_into=F("id")), name="incident_not_merged_into_itself"),
        ]

    def __str__(self) -> str:
        return self.title or f"{self.get_kind_display()} #{self.pk}"
