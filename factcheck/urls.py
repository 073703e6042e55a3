"""Top-level URLs: the public pages (at the root), the admin, the health check, and the partner API."""

from django.contrib import admin
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.urls import include, path


def health(request: HttpRequest) -> JsonResponse:
    """Liveness and database readiness for load balancers and docker-compose healthchecks."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


urlpatterns = [
    path("admin/", admin.site.urls),
    path("health/", health, name="health"),
    path("api/v1/reports/", include("reports.api_urls")),
    path("api/", include("factcheck.api_urls")),
    path("dashboard/", include("review.urls")),
    path("", include("public.urls")),
]
