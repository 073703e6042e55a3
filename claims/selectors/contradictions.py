"""Reads of contradictions: a partner sees a contradiction only when it may see both of its claims."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from claims.filters import ContradictionFilter
from claims.models import Contradiction
from claims.selectors.claims import _apply_filterset
from claims.selectors.visibility import claim_published_q, claim_visible_q


def contradiction_published_q(*, prefix: str = "") -> Q:
    """A ``Q`` selecting published contradictions: both claims published (``claims.selectors.claims``)."""
    return claim_published_q(prefix=f"{prefix}claim_a__") & claim_published_q(prefix=f"{prefix}claim_b__")


def contradictions_visible(*, partner=None, is_staff: bool = False) -> QuerySet[Contradiction]:
    """Staff: all.  Others: contradictions between two claims they may see (between published claims,
    or involving their own submissions), never one that reveals another partner's unpublished claim."""
    contradictions = Contradiction.objects.all()
    if is_staff:
        return contradictions
    return contradictions.filter(
        claim_visible_q(partner=partner, prefix="claim_a__"),
        claim_visible_q(partner=partner, prefix="claim_b__"),
    )


def contradiction_list(
    *, partner=None, is_staff: bool = False, filters=None, request=None
) -> QuerySet[Contradiction]:
    """Contradictions for a list (relations as ids, no joins), optionally filtered by ``ContradictionFilter``."""
    contradictions = contradictions_visible(partner=partner, is_staff=is_staff)
    if filters is not None:
        contradictions = _apply_filterset(ContradictionFilter, filters, contradictions, request)
    return contradictions
