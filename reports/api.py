"""Partner API for reports: list, detail and download (HTML, zipped CSV tables, JSON).

Authentication and permissions are the project defaults (a partner key with the read scope, or
staff); nothing here overrides them.
"""

from __future__ import annotations

from django.http import HttpResponse
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, renderers, viewsets
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from factcheck.rest.filters import viewer
from factcheck.rest.pagination import SyncCursorPagination
from factcheck.rest.views import ERRORS_DETAIL, ERRORS_READ, id_or_404
from reports import rendering
from reports.selectors import reports_visible
from reports.serializers import ReportDetailSerializer, ReportSerializer

LIST_FIELDS = ("id", "kind", "period_start", "period_end", "filters", "filter_key", "generated_at", "counts")
HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"


class ReportCursorPagination(SyncCursorPagination):
    """Newest period first; no COUNT query, so a page costs one query however many reports exist.
    A bad cursor or page size is a 400 naming it, as on every other list."""

    ordering = ("-period_start", "-id")  # type: ignore[assignment]  # DRF takes a tuple; its stub says str
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class PassthroughRenderer(renderers.BaseRenderer):
    """Lets a download answer any Accept header; the view returns the finished HttpResponse."""

    media_type = "*/*"
    format = "bin"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data


@extend_schema_view(
    list=extend_schema(summary="List reports", responses={200: ReportSerializer(many=True), **ERRORS_READ}),
    retrieve=extend_schema(
        summary="One report, with every table", responses={200: ReportDetailSerializer, **ERRORS_DETAIL}
    ),
)
class ReportViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Generated contradiction reports, newest period first. Filter with ?kind=daily|weekly|custom."""

    pagination_class = ReportCursorPagination
    filter_backends = [DjangoFilterBackend]
    filterset_fields = ["kind", "period_start", "filter_key"]

    def get_queryset(self):
        reports = reports_visible(**viewer(self.request))
        if self.action == "list":
            return reports.only(*LIST_FIELDS)
        if self.action == "retrieve":
            return reports.defer("html", "csv_zip")
        return reports

    def get_serializer_class(self):
        return ReportDetailSerializer if self.action == "retrieve" else ReportSerializer

    def get_object(self):
        self.kwargs["pk"] = id_or_404(self.kwargs["pk"])
        return super().get_object()

    def finalize_response(self, request, response, *args, **kwargs):
        # A download's error (401, 403, 404, 429) is JSON like every other API error, not passed through.
        if self.action == "download" and isinstance(response, Response):
            request.accepted_renderer, request.accepted_media_type = JSONRenderer(), "application/json"
        return super().finalize_response(request, response, *args, **kwargs)

    @extend_schema(
        operation_id="reports_download",
        summary="Download a report as HTML, zipped CSV tables or JSON",
        parameters=[
            OpenApiParameter("fmt", OpenApiTypes.STR, OpenApiParameter.PATH, enum=["html", "csv", "json"]),
        ],
        responses={
            (200, "text/html"): OpenApiTypes.STR,
            (200, "application/zip"): OpenApiTypes.BINARY,
            (200, "application/json"): OpenApiTypes.OBJECT,
            **ERRORS_DETAIL,
        },
    )
    def download(self, request, pk=None, fmt=None, **kwargs):
        """The report file: the HTML page (inline, behind a strict CSP), the CSV zip or the JSON."""
        report = self.get_object()
        if fmt == "html":
            response = HttpResponse(report.html, content_type="text/html; charset=utf-8")
            response["Content-Security-Policy"] = HTML_CSP
            response["Content-Disposition"] = f'inline; filename="{report.file_stem}.html"'
        elif fmt == "csv":
            response = HttpResponse(bytes(report.csv_zip), content_type="application/zip")
            response["Content-Disposition"] = f'attachment; filename="{report.file_stem}.csv.zip"'
        else:
            response = HttpResponse(rendering.report_json(data=report.data), content_type="application/json")
            response["Content-Disposition"] = f'attachment; filename="{report.file_stem}.json"'
        response["X-Content-Type-Options"] = "nosniff"
        return response
