"""Who may see which claims, verdicts and incidents: the one visibility rule, in one place.

The one visibility rule, which every path by which data leaves the server applies (lists, details,
filters, aggregates, explanations, reports, webhooks):

- **published** means a verified claim; a contradiction is published when both its claims are; a
  verdict when its claim is.  Shared artefacts (reports, the incident figures partners read, webhook
  payloads beyond the receiving partner's own rows) are built over published data only.
- **visible** to a partner: what is published, plus the claims it submitted and the claims extracted
  from the articles it submitted; never another partner's unpublished rows.  Staff see everything;
  anyone else (which the API never lets through) sees published data only.
- **shareable** (what may feed an aggregate every caller reads, such as the credibility scores and
  most likely figures): published claims and the house's own claims (no partner submitted them or their
  article), never a partner's unpublished submission.

Parties, outlets and articles follow from it (``sources.selectors``): a row created from a partner's
unpublished article is visible only through a claim the caller may see.

The withdrawals a sync reads (``claims.selectors.claims``) follow from the same rule.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from claims.models import Claim, ClaimStatus, Incident, Verdict
from partners.auth import partner_may_have_submissions
from sources.models import Article


def claim_published_q(*, prefix: str = "") -> Q:
    """A ``Q`` selecting published (verified) claims; ``prefix`` targets a relation, e.g. ``"claim__"``."""
    return Q(**{f"{prefix}status": ClaimStatus.VERIFIED})


def claim_shareable_q(*, prefix: str = "") -> Q:
    """A ``Q`` selecting claims that may feed an aggregate every caller reads: published ones and the
    house's own (neither the claim nor its article submitted by a partner)."""
    house = Q(**{f"{prefix}submitted_by__isnull": True}) & ~Q(
        **{f"{prefix}article__in": Article.objects.filter(submitted_by__isnull=False).values("pk")}
    )
    return claim_published_q(prefix=prefix) | house


#: The same rule as ``claim_shareable_q`` for raw SQL over ``claims_claim`` aliased ``c``.
CLAIM_SHAREABLE_SQL = (
    "(c.status = 'verified' OR (c.submitted_by_id IS NULL AND NOT EXISTS ("
    "SELECT 1 FROM sources_article sa WHERE sa.id = c.article_id AND sa.submitted_by_id IS NOT NULL)))"
)


def claim_visible_q(*, partner=None, prefix: str = "") -> Q:
    """A ``Q`` selecting claims a partner may see; ``prefix`` targets a relation, e.g. ``"claim_a__"``."""
    published = claim_published_q(prefix=prefix)
    if partner is None or not partner_may_have_submissions(partner):
        return published
    own_articles = Article.objects.filter(submitted_by=partner).values("pk")
    return published | Q(**{f"{prefix}submitted_by": partner}) | Q(**{f"{prefix}article__in": own_articles})


def claims_visible(*, partner=None, is_staff: bool = False) -> QuerySet[Claim]:
    """Every claim the caller may see, unfiltered and without joins."""
    if is_staff:
        return Claim.objects.all()
    return Claim.objects.filter(claim_visible_q(partner=partner))


def verdicts_visible(*, partner=None, is_staff: bool = False) -> QuerySet[Verdict]:
    """Verdicts on claims the caller may see; a withdrawn verdict is no longer published, so only staff
    see it (partners read it as a withdrawal, ``verdicts_withdrawn``)."""
    verdicts = Verdict.objects.all()
    if is_staff:
        return verdicts
    return verdicts.filter(claim_visible_q(partner=partner, prefix="claim__"), withdrawn=False)


def claims_published() -> QuerySet[Claim]:
    """Published claims: what shared artefacts (reports) are built over."""
    return Claim.objects.filter(claim_published_q())


def incidents_visible(*, partner=None, is_staff: bool = False) -> QuerySet[Incident]:
    """Incidents the caller sees through at least one claim it may see (staff: all)."""
    if is_staff:
        return Incident.objects.all()
    seen = claims_visible(partner=partner).filter(incident=OuterRef("pk"))
    return Incident.objects.filter(Exists(seen))
