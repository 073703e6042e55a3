"""Counts as intervals ``[min, max]`` (``max is None``: an open upper bound) and ACLED's vague quantities."""

from __future__ import annotations

# ACLED's coding of vague quantities, as lower bounds.
VAGUE_QUANTITIES = {
    "several": 3,
    "tens": 10,
    "dozens": 12,
    "scores": 20,
    "hundreds": 100,
    "thousands": 1000,
}


def vague_quantity(word: str) -> tuple[int, None] | None:
    """The interval ACLED codes a vague quantity as ("dozens" -> [12, open]); None for other words."""
    low = VAGUE_QUANTITIES.get(word.strip().lower())
    return (low, None) if low is not None else None


Interval = tuple[int, int | None]


def interval(low: int | None, high: int | None) -> Interval | None:
    """The interval a claim states for one figure, or None when it states none."""
    if low is None:
        return None
    return (low, high)


def intervals_disjoint(a: Interval, b: Interval) -> bool:
    """True when no number lies in both intervals (an open upper bound reaches infinity)."""
    (a_low, a_high), (b_low, b_high) = a, b
    return (a_high is not None and a_high < b_low) or (b_high is not None and b_high < a_low)


def interval_above(a: Interval, b: Interval) -> bool:
    """True when every number in ``a`` is greater than every number in ``b``."""
    return b[1] is not None and a[0] > b[1]


def interval_gap(a: Interval, b: Interval) -> int:
    """How far apart two disjoint intervals are (0 when they meet)."""
    if a[1] is not None and a[1] < b[0]:
        return b[0] - a[1]
    if b[1] is not None and b[1] < a[0]:
        return a[0] - b[1]
    return 0


def format_interval(value: Interval) -> str:
    """An interval as explanations write it: "9", "9–12" or "at least 9"."""
    low, high = value
    if high is None:
        return f"at least {low}"
    if high == low:
        return str(low)
    return f"{low}–{high}"
