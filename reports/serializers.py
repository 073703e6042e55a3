"""Report representations for the partner API: a light list form and a detail form with every table."""

from __future__ import annotations

from django.urls import reverse
from rest_framework import serializers

from reports.models import Report

FORMATS = ("html", "csv", "json")


class ReportSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    downloads = serializers.SerializerMethodField()

    class Meta:
        model = Report
        fields = [
            "id",
            "url",
            "kind",
            "period_start",
            "period_end",
            "filters",
            "generated_at",
            "counts",
            "downloads",
        ]
        read_only_fields = fields

    def _absolute(self, path: str) -> str:
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path

    def get_url(self, report: Report) -> str:
        return self._absolute(reverse("reports_api:report-detail", args=[report.pk]))

    def get_downloads(self, report: Report) -> dict[str, str]:
        return {
            fmt: self._absolute(reverse("reports_api:report-download", args=[report.pk, fmt]))
            for fmt in FORMATS
        }


class ReportDetailSerializer(ReportSerializer):
    # A field named "data": DRF moves declared fields into ``_declared_fields``, so Serializer.data is
    # untouched at run time; the stub sees an override.
    data = serializers.JSONField(  # type: ignore[assignment]
        read_only=True, help_text="Every table of the report, as in the JSON download."
    )

    class Meta(ReportSerializer.Meta):
        fields = [*ReportSerializer.Meta.fields, "data"]
        read_only_fields = fields
