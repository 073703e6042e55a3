"""The ClaimReview endpoints' documents: a claim's schema.org ClaimReview and the DataFeed of every
published verdict (JSON-LD), with the feed's cursor pages in ``Link`` headers.
"""

from __future__ import annotations

from typing import cast

from drf_orjson_renderer.renderers import ORJSONRenderer
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins
from rest_framework.response import Response

from claims.claimreview import claim_review_feed_jsonld
from claims.filters import VerdictFilter
from factcheck.rest.pagination import SyncCursorPagination
from factcheck.rest.renderers import JSONLDRenderer
from factcheck.rest.views import ERRORS_READ, ApiViewSet
from public.selectors import claim_appearances, fact_checks

CLAIMREVIEW_SCHEMA = OpenApiResponse(
    {
        "type": "object",
        "description": "schema.org ClaimReview (JSON-LD): url (the public fact-check page), claimReviewed, "
        "datePublished, author (the organisation), reviewRating.alternateName, itemReviewed (Claim: author, "
        "datePublished, appearance, firstAppearance).",
        "properties": {
            "@context": {"type": "string"},
            "@type": {"type": "string", "enum": ["ClaimReview"]},
            "url": {"type": "string", "format": "uri"},
            "claimReviewed": {"type": "string"},
            "datePublished": {"type": "string", "format": "date-time"},
            "author": {"type": "object"},
            "reviewRating": {"type": "object"},
            "itemReviewed": {"type": "object"},
        },
        "required": ["@context", "@type", "url", "claimReviewed", "author", "reviewRating", "itemReviewed"],
    },
    description="schema.org ClaimReview JSON-LD",
)
CLAIMREVIEW_FEED_DOCUMENT = {
    "type": "object",
    "description": "A schema.org DataFeed (JSON-LD) whose dataFeedElement are ClaimReviews, newest "
    'verdict first; the next page is in the Link header (rel="next").',
    "properties": {
        "@context": {"type": "string"},
        "@type": {"type": "string", "enum": ["DataFeed"]},
        "name": {"type": "string"},
        "url": {"type": "string", "format": "uri"},
        "dateModified": {"type": "string", "format": "date-time"},
        "publisher": {"type": "object"},
        "dataFeedElement": {"type": "array", "items": {"type": "object"}},
    },
    "required": ["@context", "@type", "dataFeedElement"],
}
CLAIMREVIEW_FEED_SCHEMA = OpenApiResponse(
    CLAIMREVIEW_FEED_DOCUMENT, description="schema.org DataFeed of ClaimReviews"
)


class ClaimReviewFeedPagination(SyncCursorPagination):
    """Cursor pages whose body is the DataFeed itself; the next and previous pages go in ``Link``."""

    def get_paginated_response_schema(self, schema: dict) -> dict:
        return CLAIMREVIEW_FEED_DOCUMENT


JSONLD_RENDERERS = [JSONLDRenderer, ORJSONRenderer]


@extend_schema_view(
    list=extend_schema(
        summary="ClaimReview feed (a schema.org DataFeed, JSON-LD)",
        responses={200: CLAIMREVIEW_FEED_SCHEMA, **ERRORS_READ},
    ),
)
class ClaimReviewFeedViewSet(mixins.ListModelMixin, ApiViewSet):
    """Every published verdict (on a verified claim) as schema.org ClaimReview JSON-LD in a DataFeed,
    newest verdict first; follow the ``Link: <...>; rel="next"`` header for the next page."""

    filterset_class = VerdictFilter
    ordering_fields = ("updated_at", "id")
    ordering = ("-updated_at", "-id")
    renderer_classes = JSONLD_RENDERERS
    pagination_class = ClaimReviewFeedPagination

    def get_queryset(self):
        return fact_checks()

    def list(self, request, *args, **kwargs):
        # pagination_class is set, so there is a paginator and it returns a page.
        paginator = cast(ClaimReviewFeedPagination, self.paginator)
        verdicts = list(
            paginator.paginate_queryset(self.filter_queryset(self.get_queryset()), request, view=self) or []
        )
        appearances = claim_appearances([verdict.claim for verdict in verdicts])
        feed = claim_review_feed_jsonld(verdicts, appearances=appearances, url=request.build_absolute_uri())
        links = [
            f'<{link}>; rel="{rel}"'
            for rel, link in (
                ("next", paginator.get_next_link()),
                ("prev", paginator.get_previous_link()),
            )
            if link
        ]
        return Response(feed, headers={"Link": ", ".join(links)} if links else None)
