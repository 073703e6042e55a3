"""schema.org ClaimReview JSON-LD for verified claims that carry a verdict.

The claim's claimant is the reviewed Claim's ``author``, the article that carried it its
``appearance``, and the verdict's label the rating's ``alternateName`` (1 = False ... 5 = Accurate).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse

from claims.models import VERDICT_RATING_VALUES, Claim

BEST_RATING = max(VERDICT_RATING_VALUES.values())
WORST_RATING = min(VERDICT_RATING_VALUES.values())
ORGANISATION_NAME = "factcheck"


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def claim_review_url(*, claim_id: int, base_url: str | None = None) -> str:
    base = (base_url or settings.FACTCHECK_BASE_URL).rstrip("/")
    return base + reverse("api:claim-claimreview", kwargs={"version": "v1", "pk": claim_id})


def _appearance(claim: Claim) -> list[dict[str, Any]]:
    article = claim.article
    if article is None:
        return []
    work: dict[str, Any] = {"@type": "CreativeWork"}
    if article.url:
        work["url"] = article.url
    if article.title:
        work["headline"] = article.title
    if article.published_at:
        work["datePublished"] = _iso(article.published_at)
    if article.outlet_id:
        work["publisher"] = {"@type": "Organization", "name": article.outlet.name}
    return [work]


def _author(party) -> dict[str, Any]:
    kind = "Person" if party.kind == "official" else "Organization"
    return {"@type": kind, "name": party.name}


def claim_text(claim: Claim) -> str:
    """What was claimed, in words: the quote when there is one, else a sentence from the typed fields."""
    if claim.quote:
        return claim.quote
    figures = []
    for label, low, high in (
        ("killed", claim.killed_min, claim.killed_max),
        ("wounded", claim.wounded_min, claim.wounded_max),
    ):
        if low is not None:
            figures.append(
                f"{low if high == low else f'at least {low}' if high is None else f'{low}-{high}'} {label}"
            )
    where = f" in {claim.place.name}" if claim.place_id else ""
    if figures:
        return f"{', '.join(figures)}{where}"
    if claim.act:
        return f"{claim.get_kind_display()}: {claim.act}{where}"
    return f"{claim.get_kind_display()}{where}"


def claim_review_jsonld(claim: Claim, *, base_url: str | None = None) -> dict[str, Any]:
    """The ClaimReview of ``claim`` (loaded with verdict, claimant, article and its outlet, place)."""
    verdict = claim.verdict
    item: dict[str, Any] = {
        "@type": "Claim",
        "author": _author(claim.claimant),
        "datePublished": _iso(claim.stated_at),
        "appearance": _appearance(claim),
    }
    if claim.place_id:
        item["contentReferenceTime"] = _iso(claim.event_start) if claim.event_start else None
        item["spatialCoverage"] = {"@type": "Place", "name": claim.place.name}
    item = {k: v for k, v in item.items() if v is not None}
    url = claim_review_url(claim_id=claim.pk, base_url=base_url)
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": claim_text(claim),
        "datePublished": _iso(verdict.created_at),
        "dateModified": _iso(verdict.updated_at),
        "author": {"@type": "Organization", "name": ORGANISATION_NAME, "url": settings.FACTCHECK_BASE_URL},
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": verdict.rating_value,
            "bestRating": BEST_RATING,
            "worstRating": WORST_RATING,
            "alternateName": verdict.get_rating_display(),
        },
        "itemReviewed": item,
        **({"reviewBody": verdict.summary} if verdict.summary else {}),
        **({"citation": list(verdict.evidence_links)} if verdict.evidence_links else {}),
    }
