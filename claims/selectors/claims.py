"""Reads of claims, verdicts and incidents for every way data leaves the server, each through the one
visibility rule of ``claims.selectors.visibility``.

**Withdrawals** (the tombstones an ``updated_since`` sync reads, ``*_withdrawn`` below) follow from the
same rule: a row is withdrawn for a caller when the caller may not see it now (or it was deleted) and
could see it once, which the audit trail (django-simple-history) tells by the same ``Q`` applied to
the row's past versions.  A row the caller never could see (another partner's pending claim, rejected
or deleted) never appears, not even as an id.
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db.models import (
    Case,
    CharField,
    DateTimeField,
    Exists,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest
from django.utils.text import smart_split, unescape_string_literal

from claims.filters import ClaimFilter
from claims.models import Claim, ClaimStatus, Contradiction, Incident, Verdict
from claims.selectors.visibility import (
    claim_visible_q,
    claims_visible,
)
from sources.models import Article, Party


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


def _apply_filterset(filterset_class, data, queryset, request):
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


# --- Withdrawals (tombstones for partner sync) ----------------------------------------------------

#: The columns every ``*_withdrawn`` queryset yields, so one page can merge several of them.
WITHDRAWAL_COLUMNS = ("tomb_id", "tomb_at", "tomb_reason", "tomb_merged_into")


class WithdrawalReason:
    """Why a row left a caller's view (the ``reason`` of a tombstone)."""

    DELETED = "deleted"
    REJECTED = "rejected"
    UNPUBLISHED = "unpublished"
    CLAIM_UNPUBLISHED = "claim_unpublished"
    WITHDRAWN = "withdrawn"
    MERGED = "merged"


def _history(model):
    return model.history.model


def _ever_visible(*, partner, ref: str) -> Exists:
    """Some past version of the claim ``ref`` points at was visible to ``partner`` (the one rule, over
    the claim's audit trail)."""
    past = _history(Claim).objects.filter(claim_visible_q(partner=partner), id=OuterRef(ref))
    return Exists(past)


def _tombstones(queryset: QuerySet, *, at, reason, merged_into=None) -> QuerySet:
    return queryset.annotate(
        tomb_id=F("id"),
        tomb_at=at,
        tomb_reason=reason if not isinstance(reason, str) else Value(reason, output_field=CharField()),
        tomb_merged_into=merged_into if merged_into is not None else Value(None, output_field=IntegerField()),
    )


def _deleted(model, *, ever_visible: Q | Exists | None) -> QuerySet:
    rows = _history(model).objects.filter(history_type="-")
    if ever_visible is not None:
        rows = rows.filter(ever_visible)
    return _tombstones(rows, at=F("history_date"), reason=WithdrawalReason.DELETED)


def claims_withdrawn(*, partner=None, is_staff: bool = False) -> list[QuerySet]:
    """Claims the caller could once see and no longer can: deleted, or (partners) rejected or sent back
    to pending after being published.  Staff see every claim, so only deletions are withdrawals."""
    if is_staff:
        return [_deleted(Claim, ever_visible=None)]
    ever = _ever_visible(partner=partner, ref="id")
    gone = Claim.objects.exclude(claim_visible_q(partner=partner)).filter(ever)
    reason = Case(
        When(status=ClaimStatus.REJECTED, then=Value(WithdrawalReason.REJECTED)),
        default=Value(WithdrawalReason.UNPUBLISHED),
        output_field=CharField(),
    )
    return [_deleted(Claim, ever_visible=ever), _tombstones(gone, at=F("updated_at"), reason=reason)]


def verdicts_withdrawn(*, partner=None, is_staff: bool = False) -> list[QuerySet]:
    """Verdicts withdrawn by review, deleted, or (partners) whose claim is no longer published."""
    withdrawn = Q(withdrawn=True)
    ever = None
    if not is_staff:
        ever = _ever_visible(partner=partner, ref="claim_id")
        withdrawn |= ~claim_visible_q(partner=partner, prefix="claim__")
    gone = Verdict.objects.filter(withdrawn)
    if ever is not None:
        gone = gone.filter(ever)
    reason = Case(
        When(withdrawn=True, then=Value(WithdrawalReason.WITHDRAWN)),
        default=Value(WithdrawalReason.CLAIM_UNPUBLISHED),
        output_field=CharField(),
    )
    at = Greatest(F("updated_at"), F("claim__updated_at"), output_field=DateTimeField())
    return [_deleted(Verdict, ever_visible=ever), _tombstones(gone, at=at, reason=reason)]


def contradictions_withdrawn(*, partner=None, is_staff: bool = False) -> list[QuerySet]:
    """Contradictions deleted, or (partners) no longer between two claims the caller may see though
    both claims once were.  Reviewing a claim touches its contradictions' ``updated_at``."""
    if is_staff:
        return [_deleted(Contradiction, ever_visible=None)]
    ever = _ever_visible(partner=partner, ref="claim_a_id") & _ever_visible(partner=partner, ref="claim_b_id")
    visible = claim_visible_q(partner=partner, prefix="claim_a__") & claim_visible_q(
        partner=partner, prefix="claim_b__"
    )
    gone = Contradiction.objects.exclude(visible).filter(ever)
    return [
        _deleted(Contradiction, ever_visible=ever),
        _tombstones(gone, at=F("updated_at"), reason=WithdrawalReason.CLAIM_UNPUBLISHED),
    ]


def incidents_withdrawn(*, partner=None, is_staff: bool = False) -> list[QuerySet]:
    """Incidents deleted, or (partners) merged into another or left with no claim the caller may see,
    though a claim the caller could see once belonged to them."""
    if is_staff:
        return [_deleted(Incident, ever_visible=None)]
    past_claims = _history(Claim).objects.filter(claim_visible_q(partner=partner), incident_id=OuterRef("id"))
    ever = Exists(past_claims)
    seen_now = claims_visible(partner=partner).filter(incident=OuterRef("pk"))
    gone = Incident.objects.exclude(Exists(seen_now)).filter(ever)
    last_claim_change = (
        Claim.objects.filter(incident=OuterRef("pk"))
        .order_by()
        .values("incident")
        .annotate(at=Max("updated_at"))
    )
    at = Greatest(
        F("updated_at"),
        Coalesce(Subquery(last_claim_change.values("at")[:1]), F("updated_at")),
        output_field=DateTimeField(),
    )
    reason = Case(
        When(merged_into__isnull=False, then=Value(WithdrawalReason.MERGED)),
        default=Value(WithdrawalReason.UNPUBLISHED),
        output_field=CharField(),
    )
    # The incident it went into, when the caller may see that one (else the id would say too much).
    target_seen = claims_visible(partner=partner).filter(incident=OuterRef("merged_into_id"))
    merged_into = Case(
        When(Exists(target_seen), then=F("merged_into_id")), default=None, output_field=IntegerField()
    )
    return [
        _deleted(Incident, ever_visible=ever),
        _tombstones(gone, at=at, reason=reason, merged_into=merged_into),
    ]


def withdrawals_page(
    querysets: list[QuerySet],
    *,
    since: datetime | None,
    after: tuple[datetime, int] | None,
    limit: int,
    until: datetime | None = None,
) -> list[dict]:
    """Up to ``limit`` tombstones from ``querysets`` (``*_withdrawn``), oldest first, at or after
    ``since`` (and at or before ``until``) and strictly after the keyset ``after`` (withdrawn_at, id):
    one query per queryset.

    Ids are unique across the querysets of one kind (a deleted row's id is not in the table), so
    (withdrawn_at, id) orders the merged stream without gaps or repeats.
    """
    rows: list[dict] = []
    for queryset in querysets:
        if since is not None:
            queryset = queryset.filter(tomb_at__gte=since)
        if until is not None:
            queryset = queryset.filter(tomb_at__lte=until)
        if after is not None:
            at, pk = after
            queryset = queryset.filter(Q(tomb_at__gt=at) | Q(tomb_at=at, tomb_id__gt=pk))
        rows += list(queryset.order_by("tomb_at", "tomb_id").values(*WITHDRAWAL_COLUMNS)[:limit])
    rows.sort(key=lambda row: (row["tomb_at"], row["tomb_id"]))
    return rows[:limit]
