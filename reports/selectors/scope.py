"""What a report covers (its period and narrowing) and the helpers every table of it uses."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from django.conf import settings
from django.db.models import Q, QuerySet
from django.urls import NoReverseMatch, reverse

from claims.models import Claim, Contradiction, ContradictionKind
from claims.selectors.contradictions import contradiction_published_q
from claims.selectors.visibility import claims_published

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


def iso_or_none(value: datetime | date | None) -> str | None:
    """A date or time as ISO 8601, ``None`` when there is none."""
    return value.isoformat() if value else None


def contradictions_reported(scope: ReportScope) -> QuerySet[Contradiction]:
    """Published contradictions of the kinds a report counts, inside the scope's narrowing."""
    return Contradiction.objects.filter(contradiction_published_q(), kind__in=REPORTED_KINDS).filter(
        scope.contradiction_filter()
    )


def claims_counted(scope: ReportScope) -> QuerySet[Claim]:
    """Published claims inside the scope's narrowing (any period)."""
    return claims_published().filter(scope.claim_filter())
