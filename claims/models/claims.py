"""Claims: one attributed assertion each, with its typed content and the choices it is made of."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from simple_history.models import HistoricalRecords

from claims.models.incidents import Incident


class ClaimKind(models.TextChoices):
    CASUALTY = "casualty", "Casualty count"
    ACCUSATION = "accusation", "Accusation"
    DENIAL = "denial", "Denial / keeps the ceasefire"
    CONTROL = "control", "Territorial control"
    STATEMENT = "statement", "Other statement"


class ClaimStatus(models.TextChoices):
    PENDING = "pending", "Pending review"
    VERIFIED = "verified", "Verified"
    REJECTED = "rejected", "Rejected"


class ClaimOrigin(models.TextChoices):
    EXTRACTOR = "extractor", "Extractor"
    REVIEWER = "reviewer", "Reviewer"
    PARTNER = "partner", "Partner"


class VictimGroup(models.TextChoices):
    CIVILIAN = "civilian", "Civilians"
    MILITARY = "military", "Military"
    UNSPECIFIED = "unspecified", "Unspecified"


class Polarity(models.TextChoices):
    ASSERTS = "asserts", "Asserts"
    RETRACTS = "retracts", "Retracts"


# Fields whose change means the claim must be checked for contradictions again.
CHECKED_FIELDS = (
    "kind",
    "conflict_id",
    "claimant_id",
    "incident_id",
    "place_id",
    "event_start",
    "event_end",
    "killed_min",
    "killed_max",
    "wounded_min",
    "wounded_max",
    "victim_group",
    "accused_id",
    "act",
    "controller_id",
    "polarity",
    "status",
)

COUNT_PAIRS = (
    ("killed_min", "killed_max"),
    ("wounded_min", "wounded_max"),
    ("displaced_min", "displaced_max"),
    ("missing_min", "missing_max"),
)
# Every count field, lower bound before upper, in the order the API lists them.
COUNT_FIELDS = tuple(name for pair in COUNT_PAIRS for name in pair)


def _count_constraints() -> list[models.BaseConstraint]:
    constraints: list[models.BaseConstraint] = []
    for low, high in COUNT_PAIRS:
        figure = low.removesuffix("_min")
        constraints += [
            models.CheckConstraint(
                condition=Q(**{f"{low}__isnull": True}) | Q(**{f"{low}__gte": 0}),
                name=f"claim_{figure}_min_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(**{f"{high}__isnull": True}) | Q(**{f"{high}__gte": 0}),
                name=f"claim_{figure}_max_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(**{f"{low}__isnull": True})
                | Q(**{f"{high}__isnull": True})
                | Q(**{f"{low}__lte": F(high)}),
                name=f"claim_{figure}_min_lte_max",
            ),
            # An upper bound without a lower bound is stored as [0, max].
            models.CheckConstraint(
                condition=Q(**{f"{high}__isnull": True}) | Q(**{f"{low}__isnull": False}),
                name=f"claim_{figure}_max_needs_min",
            ),
        ]
    return constraints


class Claim(models.Model):
    """One attributed assertion: who said what, where it was carried, and its typed content.

    Counts are intervals: "nine" is [9, 9], "at least 9" is [9, open] (max null), "dozens" is [12, open].
    """

    article = models.ForeignKey(
        "sources.Article", null=True, blank=True, on_delete=models.PROTECT, related_name="claims"
    )
    conflict = models.ForeignKey(
        "sources.Conflict",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="claims",
        db_index=False,
        help_text="The conflict the claim is about (its article's); sides are read in it.",
    )
    quote = models.TextField(blank=True)
    quote_start = models.PositiveIntegerField(null=True, blank=True)
    quote_end = models.PositiveIntegerField(null=True, blank=True)
    claimant = models.ForeignKey("sources.Party", on_delete=models.PROTECT, related_name="claims")
    relayed_by = models.ForeignKey(
        "sources.Party", null=True, blank=True, on_delete=models.PROTECT, related_name="relayed_claims"
    )
    kind = models.CharField(max_length=20, choices=ClaimKind.choices)
    polarity = models.CharField(max_length=10, choices=Polarity.choices, default=Polarity.ASSERTS)
    stated_at = models.DateTimeField(
        help_text="When the claimant made the claim (the article date if unknown)."
    )
    incident = models.ForeignKey(
        Incident, null=True, blank=True, on_delete=models.SET_NULL, related_name="claims"
    )
    place = models.ForeignKey(
        "sources.Place", null=True, blank=True, on_delete=models.PROTECT, related_name="claims"
    )
    event_start = models.DateTimeField(null=True, blank=True)
    event_end = models.DateTimeField(null=True, blank=True)

    killed_min = models.IntegerField(null=True, blank=True)
    killed_max = models.IntegerField(null=True, blank=True)
    wounded_min = models.IntegerField(null=True, blank=True)
    wounded_max = models.IntegerField(null=True, blank=True)
    displaced_min = models.IntegerField(null=True, blank=True)
    displaced_max = models.IntegerField(null=True, blank=True)
    missing_min = models.IntegerField(null=True, blank=True)
    missing_max = models.IntegerField(null=True, blank=True)
    victim_group = models.CharField(
        max_length=20, choices=VictimGroup.choices, default=VictimGroup.UNSPECIFIED
    )

    accused = models.ForeignKey(
        "sources.Party", null=True, blank=True, on_delete=models.PROTECT, related_name="accusations"
    )
    act = models.CharField(max_length=300, blank=True, help_text="What is alleged or denied.")
    controller = models.ForeignKey(
        "sources.Party",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="control_claims",
        help_text="For control claims: the party said to hold the place.",
    )

    status = models.CharField(max_length=20, choices=ClaimStatus.choices, default=ClaimStatus.PENDING)
    origin = models.CharField(max_length=20, choices=ClaimOrigin.choices, default=ClaimOrigin.REVIEWER)
    submitted_by = models.ForeignKey(
        "partners.Partner", null=True, blank=True, on_delete=models.SET_NULL, related_name="claims"
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    # A change to a checked field bumps this and marks the claim as awaiting its check
    # (``ClaimCheckPending``, a row of its own so the check never rewrites the claim row).
    changed_at = models.DateTimeField(help_text="Last change to a checked field.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-stated_at", "-id"]
        indexes = [
            models.Index(fields=["incident", "kind"], name="claim_incident_kind_idx"),
            models.Index(fields=["kind", "place", "event_start"], name="claim_block_idx"),
            models.Index(fields=["claimant", "kind"], name="claim_claimant_kind_idx"),
            models.Index(fields=["accused"], name="claim_accused_idx"),
            models.Index(fields=["status", "-stated_at", "-id"], name="claim_queue_idx"),
            models.Index(fields=["-stated_at", "-id"], name="claim_default_order_idx"),
            models.Index(fields=["conflict", "-stated_at", "-id"], name="claim_conflict_order_idx"),
            models.Index(fields=["updated_at", "id"], name="claim_sync_idx"),
            # Blocking for claims no incident holds (no place): kind + place + time bucket.
            models.Index(
                F("kind"),
                F("place"),
                Coalesce("event_start", "stated_at"),
                condition=Q(incident__isnull=True),
                name="claim_loose_block_idx",
            ),
            # Control claims meet denials of that control by place and time, across incidents of
            # different kinds.
            models.Index(
                F("kind"), F("place"), Coalesce("event_start", "stated_at"), name="claim_place_time_idx"
            ),
            # The rescan's blocks read their ungrouped claims by kind and id range.
            models.Index(
                fields=["kind", "id"], condition=Q(incident__isnull=True), name="claim_loose_id_idx"
            ),
            # Self-reversal blocking: a party's retractions, looked up from each of its assertions.
            models.Index(
                fields=["claimant", "kind"], condition=Q(polarity="retracts"), name="claim_retraction_idx"
            ),
        ]
        constraints = [
            *_count_constraints(),
            models.CheckConstraint(
                condition=~Q(kind=ClaimKind.CASUALTY)
                | Q(killed_min__isnull=False)
                | Q(wounded_min__isnull=False)
                | Q(displaced_min__isnull=False)
                | Q(missing_min__isnull=False),
                name="claim_casualty_has_figure",
            ),
            models.CheckConstraint(
                condition=~Q(kind=ClaimKind.ACCUSATION) | Q(accused__isnull=False),
                name="claim_accusation_has_accused",
            ),
            models.CheckConstraint(
                condition=~Q(kind=ClaimKind.CONTROL) | (Q(place__isnull=False) & Q(controller__isnull=False)),
                name="claim_control_has_place_and_controller",
            ),
            models.CheckConstraint(
                condition=Q(quote_start__isnull=True)
                | Q(quote_end__isnull=True)
                | Q(quote_start__lte=F("quote_end")),
                name="claim_quote_offsets_ordered",
            ),
            models.CheckConstraint(
                condition=Q(event_start__isnull=True)
                | Q(event_end__isnull=True)
                | Q(event_start__lte=F("event_end")),
                name="claim_event_window_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}: {self.quote[:60]}"

    @property
    def is_published(self) -> bool:
        return self.status == ClaimStatus.VERIFIED
