"""Writes for reports: build (idempotent upsert), catch up missed periods, and email to subscribers."""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime, timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone

from claims.models import Incident
from reports import rendering
from reports.models import DeliveryStatus, PeriodKind, Report, ReportDelivery, Subscription
from reports.selectors import ReportScope, admin_change_url, report_data
from sources.models import Conflict, Party

logger = logging.getLogger(__name__)

#: How many past periods a scheduled run looks back over to build what a stopped beat missed.
CATCH_UP_PERIODS = {PeriodKind.DAILY: 7, PeriodKind.WEEKLY: 4}


class ReportDeliveryError(Exception):
    """Some subscribers could not be reached; the task retries, skipping those already sent."""


def period_for(*, kind: str, day: date) -> tuple[date, date]:
    """The daily or weekly (ISO week, Monday to Sunday) period that contains ``day``."""
    if kind == PeriodKind.DAILY:
        return day, day
    if kind == PeriodKind.WEEKLY:
        monday = day - timedelta(days=day.weekday())
        return monday, monday + timedelta(days=6)
    raise ValidationError({"kind": f"A {kind} report has no fixed period."})


def normalize_filters(filters: dict | None) -> dict:
    """Keep only the narrowing a report understands (one party or one incident, and a conflict), as ints.

    A conflict may be given by slug; it is stored by id.
    """
    filters = {k: v for k, v in (filters or {}).items() if v not in (None, "")}
    unknown = set(filters) - {"party", "incident", "conflict"}
    if unknown:
        raise ValidationError({"filters": f"Unknown report filter(s): {', '.join(sorted(unknown))}."})
    if "party" in filters and "incident" in filters:
        raise ValidationError({"filters": "Narrow a report to one party or one incident, not both."})
    conflict = filters.get("conflict")
    if conflict is not None and not str(conflict).isdigit():
        found = Conflict.objects.filter(slug=str(conflict)).values_list("pk", flat=True).first()
        if found is None:
            raise ValidationError({"filters": f"Unknown conflict {conflict!r}."})
        filters["conflict"] = found
    return {k: int(v) for k, v in filters.items()}


def report_scope(*, period_start: date, period_end: date, filters: dict | None = None) -> ReportScope:
    """The scope of a report; a party filter covers its whole subtree (ministries, officials)."""
    if period_start > period_end:
        raise ValidationError({"period_end": "The period ends before it starts."})
    filters = normalize_filters(filters)
    conflict = Conflict.objects.filter(pk=filters["conflict"]).first() if "conflict" in filters else None
    narrowing: dict[str, Any] = (
        {"conflict_id": conflict.pk, "conflict_name": conflict.name} if conflict else {}
    )
    if "party" in filters:
        party = Party.objects.only("id", "name", "tree_path").get(pk=filters["party"])
        return ReportScope(
            period_start=period_start,
            period_end=period_end,
            party_id=party.id,
            party_name=party.name,
            party_path=party.tree_path,
            **narrowing,
        )
    if "incident" in filters:
        incident = Incident.objects.get(pk=filters["incident"])
        return ReportScope(
            period_start=period_start,
            period_end=period_end,
            incident_id=incident.id,
            incident_title=str(incident),
            **narrowing,
        )
    return ReportScope(period_start=period_start, period_end=period_end, **narrowing)


def _filter_key(filters: dict) -> str:
    return ";".join(f"{k}:{v}" for k, v in sorted(filters.items()))


def _report_meta(*, kind: str, scope: ReportScope, filters: dict, generated_at: datetime) -> dict:
    if scope.period_start == scope.period_end:
        period_label = scope.period_start.strftime("%A %d %B %Y")
    else:
        period_label = f"{scope.period_start:%d %B %Y} – {scope.period_end:%d %B %Y}"
    if scope.party_id:
        filter_label = f"claims by {scope.party_name} and its members"
    elif scope.incident_id:
        filter_label = f"incident: {scope.incident_title}"
    else:
        filter_label = ""
    if scope.conflict_id:
        filter_label = f"{scope.conflict_name}" + (f"; {filter_label}" if filter_label else "")
    return {
        "title": f"{PeriodKind(kind).label} contradiction report",
        "kind": kind,
        "period_start": scope.period_start.isoformat(),
        "period_end": scope.period_end.isoformat(),
        "period_label": period_label,
        "filters": filters,
        "filter_label": filter_label,
        "generated_at": generated_at.strftime("%Y-%m-%d %H:%M"),
        "generated_at_iso": generated_at.isoformat(),
    }


@transaction.atomic
def report_build(
    *,
    period_start: date,
    period_end: date,
    kind: str,
    filters: dict | None = None,
    now: datetime | None = None,
) -> Report:
    """Build the report for a period and store it with its HTML, CSV and JSON forms.

    Idempotent: the same (kind, period, filter) always lands on the same row, rebuilt in place, so
    a task fired twice or a command run again leaves one report.
    """
    if kind not in PeriodKind.values:
        raise ValidationError({"kind": f"Unknown report kind '{kind}'."})
    if kind != PeriodKind.CUSTOM and period_for(kind=kind, day=period_start) != (period_start, period_end):
        raise ValidationError({"period_start": f"{period_start}–{period_end} is not a {kind} period."})
    filters = normalize_filters(filters)
    scope = report_scope(period_start=period_start, period_end=period_end, filters=filters)
    generated_at = now or timezone.now()
    data = {"report": _report_meta(kind=kind, scope=scope, filters=filters, generated_at=generated_at)}
    data.update(report_data(scope=scope))
    report, _ = Report.objects.update_or_create(
        kind=kind,
        period_start=period_start,
        period_end=period_end,
        filter_key=_filter_key(filters),
        defaults={
            "filters": filters,
            "generated_at": generated_at,
            "counts": data["totals"],
            "data": data,
            "html": rendering.report_html(data=data),
            "csv_zip": rendering.report_csv_zip(data=data),
        },
    )
    return report


def report_due_periods(*, kind: str, today: date) -> list[tuple[date, date]]:
    """Complete periods in the catch-up window that have no (unfiltered) report yet, oldest first."""
    current_start, _ = period_for(kind=kind, day=today)
    step = timedelta(days=1 if kind == PeriodKind.DAILY else 7)
    candidates = [
        period_for(kind=kind, day=current_start - step * i)
        for i in range(CATCH_UP_PERIODS[PeriodKind(kind)], 0, -1)
    ]
    built = set(
        Report.objects.filter(
            kind=kind, filter_key="", period_start__in=[start for start, _ in candidates]
        ).values_list("period_start", flat=True)
    )
    return [(start, end) for start, end in candidates if start not in built]


def reports_build_due(*, kinds: list[str] | tuple[str, ...], now: datetime | None = None) -> list[int]:
    """Build every missing scheduled report in the catch-up window, then schedule their delivery.

    Returns the ids of the reports built. Delivery is enqueued for every scheduled report in the
    window, not only the new ones: it is idempotent, so a delivery whose message was lost is sent
    on the next run.
    """
    now = now or timezone.now()
    today = now.astimezone(UTC).date()
    built: list[int] = []
    for kind in kinds:
        for start, end in report_due_periods(kind=kind, today=today):
            built.append(report_build(period_start=start, period_end=end, kind=kind, now=now).id)
            logger.info("Built %s report for %s–%s", kind, start, end)
        window_start = period_for(kind=kind, day=today)[0] - timedelta(
            days=CATCH_UP_PERIODS[PeriodKind(kind)] * (1 if kind == PeriodKind.DAILY else 7)
        )
        recent = list(
            Report.objects.filter(kind=kind, filter_key="", period_start__gte=window_start).values_list(
                "id", flat=True
            )
        )
        reports_deliver_enqueue(report_ids=recent)
    return built


def reports_deliver_enqueue(*, report_ids: list[int]) -> None:
    """Queue the delivery of these reports once the current transaction commits (idempotent sends)."""
    transaction.on_commit(partial(_enqueue_deliveries, list(report_ids)), robust=True)


def _enqueue_deliveries(report_ids: list[int]) -> None:
    # Late: reports.tasks imports this module (services enqueue tasks, tasks call services).
    from reports.tasks import deliver_report  # noqa: PLC0415

    for report_id in report_ids:
        deliver_report.delay(report_id)


def _report_for_subscription(*, report: Report, subscription: Subscription) -> Report:
    filters = subscription.filters
    if not filters:
        return report
    existing = Report.objects.filter(
        kind=report.kind,
        period_start=report.period_start,
        period_end=report.period_end,
        filter_key=_filter_key(filters),
    ).first()
    return existing or report_build(
        period_start=report.period_start, period_end=report.period_end, kind=report.kind, filters=filters
    )


def report_email(*, report: Report, to: str) -> EmailMultiAlternatives:
    """The email for one report: a plain-text summary, the HTML page, and the CSV tables and JSON attached."""
    meta = report.data.get("report", {})
    totals = report.counts
    about = totals.get("contradictions", 0)
    subject = (
        f"[factcheck] {meta.get('title', 'Report')} {meta.get('period_label', report.period_start)}: "
        f"{about} contradiction{'' if about == 1 else 's'} about its events, "
        f"{totals.get('new_contradictions', 0)} newly detected, {totals.get('open_contradictions', 0)} open"
    )
    lines = [
        f"{meta.get('title', 'Report')} — {meta.get('period_label', '')}",
        f"Narrowed to {meta['filter_label']}" if meta.get("filter_label") else "",
        "",
        f"Contradictions about the period's events: {totals.get('contradictions', 0)}"
        f" ({totals.get('contradictions_open', 0)} still open)",
        f"Newly detected in the period: {totals.get('new_contradictions', 0)}",
        f"Still open (detected by the end of the period): {totals.get('open_contradictions', 0)}",
        f"Confirmed by reviewers: {totals.get('confirmed', 0)}",
        f"Dismissed by reviewers: {totals.get('dismissed', 0)}",
        f"Claims stated: {totals.get('claims', 0)}",
        "",
        report.data.get("counting", ""),
        "",
        "The full report is the HTML part of this message; CSV tables and JSON are attached.",
        f"Admin: {admin_change_url(app_label='reports', model_name='report', pk=report.pk)}",
    ]
    message = EmailMultiAlternatives(
        subject=subject, body="\n".join(lines), from_email=settings.DEFAULT_FROM_EMAIL, to=[to]
    )
    message.attach_alternative(report.html, "text/html")
    # Many mail clients drop inline SVG; the attached page shows the charts in any browser.
    message.attach(f"{report.file_stem}.html", report.html, "text/html")
    message.attach(f"{report.file_stem}.csv.zip", bytes(report.csv_zip), "application/zip")
    message.attach(f"{report.file_stem}.json", rendering.report_json(data=report.data), "application/json")
    return message


def report_deliver(*, report_id: int) -> list[ReportDelivery]:
    """Email a scheduled report to every active subscription of its frequency, once each.

    A filtered subscription gets the same period narrowed to its party or incident. A subscription
    receives periods that ended after it was created. Failures are logged on the delivery and raised
    together at the end, so a retry sends only what is still missing.
    """
    report = Report.objects.get(pk=report_id)
    if report.filter_key or report.kind == PeriodKind.CUSTOM:
        return []
    period_end_at = ReportScope(period_start=report.period_start, period_end=report.period_end).end
    subscriptions = Subscription.objects.filter(
        active=True, frequency=report.kind, created_at__lt=period_end_at
    )
    deliveries, failures = [], []
    for subscription in subscriptions:
        content = _report_for_subscription(report=report, subscription=subscription)
        with transaction.atomic():
            ReportDelivery.objects.get_or_create(
                report=content, subscription=subscription, defaults={"email": subscription.email}
            )
            # The row lock makes two concurrent runs send one email.
            delivery = ReportDelivery.objects.select_for_update().get(
                report=content, subscription=subscription
            )
            if delivery.status == DeliveryStatus.SENT:
                continue
            delivery.attempts += 1
            try:
                report_email(report=content, to=subscription.email).send(fail_silently=False)
            except Exception as exc:  # any transport error; recorded and retried
                delivery.status = DeliveryStatus.FAILED
                delivery.error = f"{type(exc).__name__}: {exc}"
                failures.append(subscription.email)
                logger.warning("Report %s to %s failed: %s", content.pk, subscription.email, exc)
            else:
                delivery.status = DeliveryStatus.SENT
                delivery.sent_at = timezone.now()
                delivery.error = ""
            delivery.save()
            deliveries.append(delivery)
    if failures:
        raise ReportDeliveryError(f"Report {report.pk} could not be sent to {', '.join(failures)}.")
    return deliveries
