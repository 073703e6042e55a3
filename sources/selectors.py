"""Reads for provenance data, with the visibility rules the partner API applies."""

from __future__ import annotations

from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone

from sources.models import Article, Feed, Outlet, Party, Place, UrlSubmission


def articles_visible(*, partner=None, is_staff: bool = False) -> QuerySet[Article]:
    """Articles a caller may see: staff see all; a partner sees articles no partner submitted, its own
    submissions, and another partner's submission only once one of its claims is published."""
    from claims.models import Claim, ClaimStatus

    articles = Article.objects.all()
    if is_staff:
        return articles
    published = Exists(Claim.objects.filter(article=OuterRef("pk"), status=ClaimStatus.VERIFIED))
    own = Q(submitted_by=partner) if partner is not None else Q(pk__in=[])
    return articles.filter(Q(submitted_by__isnull=True) | own | published)


def url_submissions_visible(*, partner=None, is_staff: bool = False) -> QuerySet[UrlSubmission]:
    """URL submissions a caller may see: staff see all, a partner only its own."""
    if is_staff:
        return UrlSubmission.objects.all()
    if partner is None:
        return UrlSubmission.objects.none()
    return UrlSubmission.objects.filter(submitted_by=partner)


def article_list(*, partner=None, is_staff: bool = False) -> QuerySet[Article]:
    """The article list: metadata only (the body is deferred; it is on the detail)."""
    return articles_visible(partner=partner, is_staff=is_staff).defer("body")


def parties_visible(*, partner=None, is_staff: bool = False) -> QuerySet[Party]:
    """Parties a caller may see: staff all; others the reference parties (confirmed by a reviewer or
    loaded with the gazetteer) and the ones the extractor created (``needs_review``) only through a
    claim they may see, so a speaker named in another partner's unpublished article stays hidden."""
    from claims.models import Claim
    from claims.selectors.claims import claim_visible_q

    parties = Party.objects.all()
    if is_staff:
        return parties
    seen = Claim.objects.filter(claim_visible_q(partner=partner))
    through = Q()
    for role in ("claimant", "relayed_by", "accused", "controller"):
        through |= Exists(seen.filter(**{role: OuterRef("pk")}))
    return parties.filter(Q(needs_review=False) | through)


def party_list(*, partner=None, is_staff: bool = False) -> QuerySet[Party]:
    """The parties a caller may see (``parties_visible``), reference data for every list."""
    return parties_visible(partner=partner, is_staff=is_staff)


def party_subtree_ids(*, party: Party) -> QuerySet:
    """Ids of ``party`` and everything under it (one indexed prefix match on the materialized path)."""
    if not party.tree_path:
        return Party.objects.filter(pk=party.pk).values("pk")
    return Party.objects.filter(tree_path__startswith=party.tree_path).values("pk")


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
    return outlets_visible(partner=partner, is_staff=is_staff)


def place_list() -> QuerySet[Place]:
    return Place.objects.all()


def feeds_due(*, now=None) -> QuerySet[Feed]:
    """Active feeds whose next poll time has passed (or that were never polled), oldest first."""
    now = now or timezone.now()
    return (
        Feed.objects.filter(active=True)
        .filter(Q(next_poll_at__isnull=True) | Q(next_poll_at__lte=now))
        .order_by(F("next_poll_at").asc(nulls_first=True), "id")
    )
