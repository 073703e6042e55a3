"""Reports, subscriptions and delivery logs in the admin. The beat schedule itself is edited under
"Periodic tasks" (django-celery-beat's own admin)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from factcheck.admin_tools import ReadOnlyAdminMixin, admin_view_urls
from reports import rendering, services, webhooks
from reports.api import HTML_CSP
from reports.models import Report, ReportDelivery, Subscription, WebhookCursor, WebhookDelivery

FORMATS = (("html", "HTML"), ("csv", "CSV"), ("json", "JSON"))


@admin.register(Report)
class ReportAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Reports are built by the schedule or `manage.py build_report`, never by hand."""

    list_display = (
        "__str__",
        "kind",
        "period_start",
        "period_end",
        "filter_key",
        "summary",
        "generated_at",
        "files",
    )
    list_filter = ("kind", "period_start")
    date_hierarchy = "period_start"
    ordering = ("-period_start", "-id")
    fields = ("kind", "period_start", "period_end", "filters", "generated_at", "counts", "files")
    readonly_fields = fields
    actions = ["rebuild", "send_to_subscribers"]

    def get_queryset(self, request: HttpRequest):
        return super().get_queryset(request).defer("html", "csv_zip", "data")

    @admin.display(description="New / open / confirmed / dismissed")
    def summary(self, report: Report) -> str:
        c = report.counts or {}
        return (
            f"{c.get('new_contradictions', 0)} / {c.get('open_contradictions', 0)} / "
            f"{c.get('confirmed', 0)} / {c.get('dismissed', 0)}"
        )

    @admin.display(description="Download")
    def files(self, report: Report) -> str:
        return format_html_join(
            " · ",
            '<a href="{}">{}</a>',
            (
                (reverse("admin:reports_report_download", args=[report.pk, fmt]), label)
                for fmt, label in FORMATS
            ),
        )

    def get_urls(self):
        own = admin_view_urls(
            self, ("<int:pk>/download/<str:fmt>/", self.download_view, "reports_report_download")
        )
        return [*own, *super().get_urls()]

    def download_view(self, request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied
        if fmt not in dict(FORMATS):
            raise Http404("Unknown format.")
        report = get_object_or_404(Report, pk=pk)
        if fmt == "html":
            response = HttpResponse(report.html, content_type="text/html; charset=utf-8")
            response["Content-Security-Policy"] = HTML_CSP
            return response
        if fmt == "csv":
            response = HttpResponse(bytes(report.csv_zip), content_type="application/zip")
            response["Content-Disposition"] = f'attachment; filename="{report.file_stem}.csv.zip"'
            return response
        response = HttpResponse(rendering.report_json(data=report.data), content_type="application/json")
        response["Content-Disposition"] = f'attachment; filename="{report.file_stem}.json"'
        return response

    @admin.action(description="Rebuild the selected reports from current data")
    def rebuild(self, request: HttpRequest, queryset) -> None:
        for report in queryset:
            services.report_build(
                period_start=report.period_start,
                period_end=report.period_end,
                kind=report.kind,
                filters=report.filters,
            )
        self.message_user(request, f"Rebuilt {queryset.count()} report(s).", messages.SUCCESS)

    @admin.action(description="Email the selected scheduled reports to subscribers who have not had them")
    def send_to_subscribers(self, request: HttpRequest, queryset) -> None:
        ids = list(queryset.filter(filter_key="").exclude(kind="custom").values_list("id", flat=True))
        services.reports_deliver_enqueue(report_ids=ids)
        self.message_user(request, f"Delivery of {len(ids)} report(s) queued.", messages.SUCCESS)


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = ("email", "frequency", "party", "incident", "active", "created_at")
    list_filter = ("frequency", "active")
    search_fields = ("email",)
    raw_id_fields = ("party", "incident")
    list_select_related = ("party", "incident")


@admin.register(ReportDelivery)
class ReportDeliveryAdmin(admin.ModelAdmin):
    list_display = ("report", "email", "status", "attempts", "sent_at", "short_error")
    list_filter = ("status",)
    search_fields = ("email",)
    list_select_related = ("report",)
    readonly_fields = (
        "report",
        "subscription",
        "email",
        "status",
        "attempts",
        "error",
        "sent_at",
        "created_at",
    )

    def get_queryset(self, request: HttpRequest):
        return super().get_queryset(request).defer("report__html", "report__csv_zip", "report__data")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.display(description="Error")
    def short_error(self, delivery: ReportDelivery) -> str:
        return delivery.error[:80]


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = (
        "id",
        "partner",
        "contradiction_id",
        "event",
        "status",
        "attempts",
        "response_code",
        "next_retry_at",
        "sent_at",
    )
    list_filter = ("status", "event", "partner")
    list_select_related = ("partner",)
    readonly_fields = (
        "partner",
        "contradiction",
        "contradiction_version",
        "event",
        "url",
        "status",
        "attempts",
        "response_code",
        "last_error",
        "next_retry_at",
        "sent_at",
        "created_at",
        "payload_pretty",
    )
    exclude = ("payload",)
    actions = ["retry_now"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.display(description="Payload")
    def payload_pretty(self, delivery: WebhookDelivery) -> str:
        return format_html("<pre>{}</pre>", webhooks.webhook_body(delivery.payload).decode())

    @admin.action(description="Send the selected deliveries again now")
    def retry_now(self, request: HttpRequest, queryset) -> None:
        count = webhooks.webhook_deliveries_retry(delivery_ids=list(queryset.values_list("id", flat=True)))
        self.message_user(request, f"{count} delivery(ies) queued.", messages.SUCCESS)


@admin.register(WebhookCursor)
class WebhookCursorAdmin(admin.ModelAdmin):
    list_display = ("partner", "last_updated_at", "last_id", "moved_at")
    list_select_related = ("partner",)
    readonly_fields = ("partner", "last_updated_at", "last_id", "moved_at")
