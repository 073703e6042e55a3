"""Learned credibility: per party (as claimant and as relayer), per incident (most likely figure), per run."""

from django.db import models
from django.db.models import Q


class CredibilityRun(models.Model):
    """One recompute: when, over how much, how long.  The latest finished run is the "last update"."""

    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    claims = models.PositiveIntegerField(default=0, help_text="Claims that took part.")
    parties = models.PositiveIntegerField(default=0)
    incidents = models.PositiveIntegerField(default=0)
    iterations = models.PositiveIntegerField(default=0)
    seconds = models.FloatField(default=0)
    load_seconds = models.FloatField(default=0, help_text="Reading claims, verdicts and resolutions.")
    compute_seconds = models.FloatField(default=0, help_text="TruthFinder and shaping the results.")
    write_seconds = models.FloatField(default=0, help_text="Comparing with and upserting the stored rows.")
    changed = models.PositiveIntegerField(default=0, help_text="Rows written whose values changed.")

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"Credibility run {self.started_at:%Y-%m-%d %H:%M}"


#: A party's computed figures: what a run writes (with ``explanation``) and the API shows.
SCORE_FIELDS = ("score", "claims_counted", "confirmed", "refuted", "relayed_counted", "relay_score")


class PartyCredibility(models.Model):
    """How often a party's figures hold up against reviewed evidence and other independent sources."""

    party = models.OneToOneField(
        "sources.Party", primary_key=True, on_delete=models.CASCADE, related_name="credibility"
    )
    score = models.FloatField(help_text="0..1; small samples are shrunk toward the prior.")
    claims_counted = models.PositiveIntegerField(
        default=0, help_text="Distinct statements that took part (relays of one statement count once)."
    )
    confirmed = models.PositiveIntegerField(default=0, help_text="Statements reviewers found to hold.")
    refuted = models.PositiveIntegerField(default=0, help_text="Statements reviewers found false.")
    relayed_counted = models.PositiveIntegerField(default=0, help_text="Distinct statements it relayed.")
    relay_score = models.FloatField(
        null=True, blank=True, help_text="As a relayer: how often what it passes on holds up."
    )
    explanation = models.JSONField(default=list, blank=True)
    computed_at = models.DateTimeField()

    class Meta:
        verbose_name_plural = "party credibility"
        constraints = [
            models.CheckConstraint(
                condition=Q(score__gte=0) & Q(score__lte=1), name="party_credibility_score_0_1"
            ),
            models.CheckConstraint(
                condition=Q(relay_score__isnull=True) | (Q(relay_score__gte=0) & Q(relay_score__lte=1)),
                name="party_credibility_relay_score_0_1",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.party_id}: {self.score:.2f}"


class IncidentEstimate(models.Model):
    """The most likely casualty figures of an incident, beside its min–max range and conservative figure."""

    incident = models.OneToOneField(
        "claims.Incident", primary_key=True, on_delete=models.CASCADE, related_name="estimate"
    )
    killed_likely = models.PositiveIntegerField(null=True, blank=True)
    killed_confidence = models.FloatField(null=True, blank=True)
    wounded_likely = models.PositiveIntegerField(null=True, blank=True)
    wounded_confidence = models.FloatField(null=True, blank=True)
    computed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(killed_confidence__isnull=True) | Q(killed_confidence__gte=0, killed_confidence__lte=1)
                )
                & (
                    Q(wounded_confidence__isnull=True)
                    | Q(wounded_confidence__gte=0, wounded_confidence__lte=1)
                ),
                name="incident_estimate_confidence_0_1",
            ),
        ]

    def __str__(self) -> str:
        return f"Incident {self.incident_id}: killed {self.killed_likely}, wounded {self.wounded_likely}"
