"""What review has published, and the reads behind the public pages and the ClaimReview feed.

**Published** (the one rule every public reader goes through; the partner API will share it):

- a claim is published when a reviewer verified it (``published_claims``);
- a contradiction is published when a reviewer confirmed it (an open dispute) or resolved it (a
  settled one), and both of its claims are published (``published_contradictions``);
- a verdict is published when the claim it rates is published (``published_verdicts``);
- an incident is shown when at least one of its claims is published and it was not merged into
  another (``published_incidents``); only its published claims and contradictions are shown.

Nothing else (extracted or pending claims, open or dismissed contradictions, verdicts on unverified
claims, partners' submissions) reaches a public page.  Every read below runs a fixed number of queries
whatever the number of claims, sources or disputes (pinned in ``public/tests``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from claims.models import (
    Claim,
    ClaimKind,
    ClaimStatus,
    Contradiction,
    ContradictionKind,
    ContradictionStatus,
    Incident,
    Polarity,
    Verdict,
)
from credibility.selectors import related_or_none
from sources.models import Article

#: Contradiction statuses a reader sees: confirmed (the dispute stands) and resolved (settled).
PUBLISHED_CONTRADICTION_STATUSES = (ContradictionStatus.CONFIRMED, ContradictionStatus.RESOLVED)


def published_claim_q(prefix: str = "") -> Q:
    """The ``Q`` of a published claim; ``prefix`` targets a relation, e.g. ``"claim_a__"``."""
    return Q(**{f"{prefix}status": ClaimStatus.VERIFIED})


def published_claims() -> QuerySet[Claim]:
    """Claims a reviewer verified."""
    return Claim.objects.filter(published_claim_q())


def published_contradictions() -> QuerySet[Contradiction]:
    """Confirmed or resolved contradictions between two published claims ("update" is not a dispute)."""
    return (
        Contradiction.objects.filter(status__in=PUBLISHED_CONTRADICTION_STATUSES)
        .exclude(kind=ContradictionKind.UPDATE)
        .filter(published_claim_q("claim_a__"), published_claim_q("claim_b__"))
    )


def published_verdicts() -> QuerySet[Verdict]:
    """Verdicts on published claims."""
    return Verdict.objects.filter(published_claim_q("claim__"))


def published_incidents() -> QuerySet[Incident]:
    """Incidents with at least one published claim, not merged into another."""
    shown = published_claims().filter(incident=OuterRef("pk"))
    return Incident.objects.filter(Exists(shown), merged_into__isnull=True)


# --- fact checks --------------------------------------------------------------------------------


def fact_checks() -> QuerySet[Verdict]:
    """Published verdicts with everything a fact-check page or a ClaimReview needs, in one query."""
    return published_verdicts().select_related(
        "claim",
        "claim__claimant",
        "claim__article",
        "claim__article__outlet",
        "claim__place",
        "claim__incident",
        "claim__incident__conflict",
    )


def _same_statement_key(claim: Claim) -> tuple:
    return (
        claim.claimant_id,
        claim.incident_id,
        claim.kind,
        claim.polarity,
        claim.victim_group,
        claim.killed_min,
        claim.killed_max,
        claim.wounded_min,
        claim.wounded_max,
        claim.accused_id,
        claim.controller_id,
        claim.place_id if claim.kind == ClaimKind.CONTROL else None,
    )


def claim_appearances(claims: Iterable[Claim]) -> dict[int, list[Article]]:
    """Per claim id, every article that carried the claim, first appearance first: its own article and
    the articles of other published claims that repeat or relay the same statement (same claimant,
    incident, kind and figures, accused or controller).  One query for any number of claims; a claim
    without an incident is matched only to its own article.  Articles need ``outlet`` loaded."""
    claims = list(claims)
    out: dict[int, list[Article]] = {
        claim.pk: [claim.article] if claim.article is not None else [] for claim in claims
    }
    grouped = [claim for claim in claims if claim.incident_id]
    if grouped:
        keys = defaultdict(list)
        for claim in grouped:
            keys[_same_statement_key(claim)].append(claim)
        others = (
            published_claims()
            .filter(
                incident_id__in={c.incident_id for c in grouped},
                claimant_id__in={c.claimant_id for c in grouped},
                article__isnull=False,
            )
            .exclude(pk__in=[c.pk for c in grouped])
            .select_related("article", "article__outlet")
            .order_by("article__published_at", "article_id")
        )
        for other in others:
            for claim in keys.get(_same_statement_key(other), []):
                article = other.article  # never None: the query asks for an article
                if article is not None and all(a.pk != article.pk for a in out[claim.pk]):
                    out[claim.pk].append(article)
    for articles in out.values():
        articles.sort(key=lambda a: (a.published_at is None, a.published_at or a.created_at, a.pk))
    return out


def fact_check_get(*, verdict_id: int) -> Verdict | None:
    """One published verdict with its claim loaded, and ``appearances`` set on it (two queries)."""
    verdict = fact_checks().filter(pk=verdict_id).first()
    if verdict is None:
        return None
    # Read by the fact-check page and its template; not a model field.
    verdict.appearances = claim_appearances([verdict.claim])[verdict.claim_id]  # type: ignore[attr-defined]
    return verdict


# --- incidents ----------------------------------------------------------------------------------


@dataclass
class FigureRow:
    """Killed and wounded over one victim group's sources: min–max, as Airwars publishes it."""

    victim_group: str
    label: str
    killed_low: int | None = None
    killed_high: int | None = None
    killed_open: bool = False
    wounded_low: int | None = None
    wounded_high: int | None = None
    wounded_open: bool = False
    sources: int = 0
    killed_text: str = ""
    wounded_text: str = ""


@dataclass
class IncidentPage:
    incident: Incident
    claims: list[Claim]
    figures: list[FigureRow]
    open_disputes: list[Contradiction]
    settled_disputes: list[Contradiction]
    estimate: object | None
    claimants: list[str] = field(default_factory=list)
    blames: list[tuple[str, str]] = field(default_factory=list)

    @property
    def killed_conservative(self) -> int | None:
        """The lowest killed figure any published source gave (ACLED's conservative figure)."""
        lows = [row.killed_low for row in self.figures if row.killed_low is not None]
        return min(lows) if lows else None


def _widen(low, high, is_open, claim_low, claim_high):
    if claim_low is None:
        return low, high, is_open
    top = claim_high if claim_high is not None else claim_low
    return (
        claim_low if low is None else min(low, claim_low),
        top if high is None else max(high, top),
        is_open or claim_high is None,
    )


def incident_figures(claims: Iterable[Claim]) -> list[FigureRow]:
    """Killed and wounded min–max per victim group over asserting casualty claims (no query)."""
    rows: dict[str, FigureRow] = {}
    for claim in claims:
        if claim.kind != ClaimKind.CASUALTY or claim.polarity != Polarity.ASSERTS:
            continue
        row = rows.setdefault(
            claim.victim_group,
            FigureRow(victim_group=claim.victim_group, label=claim.get_victim_group_display()),
        )
        row.sources += 1
        row.killed_low, row.killed_high, row.killed_open = _widen(
            row.killed_low, row.killed_high, row.killed_open, claim.killed_min, claim.killed_max
        )
        row.wounded_low, row.wounded_high, row.wounded_open = _widen(
            row.wounded_low, row.wounded_high, row.wounded_open, claim.wounded_min, claim.wounded_max
        )
    return sorted(rows.values(), key=lambda r: r.label)


def incident_page_get(*, incident_id: int) -> IncidentPage | None:
    """An incident as a reader sees it, in three queries: the incident (place, estimate), its published
    claims (claimant, relay, article and outlet, verdict), and its published disputes."""
    incident = (
        published_incidents().select_related("place", "estimate", "conflict").filter(pk=incident_id).first()
    )
    if incident is None:
        return None
    claims = list(
        published_claims()
        .filter(incident=incident)
        .select_related("claimant", "relayed_by", "accused", "controller", "article__outlet", "verdict")
        .order_by("stated_at", "id")
    )
    disputes = list(
        published_contradictions()
        .filter(Q(claim_a__incident=incident) | Q(claim_b__incident=incident) | Q(incident=incident))
        .select_related("claim_a__claimant", "claim_b__claimant", "holding_claim__claimant")
        .order_by("-reviewed_at", "-id")
    )
    claimants = sorted({claim.claimant.name for claim in claims})
    blames = [
        (claim.claimant.name, claim.accused.name)
        for claim in claims
        if claim.kind == ClaimKind.ACCUSATION
        and claim.accused is not None
        and claim.polarity == Polarity.ASSERTS
    ]
    return IncidentPage(
        incident=incident,
        claims=claims,
        figures=incident_figures(claims),
        open_disputes=[d for d in disputes if d.status == ContradictionStatus.CONFIRMED],
        settled_disputes=[d for d in disputes if d.status == ContradictionStatus.RESOLVED],
        estimate=related_or_none(incident, "estimate"),
        claimants=claimants,
        blames=blames,
    )


# --- index --------------------------------------------------------------------------------------

INDEX_INCIDENTS = 200
INDEX_FACT_CHECKS = 50


def index_incidents(*, limit: int = INDEX_INCIDENTS) -> list[Incident]:
    """The latest incidents with published claims, newest event first, each with ``published_count``
    (one query)."""
    return list(
        published_incidents()
        .select_related("place", "conflict")
        .annotate(published_count=Count("claims", filter=published_claim_q("claims__")))
        .order_by("-window_start", "-id")[:limit]
    )


def index_fact_checks(*, limit: int = INDEX_FACT_CHECKS) -> list[Verdict]:
    """The latest published verdicts, newest first (one query)."""
    return list(fact_checks().order_by("-created_at", "-id")[:limit])
