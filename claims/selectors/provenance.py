"""Which articles, parties and outlets a caller may see: provenance rows are visible through the claims
the caller may see (``claims.selectors.visibility``), so another partner's unpublished article names
no outlet, speaker or article to anyone else."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from claims.models import Claim, ClaimStatus
from claims.selectors.visibility import claim_visible_q
from sources.models import Article, Outlet, Party
from sources.selectors import REFERENCE_PARTIES


def articles_visible(*, partner=None, is_staff: bool = False) -> QuerySet[Article]:
    """Articles a caller may see: staff see all; a partner sees articles no partner submitted, its own
    submissions, and another partner's submission only once one of its claims is published."""
    articles = Article.objects.all()
    if is_staff:
        return articles
    published = Exists(Claim.objects.filter(article=OuterRef("pk"), status=ClaimStatus.VERIFIED))
    own = Q(submitted_by=partner) if partner is not None else Q(pk__in=[])
    return articles.filter(Q(submitted_by__isnull=True) | own | published)


def article_list(*, partner=None, is_staff: bool = False) -> QuerySet[Article]:
    """The article list: metadata only (the body is deferred; it is on the detail)."""
    return articles_visible(partner=partner, is_staff=is_staff).defer("body")


def parties_visible(*, partner=None, is_staff: bool = False) -> QuerySet[Party]:
    """Parties a caller may see: staff all; others the reference parties (confirmed by a reviewer or
    loaded with the gazetteer) and the ones the extractor created (``needs_review``) only through a
    claim they may see, so a speaker named in another partner's unpublished article stays hidden."""
    parties = Party.objects.all()
    if is_staff:
        return parties
    seen = Claim.objects.filter(claim_visible_q(partner=partner))
    in_a_role = Q()
    for role in ("claimant", "relayed_by", "accused", "controller"):
        in_a_role |= Q(**{role: OuterRef("pk")})
    # One EXISTS over the four roles (PostgreSQL ORs their indexes): a quarter of the compile time of
    # four, paid on every request that names a party.
    return parties.filter(REFERENCE_PARTIES | Exists(seen.filter(in_a_role)))


def party_list(*, partner=None, is_staff: bool = False) -> QuerySet[Party]:
    """The parties a caller may see (``parties_visible``), reference data for every list."""
    return parties_visible(partner=partner, is_staff=is_staff)


def outlets_visible(*, partner=None, is_staff: bool = False) -> QuerySet[Outlet]:
    """Outlets a caller may see: staff all; others the outlets with no article (reference data) or
    with at least one article they may see, so an outlet named only by another partner's unpublished
    article stays hidden."""
    outlets = Outlet.objects.all()
    if is_staff:
        return outlets
    any_article = Exists(Article.objects.filter(outlet=OuterRef("pk")))
    seen = Exists(articles_visible(partner=partner).filter(outlet=OuterRef("pk")))
    return outlets.filter(~any_article | seen)


def outlet_list(*, partner=None, is_staff: bool = False) -> QuerySet[Outlet]:
    """The outlets a caller may see (``outlets_visible``), reference data for every list."""
    return outlets_visible(partner=partner, is_staff=is_staff)
