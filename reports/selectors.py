"""Reads behind a contradiction report: every table for a period in a fixed number of queries.

Each table is one aggregate query (plus one query for the parties that name the rows and one for the
sources behind the widest casualty ranges), so building a report over a million claims costs the
same ten queries as over ten. Everything returned is plain JSON-ready data (strings, numbers,
lists, dicts): the same dict is the JSON format, the source of the CSV tables and the HTML context.

A report is a shared artefact (every read key downloads it, subscribers receive it by email), so it is
built over published data only (``claims.selectors.claims``): verified claims, and contradictions
whose two claims are verified.  A partner's unpublished submission never appears in one.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from django.conf import settings
from django.db.models import Count, Exists, F, IntegerField, Max, Min, OuterRef, Q, QuerySet, Subquery
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast, Coalesce, TruncDate
from django.urls import NoReverseMatch, reverse

from claims.models import (
    Claim,
    ClaimKind,
    Contradiction,
    ContradictionKind,
    ContradictionStatus,
    DismissReason,
)
from claims.selectors.claims import claims_published, incidents_visible
from claims.selectors.contradictions import contradiction_published_q
from credibility.selectors import parties_by_reliability, related_or_none
from reports.models import Report
from sources.models import Party
from sources.selectors import UNKNOWN_SIDE_COLOUR, parties_visible, party_sides_display

#: Kinds a report counts: an "update" by the same claimant is explicitly not a contradiction.
REPORTED_KINDS = [kind for kind in ContradictionKind if kind != ContradictionKind.UPDATE]
WIDEST_RANGES_LIMIT = 10
SOURCES_PER_INCIDENT_LIMIT = 25
TOP_OPEN_LIMIT = 20
PARTY_PAIRS_LIMIT = 15


@dataclass(frozen=True)
class ReportScope:
    """The days a report covers (both included, UTC) and what it is narrowed to."""

    period_start: date
    period_end: date
    party_id: int | None = None
    party_name: str = ""
    party_path: str = ""
    incident_id: int | None = None
    incident_title: str = ""
    conflict_id: int | None = None
    conflict_name: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def start(self) -> datetime:
        return datetime.combine(self.period_start, datetime.min.time(), tzinfo=UTC)

    @property
    def end(self) -> datetime:
        """Exclusive upper bound: midnight after the last day."""
        return datetime.combine(self.period_end + timedelta(days=1), datetime.min.time(), tzinfo=UTC)

    @property
    def days(self) -> list[date]:
        return [
            self.period_start + timedelta(days=i)
            for i in range((self.period_end - self.period_start).days + 1)
        ]

    def claim_filter(self, prefix: str = "") -> Q:
        """Claims inside the scope's narrowing (not its period)."""
        q = Q()
        if self.party_path:
            q &= Q(**{f"{prefix}claimant__tree_path__startswith": self.party_path})
        elif self.party_id:
            q &= Q(**{f"{prefix}claimant_id": self.party_id})
        if self.incident_id:
            q &= Q(**{f"{prefix}incident_id": self.incident_id})
        if self.conflict_id:
            q &= Q(**{f"{prefix}conflict_id": self.conflict_id})
        return q

    def events_in_period(self, prefix: str = "") -> Q:
        """Claims whose event falls in the period: the event's start, else when the claim was stated."""
        return Q(**{f"{prefix}event_start__gte": self.start, f"{prefix}event_start__lt": self.end}) | Q(
            **{
                f"{prefix}event_start__isnull": True,
                f"{prefix}stated_at__gte": self.start,
                f"{prefix}stated_at__lt": self.end,
            }
        )

    def contradiction_events_in_period(self) -> Q:
        """Contradictions about the period's events: either claim's event falls in the period."""
        return self.events_in_period("claim_a__") | self.events_in_period("claim_b__")

    def detected_in_period(self) -> Q:
        return Q(detected_at__gte=self.start, detected_at__lt=self.end)

    def contradiction_filter(self) -> Q:
        """Contradictions with at least one claim inside the narrowing."""
        if not (self.party_id or self.incident_id or self.conflict_id):
            return Q()
        q = self.claim_filter("claim_a__") | self.claim_filter("claim_b__")
        if self.incident_id:
            q |= Q(incident_id=self.incident_id)
        return q


def admin_change_url(*, app_label: str, model_name: str, pk: int) -> str:
    """Absolute link into the admin (FACTCHECK_BASE_URL), even when the model is not registered yet."""
    try:
        path = reverse(f"admin:{app_label}_{model_name}_change", args=[pk])
    except NoReverseMatch:
        path = f"/admin/{app_label}/{model_name}/{pk}/change/"
    return settings.FACTCHECK_BASE_URL.rstrip("/") + path


def format_interval(low: int | None, high: int | None) -> str:
    """A claimed figure as a reader writes it: 9, 9+ (at least nine), 9–12."""
    if low is None:
        return ""
    if high is None:
        return f"{low}+"
    return str(low) if low == high else f"{low}–{high}"


def _iso(value: datetime | date | None) -> str | None:
    return value.isoformat() if value else None


def _reported_contradictions(scope: ReportScope) -> QuerySet[Contradiction]:
    return Contradiction.objects.filter(contradiction_published_q(), kind__in=REPORTED_KINDS).filter(
        scope.contradiction_filter()
    )


def _counted_claims(scope: ReportScope) -> QuerySet[Claim]:
    return claims_published().filter(scope.claim_filter())


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
        _reported_contradictions(scope).filter(events | Q(detected_at__lt=scope.end)),
        in_period=Count("id", filter=events),
        in_period_open=Count("id", filter=events & is_open),
        new=Count("id", filter=scope.detected_in_period()),
        open=Count("id", filter=is_open & Q(detected_at__lt=scope.end)),
    )


def reviewed_by_kind(*, scope: ReportScope) -> list[dict]:
    """Per kind: contradictions reviewers confirmed or dismissed during the period."""
    return _counts_by_kind(
        _reported_contradictions(scope).filter(reviewed_at__gte=scope.start, reviewed_at__lt=scope.end),
        confirmed=Count("id", filter=Q(status=ContradictionStatus.CONFIRMED)),
        dismissed=Count("id", filter=Q(status=ContradictionStatus.DISMISSED)),
    )


def _party_pair_counts(scope: ReportScope) -> list[dict]:
    return [
        dict(row)
        for row in _reported_contradictions(scope)
        .filter(scope.contradiction_events_in_period())
        .values("kind", a=F("claim_a__claimant_id"), b=F("claim_b__claimant_id"))
        .annotate(n=Count("id"))
        .order_by()
    ]


def _claims_per_claimant_day(scope: ReportScope) -> list[dict]:
    return [
        dict(row)
        for row in _counted_claims(scope)
        .filter(stated_at__gte=scope.start, stated_at__lt=scope.end)
        .annotate(day=TruncDate("stated_at"))
        .values("day", "claimant_id")
        .annotate(n=Count("id"))
        .order_by()
    ]


class PartyIndex:
    """Names and top-level parties for the claimants a report mentions, loaded in one query."""

    def __init__(self, party_ids: set[int]):
        parties = Party.objects.filter(Q(id__in=party_ids) | Q(parent__isnull=True)).only(
            "id", "name", "tree_path", "parent_id"
        )
        self.by_id = {party.id: party for party in parties}
        display = party_sides_display(party_ids=self.by_id)
        self.sides = {pid: slug for pid, (slug, _) in display.items()}
        self.colours = {pid: colour for pid, (_, colour) in display.items()}

    def root(self, party_id: int) -> Party | None:
        party = self.by_id.get(party_id)
        if party is None:
            return None
        head = party.tree_path.strip("/").split("/")[0] if party.tree_path else ""
        return self.by_id.get(int(head)) if head.isdigit() and int(head) in self.by_id else party

    def name(self, party_id: int) -> str:
        party = self.by_id.get(party_id)
        return party.name if party else f"Party #{party_id}"


def party_pairs(*, pair_counts: list[dict], parties: PartyIndex) -> dict:
    """Which parties contradict each other most, claimants mapped to their top-level party.

    A ministry and its spokesperson both count as their state, so the table reads state against state
    rather than scattering one dispute over every spokesperson; each side in its pack's colour.
    """
    pairs: dict[tuple[str, str], dict] = {}
    for row in pair_counts:
        names = []
        for party_id in (row["a"], row["b"]):
            root = parties.root(party_id)
            if root is None:
                names.append((parties.name(party_id), "unknown", UNKNOWN_SIDE_COLOUR))
            else:
                colour = parties.colours.get(root.id, UNKNOWN_SIDE_COLOUR)
                names.append((root.name, parties.sides.get(root.id, "unknown"), colour))
        (name_a, side_a, colour_a), (name_b, side_b, colour_b) = sorted(names)
        entry = pairs.setdefault(
            (name_a, name_b),
            {
                "party_a": name_a,
                "side_a": side_a,
                "colour_a": colour_a,
                "party_b": name_b,
                "side_b": side_b,
                "colour_b": colour_b,
                "count": 0,
                "by_kind": {},
            },
        )
        entry["count"] += row["n"]
        entry["by_kind"][row["kind"]] = entry["by_kind"].get(row["kind"], 0) + row["n"]
    rows = sorted(pairs.values(), key=lambda e: (-e["count"], e["party_a"], e["party_b"]))
    for entry in rows:
        entry["kinds"] = [
            {"kind": kind, "label": ContradictionKind(kind).label, "count": n}
            for kind, n in sorted(entry["by_kind"].items())
        ]
    return {
        "grouping": "top-level party (claimants mapped to the root of the party tree)",
        "rows": rows[:PARTY_PAIRS_LIMIT],
    }


def claims_per_party_per_day(*, scope: ReportScope, day_counts: list[dict], parties: PartyIndex) -> dict:
    """Published claims stated per day by each top-level party."""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in day_counts:
        root = parties.root(row["claimant_id"])
        name = root.name if root else parties.name(row["claimant_id"])
        day = row["day"] if isinstance(row["day"], date) else date.fromisoformat(str(row["day"]))
        counts[name][day.isoformat()] += row["n"]
    names = sorted(counts, key=lambda n: (-sum(counts[n].values()), n))
    days = [d.isoformat() for d in scope.days]
    return {
        "grouping": "top-level party",
        "days": days,
        "parties": names,
        "rows": [
            {"party": n, "day": d, "count": counts[n][d]} for n in names for d in days if counts[n].get(d)
        ],
        "totals": {n: sum(counts[n].values()) for n in names},
    }


def widest_casualty_ranges(*, scope: ReportScope, limit: int = WIDEST_RANGES_LIMIT) -> list[dict]:
    """Incidents with casualty claims in the period whose sources disagree most on the number killed.

    The range runs over all the incident's casualty claims (not only the period's) per victim group,
    as Airwars publishes it (min–max); the conservative figure is the lowest one, as ACLED codes it.
    An open figure ("at least 9") counts with its stated number.
    """
    active = (
        _counted_claims(scope)
        .filter(
            kind=ClaimKind.CASUALTY,
            incident__isnull=False,
            stated_at__gte=scope.start,
            stated_at__lt=scope.end,
        )
        .values("incident_id")
    )
    ranges = list(
        claims_published()
        .filter(kind=ClaimKind.CASUALTY, killed_min__isnull=False, incident_id__in=Subquery(active))
        .values("incident_id", "victim_group")
        .annotate(low=Min("killed_min"), high=Max(Coalesce("killed_max", "killed_min")), sources=Count("id"))
        .filter(high__gt=F("low"))
        .annotate(spread=F("high") - F("low"))
        .order_by("-spread", "-sources", "incident_id", "victim_group")[:limit]
    )
    if not ranges:
        return []
    claims = (
        claims_published()
        .filter(
            kind=ClaimKind.CASUALTY,
            killed_min__isnull=False,
            incident_id__in={r["incident_id"] for r in ranges},
        )
        .select_related("claimant", "relayed_by", "article__outlet", "incident__place", "incident__estimate")
        .order_by("incident_id", "killed_min", "stated_at", "id")
    )
    by_key: dict[tuple[int | None, str], list[Claim]] = defaultdict(list)
    for claim in claims:
        by_key[(claim.incident_id, claim.victim_group)].append(claim)
    result = []
    for row in ranges:
        sources = by_key[(row["incident_id"], row["victim_group"])]
        incident = sources[0].incident if sources else None
        estimate = related_or_none(incident, "estimate") if incident else None
        result.append(
            {
                "incident_id": row["incident_id"],
                "title": str(incident) if incident else f"Incident #{row['incident_id']}",
                "place": incident.place.name if incident and incident.place else "",
                "victim_group": row["victim_group"],
                "low": row["low"],
                "high": row["high"],
                "spread": row["spread"],
                "range": format_interval(row["low"], row["high"]),
                "conservative": row["low"],
                "likely": estimate.killed_likely if estimate else None,
                "likely_confidence": estimate.killed_confidence if estimate else None,
                "source_count": row["sources"],
                "admin_url": admin_change_url(
                    app_label="claims", model_name="incident", pk=row["incident_id"]
                ),
                "sources": [_source_row(claim) for claim in sources[:SOURCES_PER_INCIDENT_LIMIT]],
            }
        )
    return result


def _source_row(claim: Claim) -> dict:
    article = claim.article
    return {
        "claim_id": claim.id,
        "claimant": claim.claimant.name,
        "relayed_by": claim.relayed_by.name if claim.relayed_by else "",
        "outlet": article.outlet.name if article and article.outlet else "",
        "article_title": article.title if article else "",
        "article_url": article.url or "" if article else "",
        "figure": format_interval(claim.killed_min, claim.killed_max),
        "killed_min": claim.killed_min,
        "killed_max": claim.killed_max,
        "quote": claim.quote,
        "stated_at": _iso(claim.stated_at),
        "status": claim.status,
    }


_CONTRADICTION_JOINS = (
    "incident",
    "claim_a__claimant",
    "claim_a__relayed_by",
    "claim_a__article__outlet",
    "claim_b__claimant",
    "claim_b__relayed_by",
    "claim_b__article__outlet",
)


def top_open_contradictions(*, scope: ReportScope, limit: int = TOP_OPEN_LIMIT) -> list[dict]:
    """The open contradictions a reviewer should look at first (highest score, newest), with admin links:
    those about the period's events and those detected by its end."""
    items = (
        _reported_contradictions(scope)
        .filter(scope.contradiction_events_in_period() | Q(detected_at__lt=scope.end))
        .filter(status=ContradictionStatus.OPEN)
        .select_related(*_CONTRADICTION_JOINS)
        .order_by("-score", "-detected_at", "-id")[:limit]
    )
    return [_contradiction_row(item) for item in items]


def newly_detected_contradictions(*, scope: ReportScope, limit: int = TOP_OPEN_LIMIT) -> list[dict]:
    """What the engine found during the period, whatever the dates of the events (newest first), each
    with the dates its claims' events fall on, so a late find about an old event reads as such."""
    items = (
        _reported_contradictions(scope)
        .filter(scope.detected_in_period())
        .select_related(*_CONTRADICTION_JOINS)
        .order_by("-detected_at", "-id")[:limit]
    )
    return [_contradiction_row(item) for item in items]


def _event_day(claim: Claim) -> str | None:
    when = claim.event_start or claim.stated_at
    return when.date().isoformat() if when else None


def _contradiction_row(item: Contradiction) -> dict:
    return {
        "id": item.id,
        "kind": item.kind,
        "label": item.get_kind_display(),
        "status": item.status,
        "explanation": item.explanation,
        "score": round(item.score, 3),
        "detected_at": _iso(item.detected_at),
        "detected": item.detected_at.strftime("%d %b %Y %H:%M UTC"),
        "incident": str(item.incident) if item.incident else "",
        "incident_id": item.incident_id,
        "admin_url": admin_change_url(app_label="claims", model_name="contradiction", pk=item.id),
        "claims": [_claim_row(item.claim_a), _claim_row(item.claim_b)],
        "event_days": sorted({d for d in (_event_day(item.claim_a), _event_day(item.claim_b)) if d}),
    }


def _claim_row(claim: Claim) -> dict:
    row = _source_row(claim)
    row["kind"] = claim.kind
    row["admin_url"] = admin_change_url(app_label="claims", model_name="claim", pk=claim.id)
    return row


def dismiss_reasons(*, scope: ReportScope) -> list[dict]:
    """Why reviewers dismissed contradictions in the period, each reason with its count (zeros kept, and
    "not given" for dismissals without one): the signal for improving the extractor and the rules."""
    found = dict(
        _reported_contradictions(scope)
        .filter(status=ContradictionStatus.DISMISSED, reviewed_at__gte=scope.start, reviewed_at__lt=scope.end)
        .values_list("dismiss_reason")
        .annotate(n=Count("id"))
        .order_by()
    )
    rows = [{"reason": r.value, "label": r.label, "count": found.get(r.value, 0)} for r in DismissReason]
    return [*rows, {"reason": "", "label": "Not given", "count": found.get("", 0)}]


def report_data(*, scope: ReportScope) -> dict:
    """Every table of the report for ``scope``, as JSON-ready data. Ten queries whatever the data size
    (the last one: the most and least reliable parties of the period, from ``credibility``).

    Contradictions are counted by the period's events (``COUNTING``, in the data as ``counting``);
    what was newly detected during the period is listed apart (``newly_detected``)."""
    pair_counts = _party_pair_counts(scope)
    day_counts = _claims_per_claimant_day(scope)
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
