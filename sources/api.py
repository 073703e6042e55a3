"""Sources API: parties, outlets, places (reference data) and articles; article submission."""

from __future__ import annotations

from typing import Any, cast

from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.reverse import reverse

from claims.selectors.provenance import article_list, articles_visible, outlet_list, party_list
from credibility.selectors import credibility_explanation, party_credibility_get
from credibility.serializers import CredibilityDetailSerializer
from factcheck.rest.views import ERRORS_DETAIL, ERRORS_READ, ERRORS_WRITE, ApiViewSet, LeanListModelMixin
from partners.permissions import HasSubmitScope, request_partner
from sources.api_filters import ArticleFilter, OutletFilter, PartyFilter, PlaceFilter
from sources.ingestion import IngestError, IngestResult, article_ingest, url_submission_create
from sources.models import Article
from sources.selectors import (
    conflict_list,
    party_sides_prefetch,
    place_list,
    url_submissions_visible,
)
from sources.serializers import (
    ArticleAcceptedSerializer,
    ArticleDetailSerializer,
    ArticleSerializer,
    ArticleSubmitSerializer,
    ConflictSerializer,
    OutletSerializer,
    PartySerializer,
    PlaceSerializer,
    UrlSubmissionSerializer,
)


def _read_schema(name: str, serializer):
    return extend_schema_view(
        list=extend_schema(summary=f"List {name}", responses={200: serializer(many=True), **ERRORS_READ}),
        retrieve=extend_schema(summary=f"One of the {name}", responses={200: serializer, **ERRORS_DETAIL}),
    )


class ReadOnlyViewSet(LeanListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    # Reference data, listed by name unless a view says otherwise.  (No docstring: the schema takes a
    # view's description from its class's docstring; each view below has its own.)
    ordering_fields: tuple[str, ...] = ("name", "updated_at", "id")
    ordering: tuple[str, ...] = ("name",)


@_read_schema("parties", PartySerializer)
class PartyViewSet(ReadOnlyViewSet):
    """Parties that make or are accused in claims, as a tree (``parent``, ``path``) with aliases."""

    serializer_class = PartySerializer
    filterset_class = PartyFilter

    def get_queryset(self):
        return (
            party_list(**self.viewer)
            .select_related("credibility")
            .prefetch_related("aliases", party_sides_prefetch())
        )

    @extend_schema(
        summary="A party's credibility, explained by the claims that moved it most",
        responses={200: CredibilityDetailSerializer, **ERRORS_DETAIL},
    )
    @action(detail=True, methods=["get"], url_path="credibility", filter_backends=[], pagination_class=None)
    def credibility(self, request, *args, **kwargs):
        """Score, counts and the claims that moved it most (reviewed ones first); 404 before it is computed."""
        party = self.get_object()
        credibility = party_credibility_get(party=party)
        if credibility is None:
            raise NotFound(
                f"No credibility computed for party {party.pk} yet: it has no claims that took part."
            )
        credibility.explanation = credibility_explanation(credibility=credibility, **self.viewer)
        return Response(CredibilityDetailSerializer(credibility).data)


@_read_schema("conflicts", ConflictSerializer)
class ConflictViewSet(ReadOnlyViewSet):
    """The conflicts the tracker follows, with their sides and which sides oppose which (from the packs)."""

    serializer_class = ConflictSerializer
    lookup_field = "slug"
    lookup_value_regex = "[a-z0-9-]+"
    ordering_fields = ("name", "start_date", "updated_at", "id")

    def get_queryset(self):
        return conflict_list()


@_read_schema("outlets", OutletSerializer)
class OutletViewSet(ReadOnlyViewSet):
    """Outlets (agencies, newspapers, broadcasters, press services) whose articles carry the claims."""

    serializer_class = OutletSerializer
    filterset_class = OutletFilter

    def get_queryset(self):
        return outlet_list(**self.viewer)


@_read_schema("places", PlaceSerializer)
class PlaceViewSet(ReadOnlyViewSet):
    """The gazetteer: places claims name, with their aliases and coordinates where the pack gives them."""

    serializer_class = PlaceSerializer
    filterset_class = PlaceFilter

    def get_queryset(self):
        return place_list().prefetch_related("aliases")


@extend_schema_view(
    list=extend_schema(summary="List articles", responses={200: ArticleSerializer(many=True), **ERRORS_READ}),
    retrieve=extend_schema(
        summary="One article, with its ingestion status (poll this after submitting)",
        responses={200: ArticleDetailSerializer, **ERRORS_DETAIL},
    ),
)
class ArticleViewSet(LeanListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """Articles: those no partner submitted, your own submissions, and others' once a claim is published."""

    filterset_class = ArticleFilter
    ordering_fields = ("updated_at", "created_at", "id")
    ordering = ("-id",)

    def get_queryset(self):
        if self.action == "list":
            return article_list(**self.viewer)
        return articles_visible(**self.viewer)

    def get_serializer_class(self):
        return ArticleSerializer if self.action == "list" else ArticleDetailSerializer

    def get_permissions(self):
        if self.action == "create":
            return [HasSubmitScope()]
        return super().get_permissions()

    def _url_submit(
        self, request, *, url: str, language: str | None, fields: dict
    ) -> Response | IngestResult:
        """A URL alone: the 202 naming the queued fetch to poll, a 422 for a refused URL, or the stored
        article when the URL is already here."""
        try:
            accepted = url_submission_create(url=url, language=language, **fields)
        except IngestError as exc:
            return Response({"url": exc.messages}, status=status.HTTP_422_UNPROCESSABLE_ENTITY)
        if accepted.submission is None:
            # No fetch was queued, so the URL is already stored: url_submission_create returns its article.
            return IngestResult(article=cast(Article, accepted.article), created=False)
        status_url = reverse(
            "api:url-submission-detail",
            kwargs={"version": request.version or "v1", "pk": accepted.submission.pk},
            request=request,
        )
        payload: dict[str, Any] = {
            "id": None,
            "status": accepted.submission.status,
            "created": True,
            "status_url": status_url,
            "claims_url": None,
        }
        return Response(payload, status=status.HTTP_202_ACCEPTED, headers={"Location": status_url})

    @extend_schema(
        summary="Submit an article (text, HTML, or only its URL); claim extraction runs asynchronously",
        description="With ``url`` alone the page is fetched by a worker (public http(s) addresses only, "
        "bounded time and size) and its text, title, date, outlet and language are read from it: the 202 "
        "then has ``id`` null, ``status`` queued and a ``status_url`` to poll, which names the article "
        "once fetched or the reason it failed.  A URL that is not http(s), whose host does not resolve "
        "or resolves to a non-public address is a 422 at once; a URL already stored answers with its "
        "article.",
        request=ArticleSubmitSerializer,
        responses={
            202: ArticleAcceptedSerializer,
            409: OpenApiResponse(description="The same article was already submitted by someone else."),
            422: OpenApiResponse(description="The URL is refused (not http(s), not a public address)."),
            **ERRORS_WRITE,
        },
    )
    def create(self, request, *args, **kwargs):
        submitted = ArticleSubmitSerializer(data=request.data)
        submitted.is_valid(raise_exception=True)
        data = submitted.validated_data
        partner = request_partner(request)
        fields = {
            "title": data.get("title", ""),
            "outlet_name": data.get("outlet"),
            "published_at": data.get("published_at"),
            "submitted_by": partner,
            "extract": "async",
            "conflict": data.get("conflict"),
        }
        kwargs = {"version": request.version or "v1"}
        if not data.get("body") and not data.get("html"):
            fields.pop("extract")
            queued = self._url_submit(request, url=data["url"], language=data.get("language"), fields=fields)
            if isinstance(queued, Response):
                return queued
            result = queued
        else:
            result = article_ingest(
                body=data.get("body"),
                html=data.get("html"),
                url=data.get("url"),
                language=data.get("language", "en"),
                **fields,
            )
        article = result.article
        if not result.created and not articles_visible(**self.viewer).filter(pk=article.pk).exists():
            return Response(
                {"detail": "This article was already submitted by another partner."},
                status=status.HTTP_409_CONFLICT,
            )
        payload: dict[str, Any] = {
            "id": article.pk,
            "status": article.status,
            "created": result.created,
            "status_url": reverse("api:article-detail", kwargs={**kwargs, "pk": article.pk}, request=request),
            "claims_url": reverse("api:claim-list", kwargs=kwargs, request=request)
            + f"?article={article.pk}",
        }
        return Response(payload, status=status.HTTP_202_ACCEPTED, headers={"Location": payload["status_url"]})


@extend_schema_view(
    retrieve=extend_schema(
        summary="A submitted URL: queued, fetched (with its article) or failed (with the reason)",
        responses={200: UrlSubmissionSerializer, **ERRORS_DETAIL},
    ),
)
class UrlSubmissionViewSet(mixins.RetrieveModelMixin, ApiViewSet):
    """Poll a URL submitted to ``POST /articles/``: your own submissions only (staff see all)."""

    serializer_class = UrlSubmissionSerializer

    def get_queryset(self):
        return url_submissions_visible(**self.viewer)
