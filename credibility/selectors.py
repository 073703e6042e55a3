"""Reads of credibility for the API, the admin and the reports (constant queries whatever the page size)."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Count, F, Q, QuerySet

from claims.models import Claim, ClaimStatus, Incident
from credibility.models import CredibilityRun, PartyCredibility
from sources.models import Party


def incidents_with_estimate(queryset: QuerySet[Incident]) -> QuerySet[Incident]:
    """Incidents annotated with their most likely figures (one LEFT JOIN, no extra query)."""
    return queryset.annotate(
        likely_killed=F("estimate__killed_likely"),
        likely_killed_confidence=F("estimate__killed_confidence"),
        likely_wounded=F("estimate__wounded_likely"),
        likely_wounded_confidence=F("estimate__wounded_confidence"),
    )


def party_credibility_get(*, party: Party) -> PartyCredibility | None:
    """A party's credibility row, or None before the first recompute that counted it."""
    return PartyCredibility.objects.filter(party=party).first()


def credibility_last_run() -> CredibilityRun | None:
    """The latest finished recompute (the "last update")."""
    return CredibilityRun.objects.filter(finished_at__isnull=False).order_by("-finished_at", "-id").first()


def credibility_explanation(*, credibility: PartyCredibility) -> list[dict]:
    """The stored explanation entries with each claim's quote, claimant and incident (one query).

    Entries keep their order: reviewed claims (verdicts, resolutions) first, then the inferred ones
    that moved the score most.
    """
    entries = list(credibility.explanation or [])
    claims = Claim.objects.in_bulk([entry["claim"] for entry in entries])
    out = []
    for entry in entries:
        claim = claims.get(entry["claim"])
        out.append(
            {**entry, "quote": claim.quote if claim else "", "stated_at": claim.stated_at if claim else None}
        )
    return out


def parties_by_reliability(
    *, start: datetime, end: datetime, min_claims: int = 3, limit: int = 5
) -> dict[str, list[dict]]:
    """Most and least reliable parties among those with at least ``min_claims`` claims in [start, end).

    Two queries (top and bottom), each one aggregate over the period's non-rejected claims joined to
    the stored scores.
    """
    rows = (
        PartyCredibility.objects.filter(claims_counted__gt=0)
        .annotate(
            period_claims=Count(
                "party__claims",
                filter=Q(party__claims__stated_at__gte=start, party__claims__stated_at__lt=end)
                & ~Q(party__claims__status=ClaimStatus.REJECTED),
            )
        )
        .filter(period_claims__gte=min_claims)
        .values(
            "party_id",
            "party__name",
            "party__side",
            "score",
            "claims_counted",
            "confirmed",
            "refuted",
            "period_claims",
            "computed_at",
        )
    )
    most = list(rows.order_by("-score", "party__name")[:limit])
    least = list(rows.order_by("score", "party__name")[:limit])
    return {"most": [_row(r) for r in most], "least": [_row(r) for r in least]}


def _row(row: dict) -> dict:
    return {
        "party": row["party_id"],
        "name": row["party__name"],
        "side": row["party__side"],
        "score": row["score"],
        "claims_counted": row["claims_counted"],
        "confirmed": row["confirmed"],
        "refuted": row["refuted"],
        "period_claims": row["period_claims"],
        "computed_at": row["computed_at"],
    }
