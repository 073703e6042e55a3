"""Partner API routes for reports, mounted at /api/v1/reports/."""

from django.urls import path, re_path

from reports.api import PassthroughRenderer, ReportViewSet

app_name = "reports_api"

urlpatterns = [
    path("", ReportViewSet.as_view({"get": "list"}), name="report-list"),
    path("<int:pk>/", ReportViewSet.as_view({"get": "retrieve"}), name="report-detail"),
    re_path(
        r"^(?P<pk>[0-9]+)/(?P<fmt>html|csv|json)/$",
        ReportViewSet.as_view({"get": "download"}, renderer_classes=[PassthroughRenderer]),
        name="report-download",
    ),
]
