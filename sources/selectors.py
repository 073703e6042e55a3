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


def party_list() -> QuerySet[Party]:
    """Every party (reference data, public to all callers)."""
    return Party.objects.all()


def party_subtree_ids(*, party: Party) -> QuerySet:
    """Ids of ``party`` and everything under it (one indexed prefix match on the materialized path)."""
    if not party.tree_path:
        return Party.objects.filter(pk=party.pk).values("pk")
    return Party.objects.filter(tree_path__startswith=party.tree_path).values("pk")


def outlet_list() -> QuerySet[Outlet]:
    return Outlet.objects.all()


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
