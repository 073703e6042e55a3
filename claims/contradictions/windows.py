"""Time: whether two claims' event windows meet, and whether two claims are about the same event."""

from __future__ import annotations

from claims.contradictions.facts import LOOSE_MAX_SPAN, WINDOW_SLACK, ClaimFacts


def windows_overlap(a: ClaimFacts, b: ClaimFacts) -> bool:
    """The two event windows overlap, allowing ``WINDOW_SLACK``."""
    (a_start, a_end), (b_start, b_end) = a.window, b.window
    return a_start <= b_end + WINDOW_SLACK and b_start <= a_end + WINDOW_SLACK


def near_in_time(a: ClaimFacts, b: ClaimFacts) -> bool:
    """Overlapping windows, each no longer than ``LOOSE_MAX_SPAN`` (longer ones are too vague to pair)."""
    for facts in (a, b):
        start, end = facts.window
        if end - start > LOOSE_MAX_SPAN:
            return False
    return windows_overlap(a, b)


def same_event(a: ClaimFacts, b: ClaimFacts) -> bool:
    """Both claims are about the same event: one incident, or (neither grouped) same place and near in time."""
    if a.incident_id is not None or b.incident_id is not None:
        return a.incident_id == b.incident_id
    return a.conflict_id == b.conflict_id and a.place_id == b.place_id and near_in_time(a, b)
