"""Serializers for parties, outlets, places and articles; the article submission input."""

from __future__ import annotations

from django.conf import settings
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from credibility.serializers import CredibilitySerializer
from factcheck.rest.serializers import LeanModelSerializer, StrictCharField, StrictInputSerializer
from sources.models import (
    CONFLICT_PACK_DETAILS,
    Article,
    Conflict,
    Outlet,
    Party,
    PartyAlias,
    Place,
    PlaceAlias,
    UrlSubmission,
)


class ConflictSideSerializer(serializers.Serializer):
    slug = serializers.CharField(read_only=True)
    label = serializers.CharField(read_only=True)  # type: ignore[assignment]  # a declared field; DRF's metaclass moves it off the class, so Field.label stays a str
    kind = serializers.CharField(
        read_only=True, help_text="belligerent (opposes someone) or third_party (nobody)"
    )
    colour = serializers.CharField(read_only=True)
    opposes = serializers.SerializerMethodField(help_text="Slugs of the sides this side opposes.")
    roots = serializers.SerializerMethodField(
        help_text="Parties whose whole subtree is on this side: id and name."
    )

    def get_opposes(self, side) -> list[str]:
        return sorted(other.slug for other in side.opposes.all())

    def get_roots(self, side) -> list[dict]:
        return [{"id": root.pk, "name": root.name} for root in side.roots.all()]


class ConflictSerializer(LeanModelSerializer):
    sides = ConflictSideSerializer(many=True, read_only=True)

    class Meta:
        model = Conflict
        fields = ("slug", "name", *CONFLICT_PACK_DETAILS, "sides", "updated_at")
        read_only_fields = fields


class PartySideSerializer(serializers.Serializer):
    conflict = serializers.CharField(source="conflict.slug", read_only=True, help_text="Conflict slug")
    side = serializers.CharField(source="side.slug", read_only=True, help_text="Side slug in that conflict")
    label = serializers.CharField(source="side.label", read_only=True)  # type: ignore[assignment]  # a declared field; DRF's metaclass moves it off the class, so Field.label stays a str
    kind = serializers.CharField(source="side.kind", read_only=True, help_text="belligerent or third_party")


class PartySerializer(LeanModelSerializer):
    sides = PartySideSerializer(
        source="conflict_sides",
        many=True,
        read_only=True,
        help_text="The party's side in each conflict it takes part in (a party can differ per conflict).",
    )
    same_as = serializers.CharField(
        read_only=True,
        help_text="A page that identifies the party (Wikidata, Wikipedia, official site); empty if none.",
    )
    demonyms = serializers.ListField(
        child=serializers.CharField(), read_only=True, help_text="Adjectives that point at the party."
    )
    aliases: serializers.SlugRelatedField[PartyAlias] = serializers.SlugRelatedField(
        slug_field="alias", many=True, read_only=True
    )
    path = serializers.SerializerMethodField(help_text="Ids from the root party down to this one.")
    credibility = CredibilitySerializer(
        read_only=True,
        allow_null=True,
        help_text="How often its figures hold up (TruthFinder over reviewed and independent sources); "
        "null before it took part in a recompute.",
    )

    class Meta:
        model = Party
        fields = (
            "id",
            "name",
            "kind",
            "sides",
            "parent",
            "path",
            "description",
            "aliases",
            "needs_review",
            "credibility",
            "updated_at",
            "same_as",
            "demonyms",
        )
        read_only_fields = fields

    def get_path(self, party: Party) -> list[int]:
        return [int(part) for part in party.tree_path.strip("/").split("/") if part]


class OutletSerializer(LeanModelSerializer):
    class Meta:
        model = Outlet
        fields = ("id", "name", "kind", "country", "domain", "party", "created_at", "updated_at")
        read_only_fields = fields


class PlaceSerializer(LeanModelSerializer):
    latitude = serializers.FloatField(read_only=True, allow_null=True)
    longitude = serializers.FloatField(read_only=True, allow_null=True)
    aliases: serializers.SlugRelatedField[PlaceAlias] = serializers.SlugRelatedField(
        slug_field="alias", many=True, read_only=True
    )

    class Meta:
        model = Place
        fields = ("id", "name", "kind", "region", "latitude", "longitude", "aliases", "updated_at")
        read_only_fields = fields


ARTICLE_FIELDS: tuple[str, ...] = (
    "id",
    "url",
    "title",
    "outlet",
    "published_at",
    "language",
    "status",
    "status_message",
    "created_at",
    "updated_at",
)


class ArticleSerializer(LeanModelSerializer):
    class Meta:
        model = Article
        fields: tuple[str, ...] = ARTICLE_FIELDS
        read_only_fields: tuple[str, ...] = fields


class ArticleDetailSerializer(ArticleSerializer):
    class Meta(ArticleSerializer.Meta):
        fields = (*ARTICLE_FIELDS, "body")
        read_only_fields = fields


class ArticleSubmitSerializer(StrictInputSerializer):
    """An article to ingest: its text (``body``), its HTML page (``html``), or only its ``url`` (fetched)."""

    body = StrictCharField(required=False, allow_blank=False, trim_whitespace=False)
    html = StrictCharField(required=False, allow_blank=False, trim_whitespace=False)
    url = serializers.URLField(required=False, allow_null=True, max_length=1000)
    title = StrictCharField(required=False, allow_blank=True, max_length=500, default="")
    outlet = StrictCharField(required=False, allow_null=True, max_length=200, help_text="Outlet name")
    published_at = serializers.DateTimeField(required=False, allow_null=True)
    language = StrictCharField(
        required=False, max_length=10, help_text="Default: the page's language (a fetched URL), else en."
    )
    conflict = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Conflict.objects.all(),
        required=False,
        allow_null=True,
        help_text="The conflict's slug (see /api/v1/conflicts/); inferred from the text when omitted.",
    )

    def validate(self, data: dict) -> dict:
        if not data.get("body") and not data.get("html") and not data.get("url"):
            raise serializers.ValidationError(
                {"body": ["Give the article's text in body, its HTML in html, or only its url to fetch it."]}
            )
        if data.get("body") and data.get("html"):
            raise serializers.ValidationError({"html": ["Give either body or html, not both."]})
        # The same limits as the ingestion service (an HTML page may be up to four times the text).
        limit = settings.FACTCHECK_MAX_ARTICLE_BYTES
        for name, most in (("body", limit), ("html", limit * 4)):
            if data.get(name) and len(data[name].encode("utf-8", "surrogatepass")) > most:
                raise serializers.ValidationError({name: [f"Longer than the limit of {most} bytes."]})
        return data


class ArticleAcceptedSerializer(serializers.Serializer):
    id = serializers.IntegerField(
        allow_null=True, help_text="The article; null while a submitted URL waits to be fetched."
    )
    status = StrictCharField(
        help_text="received, extracted, failed or skipped_language (not English: not extracted); queued for a URL "
        "not fetched yet"
    )
    created = serializers.BooleanField(help_text="False when the same article was already submitted.")
    status_url = serializers.URLField(
        help_text="Poll this for the ingestion status (for a queued URL: its submission, which names "
        "the article once fetched)."
    )
    claims_url = serializers.URLField(
        allow_null=True, help_text="The claims extracted from it (your submission); null while queued."
    )


class UrlSubmissionSerializer(serializers.ModelSerializer):
    """A submitted URL: queued, then fetched (with its article) or failed (with the reason)."""

    article_url = serializers.SerializerMethodField()

    class Meta:
        model = UrlSubmission
        fields = ("id", "url", "status", "error", "article", "article_url", "created_at", "updated_at")
        read_only_fields = fields

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_article_url(self, submission: UrlSubmission) -> str | None:
        if submission.article_id is None:
            return None
        request = self.context.get("request")
        version = getattr(request, "version", None) or "v1"
        return reverse(
            "api:article-detail", kwargs={"version": version, "pk": submission.article_id}, request=request
        )
