"""Reads for provenance data, with the visibility rules the partner API applies."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db.models import Count, F, Max, Prefetch, Q, QuerySet
from django.utils import timezone

from sources.caches import SIDES_CACHE, TIMEZONES
from sources.models import (
    Conflict,
    ConflictSide,
    Feed,
    Party,
    PartySide,
    Place,
    UrlSubmission,
)

UNKNOWN_SIDE_COLOUR = "#6e7781"


@dataclass(frozen=True)
class SideRelations:
    """Every conflict's sides as plain values: which sides oppose which, and which are belligerents.

    The contradiction rules read it (through ``ClaimFacts``) to decide whether two parties are on
    opposing sides of a claim's conflict.
    """

    opponents: dict[int, frozenset[int]]
    labels: dict[int, str]
    slugs: dict[int, str]
    belligerent: frozenset[int]

    def opposed(self, side_a: int | None, side_b: int | None) -> bool:
        return side_a is not None and side_b is not None and side_b in self.opponents.get(side_a, frozenset())


def _sides_signature() -> tuple:
    return tuple(
        Conflict.objects.aggregate(n=Count("id"), changed=Max("updated_at"), sides=Count("sides")).values()
    )


def side_relations() -> SideRelations:
    """The sides of every conflict (one small query to see whether anything changed since last time)."""
    signature = _sides_signature()
    if SIDES_CACHE.get("signature") == signature:
        return SIDES_CACHE["relations"]  # type: ignore[return-value]
    opponents: dict[int, set[int]] = {}
    labels, slugs, belligerent = {}, {}, set()
    for side in ConflictSide.objects.prefetch_related("opposes"):
        labels[side.pk], slugs[side.pk] = side.label, side.slug
        opponents[side.pk] = {other.pk for other in side.opposes.all()}
        if side.kind == ConflictSide.Kind.BELLIGERENT:
            belligerent.add(side.pk)
    relations = SideRelations(
        opponents={pk: frozenset(ids) for pk, ids in opponents.items()},
        labels=labels,
        slugs=slugs,
        belligerent=frozenset(belligerent),
    )
    SIDES_CACHE.update(signature=signature, relations=relations)
    return relations


def conflict_timezone(conflict_id: int | None) -> ZoneInfo:
    """The time zone a conflict's reports are read in (UTC for claims with no conflict); cached per id."""
    if conflict_id not in TIMEZONES:
        # pk=None matches nothing: no conflict reads as UTC below (and is cached like any other id).
        name = Conflict.objects.filter(pk=conflict_id).values_list("timezone", flat=True).first()  # type: ignore[misc]
        try:
            TIMEZONES[conflict_id] = ZoneInfo(name or "UTC")
        except (ValueError, KeyError):
            TIMEZONES[conflict_id] = ZoneInfo("UTC")
    return TIMEZONES[conflict_id]  # type: ignore[return-value]


def conflict_list() -> QuerySet[Conflict]:
    """Every conflict with its sides, their roots and the sides they oppose (constant queries)."""
    return Conflict.objects.prefetch_related("sides__opposes", "sides__roots")


def url_submissions_visible(*, partner=None, is_staff: bool = False) -> QuerySet[UrlSubmission]:
    """URL submissions a caller may see: staff see all, a partner only its own."""
    if is_staff:
        return UrlSubmission.objects.all()
    if partner is None:
        return UrlSubmission.objects.none()
    return UrlSubmission.objects.filter(submitted_by=partner)


def party_sides_prefetch() -> Prefetch:
    """Prefetch for ``party.conflict_sides`` with each side and its conflict (one query for a page)."""
    return Prefetch("conflict_sides", queryset=PartySide.objects.select_related("side", "conflict"))


def party_sides_display(
    *, party_ids: Iterable[int], conflict_id: int | None = None
) -> dict[int, tuple[str, str]]:
    """Each party's side slug and colour in one conflict, or with no conflict its sides in every conflict
    joined by ", " (and the first one's colour); ("unknown", grey) when it has none.  One query, for
    displays and exports that name sides."""
    ids = set(party_ids)
    rows = PartySide.objects.filter(party_id__in=ids)
    if conflict_id is not None:
        rows = rows.filter(conflict_id=conflict_id)
    slugs: dict[int, list[str]] = {}
    colours: dict[int, str] = {}
    for party_id, slug, colour in rows.order_by("conflict_id").values_list(
        "party_id", "side__slug", "side__colour"
    ):
        if slug not in slugs.setdefault(party_id, []):
            slugs[party_id].append(slug)
        colours.setdefault(party_id, colour)
    return {
        party_id: (
            ", ".join(slugs.get(party_id, [])) or "unknown",
            colours.get(party_id, UNKNOWN_SIDE_COLOUR),
        )
        for party_id in ids
    }


def party_sides_in_conflicts(*, pairs: Iterable[tuple[int | None, int | None]]) -> dict[tuple[int, int], str]:
    """The side slug of each (conflict id, party id) pair that has one, in one query (empty: none)."""
    wanted = {(c, p) for c, p in pairs if c is not None and p is not None}
    if not wanted:
        return {}
    rows = PartySide.objects.filter(
        conflict_id__in={c for c, _ in wanted}, party_id__in={p for _, p in wanted}
    ).values_list("conflict_id", "party_id", "side__slug")
    return {(c, p): slug for c, p, slug in rows if (c, p) in wanted}


def party_side_slugs(*, party_ids: Iterable[int], conflict_id: int | None = None) -> dict[int, str]:
    """Each party's side slug (see ``party_sides_display``), one query."""
    return {
        pid: slug
        for pid, (slug, _) in party_sides_display(party_ids=party_ids, conflict_id=conflict_id).items()
    }


def conflict_of_parties(*, party_ids: Iterable[int | None]) -> int | None:
    """The one conflict in which these parties are belligerents (a claim's conflict when it has no
    article); None when they are belligerents in none or in several."""
    ids = [party_id for party_id in party_ids if party_id is not None]
    conflicts = set(
        PartySide.objects.filter(party_id__in=ids, side__kind=ConflictSide.Kind.BELLIGERENT).values_list(
            "conflict_id", flat=True
        )[:2]
    )
    return conflicts.pop() if len(conflicts) == 1 else None


#: The parties every caller may see (confirmed by a reviewer or loaded with the gazetteer).
REFERENCE_PARTIES = Q(needs_review=False)


def party_subtree_ids(*, party: Party) -> QuerySet:
    """Ids of ``party`` and everything under it (one indexed prefix match on the materialized path)."""
    if not party.tree_path:
        return Party.objects.filter(pk=party.pk).values("pk")
    return Party.objects.filter(tree_path__startswith=party.tree_path).values("pk")


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


def row_time_zone(row=None) -> ZoneInfo:
    """The time zone a row's times (an incident's, a claim's, an article's) are read and shown in: its
    conflict's, from the conflict pack; UTC for a row with no conflict.

    The one place that decides it, for the review desk and the public pages alike.  A conflict loaded
    with the row (``select_related``) costs no query; otherwise the zone is cached per conflict id.
    """
    if row is not None and "conflict" in row._state.fields_cache and row.conflict is not None:
        return row.conflict.tzinfo
    return conflict_timezone(getattr(row, "conflict_id", None))
