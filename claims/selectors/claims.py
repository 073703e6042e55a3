"""Reads of claims, verdicts and incidents, with who-may-see-what in one place.

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
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.text import smart_split, unescape_string_literal

from claims.models import Claim, ClaimStatus, Incident, Verdict
from partners.auth import partner_may_have_submissions
from sources.models import Article, Party


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


def claim_list(*, partner=None, is_staff: bool = False, filters=None, request=None) -> QuerySet[Claim]:
    """Claims for a list.  The API reads them as rows (``.values()``, which ignores ``select_related``)
    and adds the claimant's, accused's, controller's and place's names and sides with one query per
    related model (``LeanModelSerializer.fill_related``); callers that read instances get the same
    relations selected.

    With ``filters`` (a dict or QueryDict of ``ClaimFilter`` parameters) the FilterSet is applied here
    and a ``ValidationError`` names any bad parameter, so the admin and reports read through the
    same door as the API.
    """
    claims = claims_visible(partner=partner, is_staff=is_staff).select_related(
        "claimant", "relayed_by", "accused", "controller", "place"
    )
    if filters is not None:
        from claims.filters import ClaimFilter

        claims = _apply_filterset(ClaimFilter, filters, claims, request)
    return claims


def claim_detail_queryset(*, partner=None, is_staff: bool = False) -> QuerySet[Claim]:
    """Claims for the detail view, with the verdict and the named relations joined in."""
    return claims_visible(partner=partner, is_staff=is_staff).select_related(
        "verdict", "claimant", "relayed_by", "accused", "controller", "place"
    )


def claims_for_claimreview(*, partner=None, is_staff: bool = False) -> QuerySet[Claim]:
    """Verified claims with a verdict, with everything ClaimReview JSON-LD needs in one query."""
    return (
        claims_visible(partner=partner, is_staff=is_staff)
        .filter(status=ClaimStatus.VERIFIED, verdict__isnull=False, verdict__withdrawn=False)
        .select_related("verdict", "claimant", "article", "article__outlet", "place")
    )


def verdicts_visible(*, partner=None, is_staff: bool = False) -> QuerySet[Verdict]:
    """Verdicts on claims the caller may see."""
    verdicts = Verdict.objects.all()
    if is_staff:
        return verdicts
    return verdicts.filter(claim_visible_q(partner=partner, prefix="claim__"))


def claims_published() -> QuerySet[Claim]:
    """Published claims: what shared artefacts (reports) are built over."""
    return Claim.objects.filter(claim_published_q())


def incidents_visible(*, partner=None, is_staff: bool = False) -> QuerySet[Incident]:
    """Incidents the caller sees through at least one claim it may see (staff: all)."""
    if is_staff:
        return Incident.objects.all()
    seen = claims_visible(partner=partner).filter(incident=OuterRef("pk"))
    return Incident.objects.filter(Exists(seen))


def _apply_filterset(filterset_class, data, queryset, request):
    from django.core.exceptions import ValidationError

    filterset = filterset_class(data=data, queryset=queryset, request=request)
    if not filterset.is_valid():
        raise ValidationError(filterset.errors)
    return filterset.qs


def claims_matching_text(queryset: QuerySet[Claim], *, text: str) -> QuerySet[Claim]:
    """Claims whose quote, claimant name or article title contains every word of ``text`` (any case).

    Each word becomes one set of claim ids, the union of three indexed look-ups (the quote's trigram
    index on PostgreSQL, the claimant and article foreign keys), instead of an OR across joined tables,
    which no index can serve and which scanned a million quotes per search.
    """
    for word in smart_split(text):
        word = unescape_string_literal(word) if word[:1] in "\"'" and word[-1:] == word[:1] else word
        if not word:
            continue
        by_quote = Claim.objects.filter(quote__icontains=word).order_by().values("pk")
        by_claimant = (
            Claim.objects.filter(claimant__in=Party.objects.filter(name__icontains=word).values("pk"))
            .order_by()
            .values("pk")
        )
        by_article = (
            Claim.objects.filter(article__in=Article.objects.filter(title__icontains=word).values("pk"))
            .order_by()
            .values("pk")
        )
        queryset = queryset.filter(pk__in=by_quote.union(by_claimant, by_article))
    return queryset
