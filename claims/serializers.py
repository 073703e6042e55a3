"""Serializers for the claims API: lean output for lists, explicit input shapes for writes.

Write serializers only validate and convert; the views hand their ``validated_data`` to the services.
"""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from claims.models import (
    COUNT_FIELDS,
    Claim,
    ClaimKind,
    Contradiction,
    Incident,
    Polarity,
    Verdict,
    VerdictRating,
    VictimGroup,
)
from claims.selectors.provenance import articles_visible, parties_visible
from factcheck.rest.filters import MAX_COUNT, viewer
from factcheck.rest.serializers import (
    LeanModelSerializer,
    Lookup,
    StrictCharField,
    StrictInputSerializer,
    StrictIntegerField,
    StrictPrimaryKeyRelatedField,
)
from sources.models import PartySide, Place
from sources.selectors import party_sides_in_conflicts

CLAIM_FIELDS = (
    "id",
    "kind",
    "status",
    "origin",
    "polarity",
    "claimant",
    "relayed_by",
    "article",
    "quote",
    "quote_start",
    "quote_end",
    "stated_at",
    "incident",
    "place",
    "event_start",
    "event_end",
    *COUNT_FIELDS,
    "victim_group",
    "accused",
    "act",
    "controller",
    "reviewed_at",
    "created_at",
    "updated_at",
)
# Appended after the ids (keys are only ever appended): names and sides, so a list needs no look-ups.
CLAIM_EMBEDDED_FIELDS = (
    "claimant_name",
    "claimant_side",
    "relayed_by_name",
    "accused_name",
    "accused_side",
    "controller_name",
    "controller_side",
    "place_name",
    "conflict",
)
# Sides are read in the claim's own conflict: one query over the page's (conflict, party) pairs.
_SIDE_OF = {"claimant_side": "claimant_id", "accused_side": "accused_id", "controller_side": "controller_id"}


def _related(source: str, help_text: str) -> serializers.CharField:
    return serializers.CharField(source=source, read_only=True, allow_null=True, help_text=help_text)


class ClaimSerializer(LeanModelSerializer):
    """A claim as partners sync it: relations are ids, and beside them the names and sides a reader needs
    (claimant, relay, accused, controller, place), joined into the same query."""

    claimant_name = _related("claimant.name", "The claimant's name.")
    claimant_side = serializers.CharField(
        read_only=True, allow_null=True, help_text="The claimant's side (slug) in the claim's conflict."
    )
    relayed_by_name = _related("relayed_by.name", "Who passed the claim on, if anyone.")
    accused_name = _related("accused.name", "The accused party's name (accusations).")
    accused_side = serializers.CharField(
        read_only=True, allow_null=True, help_text="The accused party's side (slug) in the claim's conflict."
    )
    controller_name = _related("controller.name", "The party said to hold the place (control claims).")
    controller_side = serializers.CharField(
        read_only=True,
        allow_null=True,
        help_text="The controlling party's side (slug) in the claim's conflict.",
    )
    place_name = _related("place.name", "The place's name.")
    conflict = _related(
        "conflict.slug", "The conflict the claim belongs to (its slug; see /api/v1/conflicts/)."
    )

    class Meta:
        model = Claim
        fields: tuple[str, ...] = (*CLAIM_FIELDS, *CLAIM_EMBEDDED_FIELDS)
        read_only_fields: tuple[str, ...] = fields
        annotated = tuple(_SIDE_OF)

    @classmethod
    def value_columns(cls) -> list[str] | None:
        columns = super().value_columns()
        if columns is None:
            return None
        kept = [column for column in columns if column not in _SIDE_OF]
        return kept if "conflict_id" in kept else [*kept, "conflict_id"]

    @classmethod
    def extra_lookups(cls, rows: list[dict]) -> list[Lookup]:
        """The sides of the page's parties, read with the page's names (one statement for both)."""
        parties = {row[key] for row in rows for key in _SIDE_OF.values()} - {None}
        return [Lookup(PartySide, ("conflict", "side__slug"), frozenset(parties), key="party")]

    @classmethod
    def fill_extra(cls, rows: list[dict], found: list[dict]) -> None:
        """Each party's side in the row's conflict (None where it has none there)."""
        (sides_of_party,) = found
        sides = {
            (side["conflict"], party): side["side__slug"]
            for party, party_sides in sides_of_party.items()
            for side in party_sides
        }
        for row in rows:
            for name, key in _SIDE_OF.items():
                row[name] = sides.get((row["conflict_id"], row[key]))

    def to_representation(self, instance) -> dict:
        if isinstance(instance, dict):
            return super().to_representation(instance)
        pairs = {(instance.conflict_id, getattr(instance, key)) for key in _SIDE_OF.values()}
        sides = party_sides_in_conflicts(pairs=pairs)
        for name, key in _SIDE_OF.items():
            setattr(instance, name, sides.get((instance.conflict_id, getattr(instance, key))))
        return super().to_representation(instance)


class VerdictSerializer(LeanModelSerializer):
    rating_label = serializers.CharField(source="get_rating_display", read_only=True)

    class Meta:
        model = Verdict
        fields = (
            "id",
            "claim",
            "rating",
            "rating_label",
            "summary",
            "evidence_links",
            "created_at",
            "updated_at",
            "withdrawn",
            "withdrawn_at",
            "claim_reviewed",
        )
        read_only_fields = fields


class ClaimDetailSerializer(ClaimSerializer):
    verdict = VerdictSerializer(read_only=True, allow_null=True)

    class Meta(ClaimSerializer.Meta):
        fields = (*CLAIM_FIELDS, "verdict", *CLAIM_EMBEDDED_FIELDS)
        read_only_fields = fields


class ContradictionSerializer(LeanModelSerializer):
    class Meta:
        model = Contradiction
        fields = (
            "id",
            "kind",
            "status",
            "claim_a",
            "claim_b",
            "explanation",
            "score",
            "incident",
            "holding_claim",
            "review_note",
            "detected_at",
            "reviewed_at",
            "updated_at",
        )
        read_only_fields = fields


class IncidentSerializer(LeanModelSerializer):
    # Annotated by credibility.selectors.incidents_with_estimate: beside the range (killed_low..high,
    # the low end being the conservative figure), the most likely figure learned by TruthFinder.
    likely_killed = serializers.IntegerField(
        read_only=True, allow_null=True, help_text="Most likely killed figure (null before it is computed)."
    )
    likely_killed_confidence = serializers.FloatField(read_only=True, allow_null=True)
    likely_wounded = serializers.IntegerField(read_only=True, allow_null=True)
    likely_wounded_confidence = serializers.FloatField(read_only=True, allow_null=True)

    class Meta:
        model = Incident
        annotated = (
            "likely_killed",
            "likely_killed_confidence",
            "likely_wounded",
            "likely_wounded_confidence",
        )
        fields = (
            "id",
            "title",
            "kind",
            "place",
            "window_start",
            "window_end",
            "grade",
            "killed_low",
            "killed_high",
            "wounded_low",
            "wounded_high",
            "likely_killed",
            "likely_killed_confidence",
            "likely_wounded",
            "likely_wounded_confidence",
            "merged_into",
            "created_at",
            "updated_at",
        )
        read_only_fields = fields


class PublishedIncidentSerializer(IncidentSerializer):
    """An incident as partners read it: the range and grade over its published claims only (the
    same fields and schema as ``IncidentSerializer``; see ``claims.selectors.claims``)."""

    grade = serializers.ChoiceField(choices=Incident.Grade.choices, source="published_grade", read_only=True)
    killed_low = serializers.IntegerField(source="published_killed_low", read_only=True, allow_null=True)
    killed_high = serializers.IntegerField(source="published_killed_high", read_only=True, allow_null=True)
    wounded_low = serializers.IntegerField(source="published_wounded_low", read_only=True, allow_null=True)
    wounded_high = serializers.IntegerField(source="published_wounded_high", read_only=True, allow_null=True)


# --- input ---------------------------------------------------------------------------------------


@extend_schema_field(OpenApiTypes.INT)
class VisibleArticleField(StrictPrimaryKeyRelatedField):
    """An article id the caller may see; a hidden one is refused like a missing one."""

    def get_queryset(self):
        return articles_visible(**viewer(self.context.get("request")))


@extend_schema_field(OpenApiTypes.INT)
class VisiblePartyField(StrictPrimaryKeyRelatedField):
    """A party id the caller may see (``claims.selectors.provenance.parties_visible``)."""

    def get_queryset(self):
        return parties_visible(**viewer(self.context.get("request")))


def _count(**kwargs) -> serializers.IntegerField:
    return StrictIntegerField(min_value=0, max_value=MAX_COUNT, required=False, allow_null=True, **kwargs)


class ClaimSubmitSerializer(StrictInputSerializer):
    """A structured claim submitted by a partner; it enters the review queue as pending."""

    kind = serializers.ChoiceField(choices=ClaimKind.choices)
    claimant = VisiblePartyField()
    stated_at = serializers.DateTimeField(required=False, allow_null=True)
    article = VisibleArticleField(required=False, allow_null=True)
    quote = StrictCharField(required=False, allow_blank=True, max_length=5000, default="")
    quote_start = StrictIntegerField(min_value=0, max_value=MAX_COUNT, required=False, allow_null=True)
    quote_end = StrictIntegerField(min_value=0, max_value=MAX_COUNT, required=False, allow_null=True)
    relayed_by = VisiblePartyField(required=False, allow_null=True)
    polarity = serializers.ChoiceField(choices=Polarity.choices, required=False)
    place = StrictPrimaryKeyRelatedField(queryset=Place.objects.all(), required=False, allow_null=True)
    event_start = serializers.DateTimeField(required=False, allow_null=True)
    event_end = serializers.DateTimeField(required=False, allow_null=True)
    killed_min = _count()
    killed_max = _count()
    wounded_min = _count()
    wounded_max = _count()
    displaced_min = _count()
    displaced_max = _count()
    missing_min = _count()
    missing_max = _count()
    victim_group = serializers.ChoiceField(choices=VictimGroup.choices, required=False)
    accused = VisiblePartyField(required=False, allow_null=True)
    act = StrictCharField(required=False, allow_blank=True, max_length=300)
    controller = VisiblePartyField(required=False, allow_null=True)


class ContradictionReviewSerializer(StrictInputSerializer):
    note = StrictCharField(required=False, allow_blank=True, max_length=5000, default="")


class ContradictionResolveSerializer(ContradictionReviewSerializer):
    holding_claim = StrictIntegerField(min_value=1, help_text="Id of the claim that holds (one of the pair).")


class ClaimReviewNoteSerializer(StrictInputSerializer):
    """Body of verify/reject: nothing is required."""


class VerdictSetSerializer(StrictInputSerializer):
    rating = serializers.ChoiceField(choices=VerdictRating.choices)
    claim_reviewed = StrictCharField(
        required=False,
        allow_blank=True,
        max_length=300,
        default="",
        help_text="A short statement of the claim (ClaimReview claimReviewed); empty: the quote, trimmed.",
    )
    summary = StrictCharField(required=False, allow_blank=True, max_length=10000, default="")
    evidence_links = serializers.ListField(
        child=serializers.URLField(max_length=1000), required=False, max_length=50, default=list
    )


class WithdrawalSerializer(serializers.Serializer):
    """A tombstone: a row the caller could see once and no longer can (see ``claims.selectors.claims``)."""

    id = serializers.IntegerField(source="tomb_id")
    withdrawn = serializers.SerializerMethodField()
    withdrawn_at = serializers.DateTimeField(
        source="tomb_at", help_text="When it left your view; pass the last one back as updated_since."
    )
    reason = serializers.ChoiceField(
        source="tomb_reason",
        choices=["deleted", "rejected", "unpublished", "claim_unpublished", "withdrawn", "merged"],
        help_text="deleted; rejected or unpublished (a claim sent back by review); claim_unpublished "
        "(a verdict or contradiction whose claim left the published set); withdrawn (a verdict withdrawn "
        "by review); merged (an incident merged into another).",
    )
    merged_into = serializers.IntegerField(
        source="tomb_merged_into",
        allow_null=True,
        help_text="For a merged incident: the incident it went into, when you can see that one.",
    )

    def get_withdrawn(self, row) -> bool:
        return True


class WithdrawalQuerySerializer(serializers.Serializer):
    """Query parameters of the ``withdrawn`` sync endpoints."""

    updated_since = serializers.DateTimeField(
        required=False, help_text="Only withdrawals at or after this ISO 8601 time."
    )
    after_withdrawn_at = serializers.DateTimeField(
        required=False, help_text="Keyset of the next page (the `next` link sets it): after this time..."
    )
    after_id = serializers.IntegerField(
        required=False, min_value=0, help_text="...and, at that same time, after this id."
    )
    page_size = serializers.IntegerField(required=False, min_value=1, max_value=500)


class WithdrawalPageSerializer(serializers.Serializer):
    """One page of tombstones, oldest first; follow ``next`` until it is null."""

    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = WithdrawalSerializer(many=True)
