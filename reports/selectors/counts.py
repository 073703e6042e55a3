"""The report's tables of counts per contradiction kind, and of the reasons for dismissals."""

from __future__ import annotations

from django.db.models import Count, Q

from claims.models import ContradictionStatus, DismissReason
from reports.selectors.scope import REPORTED_KINDS, ReportScope, contradictions_reported


def _counts_by_kind(queryset, **counts: Count) -> list[dict]:
    """One row per reported kind, in a fixed order and with zeros where a kind has none, holding ``counts``."""
    found = {row["kind"]: row for row in queryset.values("kind").annotate(**counts).order_by()}
    return [
        {
            "kind": kind.value,
            "label": kind.label,
            **{name: found.get(kind.value, {}).get(name, 0) for name in counts},
        }
        for kind in REPORTED_KINDS
    ]


#: How a report counts contradictions, said in the report itself (JSON, HTML, e-mail).
COUNTING = (
    "Contradictions are counted by when the events their claims describe happened (a claim's event "
    "time, else when it was stated): a contradiction is in the period when either claim's event is. "
    "Newly detected counts what the engine found during the period, whatever the events' dates."
)


def contradictions_by_kind(*, scope: ReportScope) -> list[dict]:
    """Per kind: contradictions about the period's events (``in_period``) and of those the ones still
    open (``in_period_open``); beside them, what was detected during the period (``new``) and what was
    detected by its end and is still open (``open``).

    "Still open" is the status when the report is built (statuses have no history in this table).
    One query: the period's events and its detections are two filters over the same rows.
    """
    events = scope.contradiction_events_in_period()
    is_open = Q(status=ContradictionStatus.OPEN)
    return _counts_by_kind(
        contradictions_reported(scope).filter(events | Q(detected_at__lt=scope.end)),
        in_period=Count("id", filter=events),
        in_period_open=Count("id", filter=events & is_open),
        new=Count("id", filter=scope.detected_in_period()),
        open=Count("id", filter=is_open & Q(detected_at__lt=scope.end)),
    )


def reviewed_by_kind(*, scope: ReportScope) -> list[dict]:
    """Per kind: contradictions reviewers confirmed or dismissed during the period."""
    return _counts_by_kind(
        contradictions_reported(scope).filter(reviewed_at__gte=scope.start, reviewed_at__lt=scope.end),
        confirmed=Count("id", filter=Q(status=ContradictionStatus.CONFIRMED)),
        dismissed=Count("id", filter=Q(status=ContradictionStatus.DISMISSED)),
    )


def dismiss_reasons(*, scope: ReportScope) -> list[dict]:
    """Why reviewers dismissed contradictions in the period, each reason with its count (zeros kept, and
    "not given" for dismissals without one): the signal for improving the extractor and the rules."""
    found = dict(
        contradictions_reported(scope)
        .filter(status=ContradictionStatus.DISMISSED, reviewed_at__gte=scope.start, reviewed_at__lt=scope.end)
        .values_list("dismiss_reason")
        .annotate(n=Count("id"))
        .order_by()
    )
    rows = [{"reason": r.value, "label": r.label, "count": found.get(r.value, 0)} for r in DismissReason]
    return [*rows, {"reason": "", "label": "Not given", "count": found.get("", 0)}]
