"""Reads of the contradiction checks' state: which claims await their check, and since when.

A claim awaits its check exactly while it has a ``ClaimCheckPending`` row (see that model); the beat
sweep, the rescan's bookkeeping, the ``detect_contradictions`` command and the admin read it here.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.db.models import Exists, F, OuterRef, QuerySet
from django.utils import timezone

from claims.models import Claim, ClaimCheckPending


def claim_awaiting_check(*, claim_id: int) -> datetime | None:
    """The change a claim's pending check is for (its ``changed_at`` then), or None if none is pending."""
    return ClaimCheckPending.objects.filter(claim_id=claim_id).values_list("changed_at", flat=True).first()


def claims_awaiting_check(*, older_than: timedelta = timedelta(0), limit: int = 10_000) -> list[int]:
    """Ids of the claims awaiting their check, oldest change first (what the sweep re-enqueues).

    ``older_than`` leaves alone claims changed so recently that their own check is still on its way.
    Served by the pending table's index on ``changed_at``.
    """
    cutoff = timezone.now() - older_than
    return list(
        ClaimCheckPending.objects.filter(changed_at__lte=cutoff)
        .order_by("changed_at")
        .values_list("claim_id", flat=True)[:limit]
    )


def claims_any_awaiting_check() -> bool:
    """Whether any claim awaits its check (a rescan then does the checks' bookkeeping too)."""
    return ClaimCheckPending.objects.exists()


def claim_awaits_check() -> Exists:
    """A filter for claim querysets: the claim awaits its check (``Claim.objects.filter(claim_awaits_check())``)."""
    return Exists(ClaimCheckPending.objects.filter(claim_id=OuterRef("pk")))


def claims_with_check_state(claims: QuerySet[Claim]) -> QuerySet[Claim]:
    """``claims`` with ``awaiting_check_since`` (the change the pending check is for, None when checked)
    read in the same query, for lists that show it without a query per row."""
    return claims.annotate(awaiting_check_since=F("check_pending__changed_at"))


def claims_said_again_after(*, claim_ids: Iterable[int]) -> list[int]:
    """Ids of the later claims (higher id) of the same article and kind as any of ``claim_ids``.

    A statement repeated in one article is paired only through its first mention, so when a first
    mention changes (edited, rejected, restored) the claims after it may stop or start being repeats:
    they are checked again with it.  One query, through the article foreign-key index.
    """
    changed = Claim.objects.filter(pk__in=list(claim_ids))
    earlier = changed.filter(article_id=OuterRef("article_id"), kind=OuterRef("kind"), pk__lt=OuterRef("pk"))
    # Driven from the changed claims' articles (a few dozen claims each), never a scan of all claims.
    same_articles = Claim.objects.filter(
        article_id__in=changed.exclude(article__isnull=True).values("article_id")
    )
    return list(same_articles.filter(Exists(earlier)).values_list("pk", flat=True))
