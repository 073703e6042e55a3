"""Claims, the incidents they are about, the contradictions between them and reviewers' verdicts."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce
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

    # The contradiction sweep re-checks every claim whose check is missing or older than its change.
    changed_at = models.DateTimeField(help_text="Last change to a checked field.")
    checked_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["checked_at", "updated_at"])

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
            models.Index(
                fields=["changed_at"],
                condition=Q(checked_at__isnull=True) | Q(checked_at__lt=F("changed_at")),
                name="claim_unchecked_idx",
            ),
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


class RescanBlock(models.Model):
    """One block of a full rescan on the workers: its progress lives here, not in a message.

    ``done_at`` is set when the block's check has committed, so how far a rescan got is a count in the
    database; a block whose message was lost (a worker killed mid-block) is sent again by the waiter or
    the periodic sweep (``sent_at`` says when it last went out).  Re-running a block is idempotent.
    """

    rescan_id = models.UUIDField(db_index=True)
    lo = models.BigIntegerField()
    hi = models.BigIntegerField()
    incident_lo = models.BigIntegerField()
    incident_hi = models.BigIntegerField()
    started_at = models.DateTimeField(
        help_text="When the rescan began (claims changed later are the sweep's)."
    )
    bookkeeping = models.BooleanField(default=True)
    sent_at = models.DateTimeField()
    done_at = models.DateTimeField(null=True, blank=True)
    outcome = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["rescan_id", "lo"]
        indexes = [
            models.Index(
                fields=["sent_at"], condition=Q(done_at__isnull=True), name="rescan_block_pending_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"Rescan {self.rescan_id} block {self.lo}–{self.hi}"
