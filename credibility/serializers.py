"""Serializers for credibility: the summary nested in parties, and the explained detail."""

from __future__ import annotations

from rest_framework import serializers

from credibility.models import SCORE_FIELDS, PartyCredibility


class CredibilitySerializer(serializers.ModelSerializer):
    """A party's credibility: score 0..1, what it rests on, and when it last changed."""

    class Meta:
        model = PartyCredibility
        fields: tuple[str, ...] = (*SCORE_FIELDS, "computed_at")
        read_only_fields = fields


class ExplanationEntrySerializer(serializers.Serializer):
    claim = serializers.IntegerField(help_text="The claim (a representative one when relayed or repeated).")
    incident = serializers.IntegerField(allow_null=True)
    measure = serializers.CharField(help_text="killed, wounded, blame, control or reviewed claim.")
    value = serializers.IntegerField(
        allow_null=True, help_text="The figure (or the blamed/controlling party id)."
    )
    confidence = serializers.FloatField(help_text="How likely the figure is true, 0..1.")
    effect = serializers.FloatField(help_text="How far it moved the score away from the prior (signed).")
    why = serializers.ChoiceField(choices=["verdict", "resolution", "inferred"])
    quote = serializers.CharField(allow_blank=True)
    stated_at = serializers.DateTimeField(allow_null=True)


class CredibilityDetailSerializer(CredibilitySerializer):
    """The score with the claims that moved it most: reviewed ones first, then inferred ones."""

    party = serializers.IntegerField(source="party_id", read_only=True)
    explanation = ExplanationEntrySerializer(many=True, read_only=True)

    class Meta(CredibilitySerializer.Meta):
        fields = ("party", *CredibilitySerializer.Meta.fields, "explanation")
        read_only_fields = fields
