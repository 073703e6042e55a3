"""Reads of credibility for the API, the admin and the reports (constant queries whatever the page size)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Count, F, Q, QuerySet

from claims.models import ClaimStatus, Incident
from claims.selectors.visibility import claims_visible
from credibility.models import CredibilityRun, PartyCredibility
from sources.models import Party
from sources.selectors import party_side_slugs


def related_or_none(obj, name: str):
    """A reverse one-to-one (``party.credibility``, ``incident.estimate``) or None when there is none."""
    try:
        return getattr(obj, name)
    except ObjectDoesNotExist:
        return None


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


def credibility_explanation(
    *, credibility: PartyCredibility, partner=None, is_staff: bool = True
) -> list[dict]:
    """The stored explanation entries with each claim's quote, claimant and incident (one query).

    Entries keep their order: reviewed claims (verdicts, resolutions) first, then the inferred ones
    that moved the score most.  Only entries about claims the caller may see are kept (the API passes
    its caller; the admin is staff).
    """
    entries = list(credibility.explanation or [])
    claims = claims_visible(partner=partner, is_staff=is_staff).in_bulk([entry["claim"] for entry in entries])
    out = []
    for entry in entries:
        claim = claims.get(entry["claim"])
        if claim is None:
            continue
        out.append(
            {**entry, "quote": claim.quote if claim else "", "stated_at": claim.stated_at if claim else None}
        )
    return out


RELIABILITY_MIN_CLAIMS = 3
RELIABILITY_LIMIT = 5


def parties_by_reliability(
    *,
    start: datetime,
    end: datetime,
    party_path: str = "",
    incident_id: int | None = None,
    min_claims: int = RELIABILITY_MIN_CLAIMS,
    limit: int = RELIABILITY_LIMIT,
    published_only: bool = False,
) -> dict:
    """Most and least reliable parties among those with at least ``min_claims`` claims in [start, end).

    One query: the period's non-rejected (or, with ``published_only``, verified) claims counted per party (narrowed to a party subtree or an
    incident like the report), joined to the stored scores; parties whose score rests on no counted
    claim are left out.  The two lists do not overlap (few parties: the upper and the lower half).
    """
    in_period = Q(party__claims__stated_at__gte=start, party__claims__stated_at__lt=end)
    if published_only:
        # A report (a shared artefact) counts published claims only.
        in_period &= Q(party__claims__status=ClaimStatus.VERIFIED)
    else:
        in_period &= ~Q(party__claims__status=ClaimStatus.REJECTED)
    if incident_id:
        in_period &= Q(party__claims__incident_id=incident_id)
    rows = PartyCredibility.objects.filter(claims_counted__gt=0)
    if party_path:
        rows = rows.filter(party__tree_path__startswith=party_path)
    found = list(
        rows.annotate(period_claims=Count("party__claims", filter=in_period))
        .filter(period_claims__gte=min_claims)
        .order_by("-score", "party__name")
        .values(
            "party_id",
            "party__name",
            "score",
            "claims_counted",
            "confirmed",
            "refuted",
            "period_claims",
            "computed_at",
        )
    )
    # With fewer than 2 * limit parties, the upper half is "most" and the lower half "least".
    split = min(limit, (len(found) + 1) // 2)
    most = found[:split]
    least = list(reversed(found[max(split, len(found) - limit) :]))
    sides = party_side_slugs(party_ids=[r["party_id"] for r in most + least])
    return {
        "min_claims": min_claims,
        "most": [_row(r, sides) for r in most],
        "least": [_row(r, sides) for r in least],
    }


def _row(row: Mapping[str, Any], sides: dict[int, str]) -> dict:
    return {
        "party_id": row["party_id"],
        "party": row["party__name"],
        "side": sides.get(row["party_id"], "unknown"),
        "score": round(row["score"], 3),
        "claims_counted": row["claims_counted"],
        "confirmed": row["confirmed"],
        "refuted": row["refuted"],
        "period_claims": row["period_claims"],
        "computed_at": row["computed_at"].isoformat() if row["computed_at"] else None,
    }
