"""schema.org ClaimReview JSON-LD, as Google's fact-check documentation and Fact Check Explorer read it.

- ``url`` is the public fact-check page (absolute, on ``FACTCHECK_PUBLIC_BASE_URL``), the page that
  embeds the same JSON-LD;
- ``claimReviewed`` is a short statement of the claim: the reviewer's ``Verdict.claim_reviewed``, else
  the quote trimmed to ``CLAIM_REVIEWED_MAX`` characters (Google: keep it under 75);
- ``author`` is the publishing organisation (``FACTCHECK_ORG_NAME``, ``_URL``, ``_LOGO``);
- ``itemReviewed`` is the Claim: its ``author`` (the claimant, with ``sameAs`` where the party has
  one), ``datePublished`` (when it was stated), ``appearance`` (every article that carried it) and
  ``firstAppearance`` (the earliest of them);
- ``reviewRating`` carries the verdict's words as ``alternateName`` only: the ratings are words, not
  points on a scale, so no ``ratingValue``/``bestRating``/``worstRating`` pretends otherwise.

The feed is a ``DataFeed`` whose ``dataFeedElement`` are ClaimReviews.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse

from claims.models import Claim, Verdict

CONTEXT = "https://schema.org"
CLAIM_REVIEWED_MAX = 75


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def public_url(path: str) -> str:
    """An absolute address on the public site (``FACTCHECK_PUBLIC_BASE_URL``)."""
    if path.startswith(("http://", "https://")):
        return path
    return settings.FACTCHECK_PUBLIC_BASE_URL.rstrip("/") + "/" + path.lstrip("/")


def fact_check_url(*, verdict_id: int) -> str:
    """The public fact-check page of a verdict: ClaimReview's ``url``."""
    return public_url(reverse("public:fact-check", kwargs={"pk": verdict_id}))


def organisation() -> dict[str, Any]:
    """The organisation publishing the fact checks, from the settings."""
    logo = settings.FACTCHECK_ORG_LOGO or public_url(static("public/logo.svg"))
    return {
        "@type": "Organization",
        "name": settings.FACTCHECK_ORG_NAME,
        "url": settings.FACTCHECK_ORG_URL,
        "logo": {"@type": "ImageObject", "url": logo},
    }


def trimmed(text: str, limit: int = CLAIM_REVIEWED_MAX) -> str:
    """``text`` on one line, cut at a word boundary with an ellipsis when over ``limit`` characters."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.-–") + "…"


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
    where = f" in {claim.place.name}" if claim.place else ""
    if figures:
        return f"{', '.join(figures)}{where}"
    if claim.act:
        return f"{claim.get_kind_display()}: {claim.act}{where}"
    return f"{claim.get_kind_display()}{where}"


def claim_reviewed(verdict: Verdict) -> str:
    """The short statement of the claim: the reviewer's words, else the claim's text trimmed."""
    return verdict.claim_reviewed.strip() or trimmed(claim_text(verdict.claim))


def _author(party) -> dict[str, Any]:
    kind = "Person" if party.kind == "official" else "Organization"
    author: dict[str, Any] = {"@type": kind, "name": party.name}
    if party.same_as:
        author["sameAs"] = party.same_as
    return author


def _creative_work(article) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "CreativeWork"}
    if article.url:
        work["url"] = article.url
    if article.title:
        work["headline"] = article.title
    if article.published_at:
        work["datePublished"] = _iso(article.published_at)
    if article.outlet_id:
        work["publisher"] = {"@type": "Organization", "name": article.outlet.name}
    return work


def claim_review_jsonld(verdict: Verdict, *, appearances: list) -> dict[str, Any]:
    """The ClaimReview of a verdict (``verdict.claim`` loaded with claimant, place, article and outlet).

    ``appearances`` are the articles that carried the claim, first appearance first
    (``public.selectors.claim_appearances``).
    """
    claim = verdict.claim
    item: dict[str, Any] = {
        "@type": "Claim",
        "author": _author(claim.claimant),
        "datePublished": _iso(claim.stated_at),
    }
    if appearances:
        item["appearance"] = [_creative_work(article) for article in appearances]
        item["firstAppearance"] = _creative_work(appearances[0])
    if claim.place:
        item["spatialCoverage"] = {"@type": "Place", "name": claim.place.name}
        if claim.event_start:
            item["contentReferenceTime"] = _iso(claim.event_start)
    review: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "ClaimReview",
        "url": fact_check_url(verdict_id=verdict.pk),
        "claimReviewed": claim_reviewed(verdict),
        "datePublished": _iso(verdict.created_at),
        "dateModified": _iso(verdict.updated_at),
        "author": organisation(),
        "reviewRating": {"@type": "Rating", "alternateName": verdict.get_rating_display()},
        "itemReviewed": item,
    }
    if verdict.summary:
        review["reviewBody"] = verdict.summary
    if verdict.evidence_links:
        review["citation"] = list(verdict.evidence_links)
    return review


def claim_review_feed_jsonld(
    verdicts: list[Verdict], *, appearances: dict[int, list], url: str
) -> dict[str, Any]:
    """A page of the feed: a schema.org DataFeed of ClaimReviews (the next page is in the Link header)."""
    reviews = []
    for verdict in verdicts:
        review = claim_review_jsonld(verdict, appearances=appearances.get(verdict.claim_id, []))
        review.pop("@context")
        reviews.append(review)
    feed: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "DataFeed",
        "name": f"{settings.FACTCHECK_ORG_NAME} fact checks",
        "url": url,
        "publisher": organisation(),
        "dataFeedElement": reviews,
    }
    if verdicts:
        feed["dateModified"] = _iso(max(verdict.updated_at for verdict in verdicts))
    return feed
