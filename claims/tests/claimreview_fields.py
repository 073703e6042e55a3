"""The ClaimReview fields Google's fact-check documentation lists and Fact Check Explorer reads, as a
checker that names every problem (used by the API tests, the page tests and the browser test).

Google (Search Central, "Fact check (ClaimReview) structured data"): required claimReviewed,
reviewRating (with alternateName) and url (on the same site as the page that carries the markup);
recommended author (the fact-checking organisation: name, url), datePublished, itemReviewed (a Claim
with author, datePublished, appearance and firstAppearance).  claimReviewed should stay under 75
characters and must not carry the rating.  Fact Check Explorer shows the claim (claimReviewed), who
made it (itemReviewed.author.name) and when (itemReviewed.datePublished), the publisher
(author.name, author.url), the rating words (reviewRating.alternateName), the date and the link (url).
"""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlsplit

CLAIM_REVIEWED_RECOMMENDED_MAX = 75


def _is_iso(value) -> bool:
    if not isinstance(value, str) or not value:
        return False
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def _absolute(value) -> bool:
    parts = urlsplit(value) if isinstance(value, str) else None
    return bool(parts and parts.scheme in ("http", "https") and parts.netloc)


def _creative_work_problems(work, where: str) -> list[str]:
    if isinstance(work, str):
        return [] if _absolute(work) else [f"{where} is not an absolute URL"]
    if not isinstance(work, dict) or work.get("@type") != "CreativeWork":
        return [f"{where} is not a CreativeWork"]
    problems = [] if _absolute(work.get("url")) else [f"{where}.url is missing or not absolute"]
    if "datePublished" in work and not _is_iso(work["datePublished"]):
        problems.append(f"{where}.datePublished is not an ISO 8601 date")
    return problems


def claimreview_problems(review: dict, *, site: str | None = None, embedded: bool = False) -> list[str]:
    """Every way ``review`` falls short of the field list; empty when it meets it.

    ``site``: the base URL the review's ``url`` must be on (Google refuses a url on another domain).
    ``embedded``: an element of a feed, which takes its ``@context`` from the feed.
    """
    problems: list[str] = []
    if not embedded and review.get("@context") not in ("https://schema.org", "http://schema.org"):
        problems.append("@context is not schema.org")
    if review.get("@type") != "ClaimReview":
        problems.append("@type is not ClaimReview")

    statement = review.get("claimReviewed")
    rating = review.get("reviewRating") or {}
    words = rating.get("alternateName")
    if not isinstance(statement, str) or not statement.strip():
        problems.append("claimReviewed is missing")
    elif len(statement) > CLAIM_REVIEWED_RECOMMENDED_MAX:
        problems.append(f"claimReviewed is {len(statement)} characters (keep it under 75)")
    if not isinstance(words, str) or not words.strip():
        problems.append("reviewRating.alternateName is missing")
    if rating.get("@type") != "Rating":
        problems.append("reviewRating is not a Rating")
    if "ratingValue" in rating and not all(k in rating for k in ("bestRating", "worstRating")):
        problems.append("a numeric ratingValue without its scale (bestRating, worstRating)")

    url = review.get("url")
    if not _absolute(url):
        problems.append("url is missing or not absolute")
    elif site and urlsplit(url).netloc != urlsplit(site).netloc:
        problems.append(f"url {url} is not on the public site {site}")

    author = review.get("author") or {}
    if author.get("@type") != "Organization" or not author.get("name"):
        problems.append("author is not an Organization with a name")
    if not _absolute(author.get("url")):
        problems.append("author.url is missing or not absolute")
    if not _is_iso(review.get("datePublished")):
        problems.append("datePublished is not an ISO 8601 date")

    item = review.get("itemReviewed") or {}
    if item.get("@type") != "Claim":
        problems.append("itemReviewed is not a Claim")
    claimant = item.get("author") or {}
    if claimant.get("@type") not in ("Person", "Organization") or not claimant.get("name"):
        problems.append("itemReviewed.author is not a Person or Organization with a name")
    if "sameAs" in claimant and not _absolute(claimant["sameAs"]):
        problems.append("itemReviewed.author.sameAs is not an absolute URL")
    if not _is_iso(item.get("datePublished")):
        problems.append("itemReviewed.datePublished is not an ISO 8601 date")
    appearances = item.get("appearance")
    if not appearances:
        problems.append("itemReviewed.appearance is missing")
    else:
        for i, work in enumerate(appearances if isinstance(appearances, list) else [appearances]):
            problems += _creative_work_problems(work, f"itemReviewed.appearance[{i}]")
    if "firstAppearance" not in item:
        problems.append("itemReviewed.firstAppearance is missing")
    else:
        problems += _creative_work_problems(item["firstAppearance"], "itemReviewed.firstAppearance")
    return problems
