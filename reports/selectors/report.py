"""A whole report's data for a scope, and which stored reports a caller may download."""

from __future__ import annotations

from django.db.models import Exists, IntegerField, OuterRef, Q, QuerySet
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast

from claims.selectors.provenance import parties_visible
from claims.selectors.visibility import incidents_visible
from credibility.selectors import parties_by_reliability
from reports.models import Report
from reports.selectors.casualties import widest_casualty_ranges
from reports.selectors.contradictions import newly_detected_contradictions, top_open_contradictions
from reports.selectors.counts import COUNTING, contradictions_by_kind, dismiss_reasons, reviewed_by_kind
from reports.selectors.parties import (
    PartyIndex,
    claims_per_claimant_day,
    claims_per_party_per_day,
    party_pair_counts,
    party_pairs,
)
from reports.selectors.scope import ReportScope


def report_data(*, scope: ReportScope) -> dict:
    """Every table of the report for ``scope``, as JSON-ready data. Ten queries whatever the data size
    (the last one: the most and least reliable parties of the period, from ``credibility``).

    Contradictions are counted by the period's events (``COUNTING``, in the data as ``counting``);
    what was newly detected during the period is listed apart (``newly_detected``)."""
    pair_counts = party_pair_counts(scope)
    day_counts = claims_per_claimant_day(scope)
    parties = PartyIndex(
        {r["a"] for r in pair_counts} | {r["b"] for r in pair_counts} | {r["claimant_id"] for r in day_counts}
    )
    by_kind = contradictions_by_kind(scope=scope)
    reviewed = reviewed_by_kind(scope=scope)
    per_day = claims_per_party_per_day(scope=scope, day_counts=day_counts, parties=parties)
    return {
        "counting": COUNTING,
        "totals": {
            "new_contradictions": sum(r["new"] for r in by_kind),
            "open_contradictions": sum(r["open"] for r in by_kind),
            "confirmed": sum(r["confirmed"] for r in reviewed),
            "dismissed": sum(r["dismissed"] for r in reviewed),
            "claims": sum(per_day["totals"].values()),
            "contradictions": sum(r["in_period"] for r in by_kind),
            "contradictions_open": sum(r["in_period_open"] for r in by_kind),
        },
        "contradictions_by_kind": by_kind,
        "party_pairs": party_pairs(pair_counts=pair_counts, parties=parties),
        "widest_ranges": widest_casualty_ranges(scope=scope),
        "claims_per_party_per_day": per_day,
        "reviewed": reviewed,
        "dismiss_reasons": dismiss_reasons(scope=scope),
        "top_open": top_open_contradictions(scope=scope),
        "newly_detected": newly_detected_contradictions(scope=scope),
        "reliability": parties_by_reliability(
            start=scope.start,
            end=scope.end,
            party_path=scope.party_path,
            incident_id=scope.incident_id,
            published_only=True,
        ),
    }


def reports_visible(*, partner=None, is_staff: bool = False) -> QuerySet:
    """Reports a caller may download: staff all; others every full report and the narrowed ones whose
    party or incident they may see (a narrowed report's label names it).  Reports hold published data
    only, so nothing else about them is private.  Still one query (correlated look-ups per row)."""
    reports = Report.objects.all()
    if is_staff:
        return reports
    reports = reports.annotate(
        narrowed_party=Cast(KeyTextTransform("party", "filters"), IntegerField()),
        narrowed_incident=Cast(KeyTextTransform("incident", "filters"), IntegerField()),
    )
    party_seen = Exists(parties_visible(partner=partner).filter(pk=OuterRef("narrowed_party")))
    incident_seen = Exists(incidents_visible(partner=partner).filter(pk=OuterRef("narrowed_incident")))
    return reports.filter(Q(narrowed_party__isnull=True) | party_seen).filter(
        Q(narrowed_incident__isnull=True) | incident_seen
    )
