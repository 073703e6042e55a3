"""What the rules read and return: ``ClaimFacts`` (one claim's values), ``Finding``, event windows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from claims.models import ClaimStatus, Polarity, VictimGroup

# A claim with no event window is about the day before it was stated.
UNDATED_EVENT_SPAN = timedelta(days=1)

# Windows this close still count as overlapping (reports round times to the day).
WINDOW_SLACK = timedelta(hours=12)

# Claims without an incident are compared only when their windows are at most this long; it bounds the
# time bucket the candidate query scans (see ``LOOSE_BUCKET``).
LOOSE_MAX_SPAN = timedelta(days=2)

# If two incident-less claims are near in time, their block times (event_start or stated_at) are at most
# this far apart: the time bucket of the blocking query.
LOOSE_BUCKET = LOOSE_MAX_SPAN + WINDOW_SLACK + UNDATED_EVENT_SPAN


def event_window(
    event_start: datetime | None, event_end: datetime | None, stated_at: datetime
) -> tuple[datetime, datetime]:
    """A claim's event window: the stated one, or the day before the claim was made."""
    if event_start is None:
        return stated_at - UNDATED_EVENT_SPAN, stated_at
    end = event_end if event_end is not None else event_start
    return event_start, max(end, event_start)


@dataclass(frozen=True)
class ClaimFacts:
    """The values of one claim that the rules read; parties come with their name and side.

    Sides are ids of the claim's conflict's sides (None: no side in that conflict); the accused's and
    controller's opponents are the sides their side opposes, so the rules need no lookup.
    """

    id: int
    kind: str
    claimant_id: int
    claimant_name: str
    stated_at: datetime
    conflict_id: int | None = None
    claimant_side: int | None = None
    claimant_path: str = ""
    polarity: str = Polarity.ASSERTS
    status: str = ClaimStatus.PENDING
    incident_id: int | None = None
    place_id: int | None = None
    place_name: str | None = None
    event_start: datetime | None = None
    event_end: datetime | None = None
    killed_min: int | None = None
    killed_max: int | None = None
    wounded_min: int | None = None
    wounded_max: int | None = None
    victim_group: str = VictimGroup.UNSPECIFIED
    accused_id: int | None = None
    accused_name: str | None = None
    accused_side: int | None = None
    accused_path: str = ""
    act: str = ""
    controller_id: int | None = None
    controller_name: str | None = None
    controller_side: int | None = None
    claimant_belligerent: bool = False
    accused_opponents: frozenset[int] = frozenset()
    controller_opponents: frozenset[int] = frozenset()
    claimant_opponents: frozenset[int] = frozenset()
    article_id: int | None = None
    # The quote states the figure as a revision ("the toll rose to 19").
    revised: bool = False
    # The nationality the toll's quote gives its dead ("armenian"), "" when none (``victims_named``).
    victims: str = ""
    # An earlier claim of the same article and claimant says the same thing: only that one is paired.
    repeats: bool = False
    # The span of the sentence the claim was read from in its article's body (None when not known).
    quote_start: int | None = None
    quote_end: int | None = None

    @property
    def window(self) -> tuple[datetime, datetime]:
        return event_window(self.event_start, self.event_end, self.stated_at)

    @property
    def block_time(self) -> datetime:
        """The time the blocking index sorts on: ``COALESCE(event_start, stated_at)``."""
        return self.event_start if self.event_start is not None else self.stated_at

    @property
    def active(self) -> bool:
        return self.status != ClaimStatus.REJECTED


@dataclass(frozen=True)
class Finding:
    """What a rule found: the contradiction kind, a score in [0, 1], a one-sentence explanation and the
    reasons behind the score (what ranks it up or down the review queue)."""

    kind: str
    score: float
    explanation: str
    reasons: tuple[str, ...] = ()


# The casualty figures a claim may state: (label, field of the minimum, field of the maximum).
FIGURES = (("killed", "killed_min", "killed_max"), ("wounded", "wounded_min", "wounded_max"))


def pairable(a: ClaimFacts, b: ClaimFacts) -> bool:
    """Two different claims, neither rejected nor the repeat of an earlier claim of its article (the
    first mention carries the flags)."""
    return a.id != b.id and a.active and b.active and not (a.repeats or b.repeats)


def both_assert(a: ClaimFacts, b: ClaimFacts) -> bool:
    """Neither claim is a retraction."""
    return a.polarity == Polarity.ASSERTS and b.polarity == Polarity.ASSERTS


def in_id_order(a: ClaimFacts, b: ClaimFacts) -> tuple[ClaimFacts, ClaimFacts]:
    """The pair with the lower id first, so every rule is symmetric."""
    return (a, b) if a.id <= b.id else (b, a)
