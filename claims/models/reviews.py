"""Reviewers' verdicts on claims (schema.org ClaimReview) and their notes."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from claims.models.claims import Claim
from claims.models.contradictions import Contradiction
from claims.models.incidents import Incident


class VerdictRating(models.TextChoices):
    """Ratings whose labels are ClaimReview's reviewRating.alternateName."""

    ACCURATE = "accurate", "Accurate"
    MOSTLY_ACCURATE = "mostly_accurate", "Mostly accurate"
    MISLEADING = "misleading", "Misleading"
    FALSE = "false", "False"
    UNPROVEN = "unproven", "Unproven"


VERDICT_RATING_VALUES = {
    VerdictRating.FALSE: 1,
    VerdictRating.MISLEADING: 2,
    VerdictRating.UNPROVEN: 3,
    VerdictRating.MOSTLY_ACCURATE: 4,
    VerdictRating.ACCURATE: 5,
}


class Verdict(models.Model):
    """A reviewer's fact-check rating of a claim, exportable as schema.org ClaimReview."""

    claim = models.OneToOneField(Claim, on_delete=models.CASCADE, related_name="verdict")
    rating = models.CharField(max_length=20, choices=VerdictRating.choices)
    claim_reviewed = models.CharField(
        max_length=300,
        blank=True,
        help_text="A short statement of the claim as readers will see it (ClaimReview's claimReviewed; "
        "under 75 characters reads best). Empty: the claim's quote, trimmed.",
    )
    summary = models.TextField(blank=True)
    evidence_links = models.JSONField(default=list, blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="verdicts"
    )
    # A withdrawn verdict stays (with its trail) but no longer rates the claim anywhere.
    withdrawn = models.BooleanField(default=False)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-updated_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_rating_display()} — claim #{self.claim_id}"

    @property
    def rating_value(self) -> int:
        return VERDICT_RATING_VALUES[VerdictRating(self.rating)]


class Note(models.Model):
    """A reviewer's note on exactly one claim, contradiction or incident; kept in their audit trails."""

    claim = models.ForeignKey(Claim, null=True, blank=True, on_delete=models.CASCADE, related_name="notes")
    contradiction = models.ForeignKey(
        Contradiction, null=True, blank=True, on_delete=models.CASCADE, related_name="notes"
    )
    incident = models.ForeignKey(
        Incident, null=True, blank=True, on_delete=models.CASCADE, related_name="notes"
    )
    text = models.TextField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(claim__isnull=False, contradiction__isnull=True, incident__isnull=True)
                | Q(claim__isnull=True, contradiction__isnull=False, incident__isnull=True)
                | Q(claim__isnull=True, contradiction__isnull=True, incident__isnull=False),
                name="note_on_exactly_one_object",
            ),
        ]

    def __str__(self) -> str:
        return f"Note by {self.author or 'system'}: {self.text[:60]}"
