"""Partner API routes, mounted at /api/ (versioned under /api/v1/), schema and docs."""

from django.http import HttpRequest, JsonResponse
from django.urls import include, path, re_path
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from claims.api import (
    ClaimReviewFeedViewSet,
    ClaimViewSet,
    ContradictionViewSet,
    IncidentViewSet,
    VerdictViewSet,
)
from sources.api import (
    ArticleViewSet,
    ConflictViewSet,
    OutletViewSet,
    PartyViewSet,
    PlaceViewSet,
    UrlSubmissionViewSet,
)

app_name = "api"


@csrf_exempt
def api_not_found(request: HttpRequest, *args, **kwargs) -> JsonResponse:
    return JsonResponse({"detail": "Not found."}, status=404)


router = DefaultRouter()
router.register("claims", ClaimViewSet, basename="claim")
router.register("conflicts", ConflictViewSet, basename="conflict")
router.register("parties", PartyViewSet, basename="party")
router.register("outlets", OutletViewSet, basename="outlet")
router.register("articles", ArticleViewSet, basename="article")
router.register("url-submissions", UrlSubmissionViewSet, basename="url-submission")
router.register("places", PlaceViewSet, basename="place")
router.register("incidents", IncidentViewSet, basename="incident")
router.register("contradictions", ContradictionViewSet, basename="contradiction")
router.register("verdicts", VerdictViewSet, basename="verdict")
router.register("claimreview", ClaimReviewFeedViewSet, basename="claimreview")

urlpatterns = [
    re_path(r"^(?P<version>v1)/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its start-up script from a URL, so the page needs no inline script.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api:schema"), name="redoc"),
    # Anything else under /api/ answers in JSON too (paths without a trailing slash still get
    # Django's APPEND_SLASH redirect first).
    re_path(r"^.*/$", api_not_found),
]
