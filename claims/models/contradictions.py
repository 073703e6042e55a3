"""Contradictions: two claims that cannot both be true, and what reviewers decided about them."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from claims.models.claims import Claim
from claims.models.incidents import Incident


class ContradictionKind(models.TextChoices):
    CASUALTY_MISMATCH = "casualty_mismatch", "Casualty mismatch"
    CONFLICTING_BLAME = "conflicting_blame", "Conflicting blame"
    ACCUSATION_DENIAL = "accusation_denial", "Accusation vs denial"
    CONFLICTING_CONTROL = "conflicting_control", "Conflicting control"
    SELF_REVERSAL = "self_reversal", "Self-reversal"
    UPDATE = "update", "Update by the same claimant (not a contradiction)"


class ContradictionStatus(models.TextChoices):
    OPEN = "open", "Open"
    CONFIRMED = "confirmed", "Confirmed"
    DISMISSED = "dismissed", "Dismissed"
    RESOLVED = "resolved", "Resolved"
    CLOSED = "closed", "Closed (claims no longer conflict)"


class DismissReason(models.TextChoices):
    """Why a reviewer threw a contradiction out: the signal for improving the extractor and the rules."""

    NOT_A_CONTRADICTION = "not_a_contradiction", "Not a contradiction"
    EXTRACTION_ERROR = "extraction_error", "Extraction error"
    SAME_STATEMENT = "same_statement", "Same statement"
    DIFFERENT_INCIDENTS = "different_incidents", "Different incidents"


class Contradiction(models.Model):
    """Two claims that cannot both be true. Stored with claim_a_id < claim_b_id: one row per pair and kind."""

    claim_a = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="contradictions_as_a")
    claim_b = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="contradictions_as_b")
    kind = models.CharField(max_length=30, choices=ContradictionKind.choices)
    status = models.CharField(
        max_length=20, choices=ContradictionStatus.choices, default=ContradictionStatus.OPEN
    )
    explanation = models.TextField()
    score = models.FloatField(default=1.0)
    score_reasons = models.JSONField(
        default=list, blank=True, help_text="Why the score ranks this pair where it does in the queue."
    )
    incident = models.ForeignKey(
        Incident, null=True, blank=True, on_delete=models.SET_NULL, related_name="contradictions"
    )
    detected_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(blank=True)
    holding_claim = models.ForeignKey(
        Claim,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="When resolved: the claim that holds.",
    )
    dismiss_reason = models.CharField(max_length=30, choices=DismissReason.choices, blank=True)
    # Assignment (a decision, in the audit trail) and the soft lock of whoever has it open (not audited).
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assigned_at = models.DateTimeField(null=True, blank=True)
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    locked_until = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at", "locked_by", "locked_until"])

    class Meta:
        ordering = ["-detected_at", "-id"]
        indexes = [
            models.Index(fields=["status", "-detected_at", "-id"], name="contradiction_queue_idx"),
            models.Index(fields=["claim_b"], name="contradiction_claim_b_idx"),
            models.Index(fields=["updated_at", "id"], name="contradiction_sync_idx"),
            models.Index(fields=["status", "incident", "kind"], name="contradiction_dispute_idx"),
            models.Index(fields=["assigned_to", "status"], name="contradiction_assigned_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["claim_a", "claim_b", "kind"], name="contradiction_unique_pair_kind"
            ),
            models.CheckConstraint(condition=Q(claim_a__lt=F("claim_b")), name="contradiction_pair_ordered"),
            models.CheckConstraint(
                condition=Q(score__gte=0) & Q(score__lte=1), name="contradiction_score_0_1"
            ),
            models.CheckConstraint(
                condition=Q(holding_claim__isnull=True)
                | Q(holding_claim=F("claim_a"))
                | Q(holding_claim=F("claim_b")),
                name="contradiction_holding_claim_is_one_of_pair",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: #{self.claim_a_id} vs #{self.claim_b_id}"
