"""Generated contradiction reports, who subscribes to them, and the logs of what was sent where.

Report files are kept in the database (HTML and JSON as text, CSV tables as a zip) rather than
under MEDIA_ROOT: every web process and worker reads the same row, with no shared volume to keep.
"""

from django.db import models
from django.db.models import Q


class PeriodKind(models.TextChoices):
    DAILY = "daily", "Daily"
    WEEKLY = "weekly", "Weekly"
    CUSTOM = "custom", "Custom period"


class Report(models.Model):
    """A contradiction report for the days period_start..period_end (both included, UTC).

    One row per (kind, start, end, filter): building the same period twice updates it in place.
    """

    kind = models.CharField(max_length=10, choices=PeriodKind.choices)
    period_start = models.DateField()
    period_end = models.DateField(help_text="Last day included.")
    filter_key = models.CharField(
        max_length=60,
        blank=True,
        default="",
        help_text='Empty for the full report; "party:<id>" or "incident:<id>" when narrowed.',
    )
    filters = models.JSONField(default=dict, blank=True)
    generated_at = models.DateTimeField()
    counts = models.JSONField(default=dict, blank=True)
    data = models.JSONField(
        default=dict, blank=True, help_text="Every table of the report (the JSON format)."
    )
    html = models.TextField(blank=True, help_text="Self-contained HTML page.")
    csv_zip = models.BinaryField(blank=True, default=b"", help_text="One CSV file per table, zipped.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-period_start", "-id"]
        indexes = [models.Index(fields=["-period_start", "-id"], name="report_list_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "period_start", "period_end", "filter_key"], name="report_unique_period"
            ),
            models.CheckConstraint(
                condition=Q(period_start__lte=models.F("period_end")), name="report_period_ordered"
            ),
        ]

    def __str__(self) -> str:
        label = f"{self.get_kind_display()} report {self.period_start}"
        if self.period_end != self.period_start:
            label += f" – {self.period_end}"
        return f"{label} ({self.filter_key})" if self.filter_key else label

    @property
    def file_stem(self) -> str:
        stem = f"factcheck-report-{self.kind}-{self.period_start}"
        if self.period_end != self.period_start:
            stem += f"-to-{self.period_end}"
        return f"{stem}-{self.filter_key.replace(':', '-')}" if self.filter_key else stem


class Subscription(models.Model):
    """An address that receives the daily or weekly report, optionally narrowed to a party or an incident."""

    email = models.EmailField()
    frequency = models.CharField(
        max_length=10, choices=[(PeriodKind.DAILY, "Daily"), (PeriodKind.WEEKLY, "Weekly")]
    )
    party = models.ForeignKey(
        "sources.Party",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="report_subscriptions",
        help_text="Only claims by this party (and its ministries, officials, ...).",
    )
    incident = models.ForeignKey(
        "claims.Incident",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="report_subscriptions",
        help_text="Only this incident.",
    )
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["email", "frequency"]
        constraints = [
            models.CheckConstraint(
                condition=Q(party__isnull=True) | Q(incident__isnull=True),
                name="subscription_one_filter_at_most",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} ({self.get_frequency_display()})"

    @property
    def filters(self) -> dict:
        if self.party_id:
            return {"party": self.party_id}
        if self.incident_id:
            return {"incident": self.incident_id}
        return {}


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"


class ReportDelivery(models.Model):
    """One report sent (or tried) to one subscription; the unique pair makes a second send a no-op."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="deliveries")
    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="deliveries")
    email = models.EmailField()
    status = models.CharField(max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "report deliveries"
        constraints = [
            models.UniqueConstraint(fields=["report", "subscription"], name="report_delivery_once"),
        ]

    def __str__(self) -> str:
        return f"{self.report} → {self.email} ({self.status})"


class WebhookDelivery(models.Model):
    """One version of one contradiction pushed to one partner: the payload, attempts and outcome.

    Keyed by the contradiction's updated_at, so a push run that sees the same version twice makes
    one delivery, and every later change makes a new one.
    """

    partner = models.ForeignKey(
        "partners.Partner", on_delete=models.CASCADE, related_name="webhook_deliveries"
    )
    contradiction = models.ForeignKey(
        "claims.Contradiction",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="webhook_deliveries",
    )
    contradiction_version = models.DateTimeField(
        null=True, blank=True, help_text="The contradiction's updated_at that was pushed."
    )
    # A plain id, not a foreign key: a withdrawal is still delivered after its verdict was deleted.
    verdict_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    verdict_version = models.DateTimeField(
        null=True, blank=True, help_text="The verdict's updated_at (or withdrawal time) that was pushed."
    )
    event = models.CharField(max_length=40)
    payload = models.JSONField()
    url = models.URLField(max_length=500)
    status = models.CharField(max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    response_code = models.PositiveIntegerField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    next_retry_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "webhook deliveries"
        indexes = [
            models.Index(
                fields=["next_retry_at"], condition=Q(status="pending"), name="webhook_delivery_pending_idx"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["partner", "contradiction", "contradiction_version"], name="webhook_delivery_once"
            ),
            models.UniqueConstraint(
                fields=["partner", "verdict_id", "verdict_version", "event"],
                condition=Q(verdict_id__isnull=False),
                name="webhook_verdict_delivery_once",
            ),
            models.CheckConstraint(
                condition=Q(contradiction__isnull=False) | Q(verdict_id__isnull=False),
                name="webhook_delivery_has_subject",
            ),
        ]

    def __str__(self) -> str:
        subject = f"verdict #{self.verdict_id}" if self.verdict_id else f"#{self.contradiction_id}"
        return f"{self.event} {subject} → {self.partner} ({self.status})"


class WebhookCursor(models.Model):
    """How far the push has read the contradictions for one partner: (updated_at, id) of the last one."""

    partner = models.OneToOneField(
        "partners.Partner", on_delete=models.CASCADE, related_name="webhook_cursor"
    )
    last_updated_at = models.DateTimeField(null=True, blank=True)
    last_id = models.BigIntegerField(default=0)
    verdicts_read_from = models.DateTimeField(
        null=True, blank=True, help_text="Verdict changes and withdrawals at or after this are read next."
    )
    moved_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.partner}: {self.last_updated_at} #{self.last_id}"
