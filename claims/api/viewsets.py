"""Claims API: read and sync claims, incidents, contradictions and verdicts; submit claims; staff review.

Views are thin: visibility and joins come from the selectors, writes from the services.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response

from claims.api.claimreview import CLAIMREVIEW_SCHEMA, JSONLD_RENDERERS
from claims.api.withdrawn import WithdrawnMixin, withdrawn_action
from claims.claimreview import claim_review_jsonld
from claims.filters import ClaimFilter, ContradictionFilter, IncidentFilter, VerdictFilter
from claims.models import ClaimOrigin, ClaimStatus
from claims.selectors.claims import (
    claim_detail_queryset,
    claim_list,
    claims_for_claimreview,
    claims_withdrawn,
    contradictions_withdrawn,
    incidents_withdrawn,
    verdicts_withdrawn,
)
from claims.selectors.contradictions import contradiction_list, contradictions_visible
from claims.selectors.visibility import claims_visible, incidents_visible, verdicts_visible
from claims.serializers import (
    ClaimDetailSerializer,
    ClaimReviewNoteSerializer,
    ClaimSerializer,
    ClaimSubmitSerializer,
    ContradictionResolveSerializer,
    ContradictionReviewSerializer,
    ContradictionSerializer,
    IncidentSerializer,
    PublishedIncidentSerializer,
    VerdictSerializer,
    VerdictSetSerializer,
)
from claims.services.claims import claim_create
from claims.services.reviews import ReviewAction
from credibility.selectors import incidents_with_estimate
from factcheck.rest.views import (
    ERRORS_DETAIL,
    ERRORS_READ,
    ERRORS_WRITE,
    ApiViewSet,
    LeanListModelMixin,
    id_or_404,
)
from partners.permissions import HasSubmitScope, IsStaff, request_partner
from public.selectors import claim_appearances
from review.services import claim_review, contradiction_review, verdict_set


@extend_schema_view(
    list=extend_schema(summary="List claims", responses={200: ClaimSerializer(many=True), **ERRORS_READ}),
    retrieve=extend_schema(
        summary="One claim, with its verdict", responses={200: ClaimDetailSerializer, **ERRORS_DETAIL}
    ),
)
class ClaimViewSet(WithdrawnMixin, LeanListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """Published claims, plus your own submissions and the claims extracted from them."""

    withdrawals = staticmethod(claims_withdrawn)
    withdrawn = withdrawn_action("Claims withdrawn from your view (tombstones for sync)")

    filterset_class = ClaimFilter
    ordering_fields = ("stated_at", "updated_at", "created_at", "id")
    ordering = ("-stated_at", "-id")

    def get_queryset(self):
        if self.action == "list":
            return claim_list(**self.viewer)
        if self.action in ("verify", "reject", "verdict"):
            return claims_visible(is_staff=True)
        return claim_detail_queryset(**self.viewer)

    def get_serializer_class(self):
        return ClaimSerializer if self.action == "list" else ClaimDetailSerializer

    def get_permissions(self):
        if self.action == "create":
            return [HasSubmitScope()]
        if self.action in ("verify", "reject", "verdict"):
            return [IsStaff()]
        return super().get_permissions()

    @extend_schema(
        summary="Submit a structured claim (enters the review queue as pending)",
        request=ClaimSubmitSerializer,
        responses={201: ClaimDetailSerializer, **ERRORS_WRITE},
    )
    def create(self, request, *args, **kwargs):
        submitted = ClaimSubmitSerializer(data=request.data, context=self.get_serializer_context())
        submitted.is_valid(raise_exception=True)
        partner = request_partner(request)
        claim = claim_create(
            **submitted.validated_data,
            status=ClaimStatus.PENDING,
            origin=ClaimOrigin.PARTNER if partner else ClaimOrigin.REVIEWER,
            submitted_by=partner,
        )
        claim = claim_detail_queryset(is_staff=True).get(pk=claim.pk)
        return Response(ClaimDetailSerializer(claim).data, status=status.HTTP_201_CREATED)

    def _review(self, request, new_status: str) -> Response:
        ClaimReviewNoteSerializer(data=request.data).is_valid(raise_exception=True)
        claim = claim_review(claim=self.get_object(), status=new_status, reviewer=request.user)
        return Response(ClaimDetailSerializer(claim_detail_queryset(is_staff=True).get(pk=claim.pk)).data)

    @extend_schema(
        summary="Staff: verify (publish) a claim",
        request=None,
        responses={200: ClaimDetailSerializer, **ERRORS_WRITE},
    )
    @action(detail=True, methods=["post"])
    def verify(self, request, *args, **kwargs):
        return self._review(request, ClaimStatus.VERIFIED)

    @extend_schema(
        summary="Staff: reject a claim", request=None, responses={200: ClaimDetailSerializer, **ERRORS_WRITE}
    )
    @action(detail=True, methods=["post"])
    def reject(self, request, *args, **kwargs):
        return self._review(request, ClaimStatus.REJECTED)

    @extend_schema(
        summary="Staff: set (or replace) the verdict on a claim",
        request=VerdictSetSerializer,
        responses={200: VerdictSerializer, **ERRORS_WRITE},
    )
    @action(detail=True, methods=["post"])
    def verdict(self, request, *args, **kwargs):
        data = VerdictSetSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        verdict = verdict_set(claim=self.get_object(), reviewer=request.user, **data.validated_data)
        return Response(VerdictSerializer(verdict).data)

    @extend_schema(
        summary="schema.org ClaimReview JSON-LD of a verified claim with a verdict",
        responses={200: CLAIMREVIEW_SCHEMA, **ERRORS_DETAIL},
    )
    @action(
        detail=True,
        methods=["get"],
        filter_backends=[],
        pagination_class=None,
        renderer_classes=JSONLD_RENDERERS,
    )
    def claimreview(self, request, *args, **kwargs):
        claim = get_object_or_404(claims_for_claimreview(**self.viewer), pk=id_or_404(kwargs["pk"]))
        verdict = claim.verdict
        verdict.claim = claim
        return Response(claim_review_jsonld(verdict, appearances=claim_appearances([claim])[claim.pk]))


@extend_schema_view(
    list=extend_schema(
        summary="List incidents", responses={200: IncidentSerializer(many=True), **ERRORS_READ}
    ),
    retrieve=extend_schema(summary="One incident", responses={200: IncidentSerializer, **ERRORS_DETAIL}),
)
class IncidentViewSet(WithdrawnMixin, LeanListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """Incidents you can see through at least one of their claims, with their casualty ranges and grade."""

    withdrawals = staticmethod(incidents_withdrawn)
    withdrawn = withdrawn_action("Incidents withdrawn from your view (tombstones for sync)")

    serializer_class = IncidentSerializer
    filterset_class = IncidentFilter
    ordering_fields = ("updated_at", "created_at", "id")
    ordering = ("-id",)

    def get_queryset(self):
        return incidents_with_estimate(incidents_visible(**self.viewer))

    def get_serializer_class(self):
        # Partners read the figures over published claims; staff the ones over every claim.
        return IncidentSerializer if self.viewer["is_staff"] else PublishedIncidentSerializer


@extend_schema_view(
    list=extend_schema(
        summary="List contradictions", responses={200: ContradictionSerializer(many=True), **ERRORS_READ}
    ),
    retrieve=extend_schema(
        summary="One contradiction", responses={200: ContradictionSerializer, **ERRORS_DETAIL}
    ),
)
class ContradictionViewSet(WithdrawnMixin, LeanListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """Pairs of claims that cannot both be true, between claims you can see."""

    withdrawals = staticmethod(contradictions_withdrawn)
    withdrawn = withdrawn_action("Contradictions withdrawn from your view (tombstones for sync)")

    serializer_class = ContradictionSerializer
    filterset_class = ContradictionFilter
    ordering_fields = ("detected_at", "updated_at", "score", "id")
    ordering = ("-detected_at", "-id")

    def get_queryset(self):
        if self.action in (ReviewAction.CONFIRM, ReviewAction.DISMISS, ReviewAction.RESOLVE):
            return contradictions_visible(is_staff=True)
        return contradiction_list(**self.viewer)

    def get_permissions(self):
        if self.action in (ReviewAction.CONFIRM, ReviewAction.DISMISS, ReviewAction.RESOLVE):
            return [IsStaff()]
        return super().get_permissions()

    def _review(self, request, review_action: str, body_class) -> Response:
        body = body_class(data=request.data, context=self.get_serializer_context())
        body.is_valid(raise_exception=True)
        contradiction = self.get_object()
        holding = None
        if review_action == ReviewAction.RESOLVE:
            holding_id = body.validated_data["holding_claim"]
            holding = claims_visible(is_staff=True).filter(pk=holding_id).first()
            if holding is None:
                return Response(
                    {"holding_claim": [f"No claim has the id {holding_id}."]},
                    status=status.HTTP_400_BAD_REQUEST,
                )
        contradiction = contradiction_review(
            contradiction=contradiction,
            action=review_action,
            reviewer=request.user,
            note=body.validated_data.get("note", ""),
            holding_claim=holding,
        )
        return Response(ContradictionSerializer(contradiction).data)

    @extend_schema(
        summary="Staff: confirm a contradiction",
        request=ContradictionReviewSerializer,
        responses={200: ContradictionSerializer, **ERRORS_WRITE},
    )
    @action(detail=True, methods=["post"])
    def confirm(self, request, *args, **kwargs):
        return self._review(request, ReviewAction.CONFIRM, ContradictionReviewSerializer)

    @extend_schema(
        summary="Staff: dismiss a contradiction (the claims do not really conflict)",
        request=ContradictionReviewSerializer,
        responses={200: ContradictionSerializer, **ERRORS_WRITE},
    )
    @action(detail=True, methods=["post"])
    def dismiss(self, request, *args, **kwargs):
        return self._review(request, ReviewAction.DISMISS, ContradictionReviewSerializer)

    @extend_schema(
        summary="Staff: resolve a contradiction, naming the claim that holds",
        request=ContradictionResolveSerializer,
        responses={200: ContradictionSerializer, **ERRORS_WRITE},
    )
    @action(detail=True, methods=["post"])
    def resolve(self, request, *args, **kwargs):
        return self._review(request, ReviewAction.RESOLVE, ContradictionResolveSerializer)


@extend_schema_view(
    list=extend_schema(summary="List verdicts", responses={200: VerdictSerializer(many=True), **ERRORS_READ}),
    retrieve=extend_schema(summary="One verdict", responses={200: VerdictSerializer, **ERRORS_DETAIL}),
)
class VerdictViewSet(WithdrawnMixin, LeanListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """Reviewers' ratings of claims you can see."""

    withdrawals = staticmethod(verdicts_withdrawn)
    withdrawn = withdrawn_action("Verdicts withdrawn from your view (tombstones for sync)")

    serializer_class = VerdictSerializer
    filterset_class = VerdictFilter
    ordering_fields = ("updated_at", "created_at", "id")
    ordering = ("-updated_at", "-id")

    def get_queryset(self):
        return verdicts_visible(**self.viewer)
