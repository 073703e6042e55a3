"""Reads about incidents for the admin and the reports: every source's casualty figure and the ranges.

The range is Airwars' min–max over the figures the incident's sources gave (asserting claims that are
not rejected); the conservative figure is its low end, as ACLED codes it.  The same definition feeds
the cached ``Incident.killed_low/high`` and ``wounded_low/high`` (``claims.services.incident_figures``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from claims.contradictions.intervals import format_interval
from claims.models import Claim, ClaimKind, ClaimStatus, Polarity


@dataclass(frozen=True)
class SourceFigure:
    """One source's figure for an incident: who said it, when, through whom, and the intervals."""

    claim_id: int
    claimant: str
    relayed_by: str | None
    stated_at: datetime
    victim_group: str
    killed: tuple[int, int | None] | None
    wounded: tuple[int, int | None] | None


@dataclass
class CasualtyRange:
    """The figures of one incident: each source's, the min–max range and the conservative figure."""

    incident_id: int
    sources: list[SourceFigure] = field(default_factory=list)
    killed_low: int | None = None
    killed_high: int | None = None
    wounded_low: int | None = None
    wounded_high: int | None = None

    @property
    def killed_conservative(self) -> int | None:
        return self.killed_low

    @property
    def wounded_conservative(self) -> int | None:
        return self.wounded_low

    @property
    def killed_display(self) -> str:
        return _display(self.killed_low, self.killed_high)

    @property
    def wounded_display(self) -> str:
        return _display(self.wounded_low, self.wounded_high)


def _display(low: int | None, high: int | None) -> str:
    if low is None:
        return "—"
    return format_interval((low, high))


def _extend(current: tuple[int | None, int | None], value: tuple[int, int | None] | None):
    if value is None:
        return current
    low, high = current
    top = value[1] if value[1] is not None else value[0]
    return (value[0] if low is None else min(low, value[0]), top if high is None else max(high, top))


def casualty_figures(*, incident_ids: Iterable[int]) -> dict[int, CasualtyRange]:
    """Casualty ranges of the given incidents, keyed by incident id, in one query.

    Sources are listed oldest first; incidents without casualty claims get an empty range.
    """
    ids = list(incident_ids)
    ranges = {incident_id: CasualtyRange(incident_id=incident_id) for incident_id in ids}
    claims = (
        Claim.objects.filter(incident_id__in=ids, kind=ClaimKind.CASUALTY, polarity=Polarity.ASSERTS)
        .exclude(status=ClaimStatus.REJECTED)
        .select_related("claimant", "relayed_by")
        .order_by("stated_at", "id")
    )
    for claim in claims:
        figure = SourceFigure(
            claim_id=claim.pk,
            claimant=claim.claimant.name if claim.claimant else "",
            relayed_by=claim.relayed_by.name if claim.relayed_by is not None else None,
            stated_at=claim.stated_at,
            victim_group=claim.victim_group,
            killed=(claim.killed_min, claim.killed_max) if claim.killed_min is not None else None,
            wounded=(claim.wounded_min, claim.wounded_max) if claim.wounded_min is not None else None,
        )
        if claim.incident_id is None:
            continue
        entry = ranges[claim.incident_id]
        entry.sources.append(figure)
        entry.killed_low, entry.killed_high = _extend((entry.killed_low, entry.killed_high), figure.killed)
        entry.wounded_low, entry.wounded_high = _extend(
            (entry.wounded_low, entry.wounded_high), figure.wounded
        )
    return ranges


def incident_casualty_range(*, incident_id: int) -> CasualtyRange:
    """The casualty range of one incident (see ``casualty_figures``)."""
    return casualty_figures(incident_ids=[incident_id])[incident_id]
