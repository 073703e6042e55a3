"""Rule 1: casualty figures that cannot both be true, or (same claimant, or a revision) an update."""

from __future__ import annotations

from claims.contradictions.facts import FIGURES, ClaimFacts, Finding, both_assert, in_id_order, pairable
from claims.contradictions.intervals import (
    Interval,
    format_interval,
    interval,
    interval_above,
    interval_gap,
    intervals_disjoint,
)
from claims.contradictions.speakers import opposite, same_camp, same_speaker
from claims.contradictions.wording import day_text, who_text
from claims.models import ClaimKind, ContradictionKind


def casualty_mismatch(a: ClaimFacts, b: ClaimFacts) -> Finding | None:
    """Rule 1: same incident and victim group, disjoint killed (or wounded) intervals.

    Tolls whose quotes give their dead different nationalities count different people and are not
    compared.

    The same claimant giving a different figure later is an update ("death toll rose to 12"), recorded
    with kind ``update``; the same claimant at the same time is one statement relayed twice: nothing.
    """
    a, b = in_id_order(a, b)
    if not (pairable(a, b) and both_assert(a, b)):
        return None
    if a.kind != ClaimKind.CASUALTY or b.kind != ClaimKind.CASUALTY:
        return None
    if a.incident_id is None or a.incident_id != b.incident_id or a.victim_group != b.victim_group:
        return None
    if a.victims and b.victims and a.victims != b.victims:
        return None  # each side's own dead ("50 Azerbaijani soldiers", "49 Armenian soldiers")
    disjoint = _disjoint_figures(a, b)
    if not disjoint:
        return None
    early, late = (a, b) if (a.stated_at, a.id) < (b.stated_at, b.id) else (b, a)
    if early.stated_at == late.stated_at and early.revised and not late.revised:
        early, late = late, early  # stated together: the figure given as a revision is the later one
    speaker = same_speaker(a, b)
    if speaker and a.stated_at == b.stated_at and not (a.revised or b.revised):
        return None
    revision = (
        late.revised
        and late.stated_at >= early.stated_at
        and all(interval_above(second, first) for _, first, second in _figures_in(disjoint, early, late))
        and same_camp(early, late)
    )
    if speaker or revision:
        return _update(early, late, speaker=speaker)
    return _mismatch(a, b, disjoint)


def _disjoint_figures(a: ClaimFacts, b: ClaimFacts) -> list[tuple[str, Interval, Interval]]:
    """The figures both claims state and whose intervals do not meet, as (label, a's, b's)."""
    disjoint = []
    for label, low, high in FIGURES:
        first, second = (
            interval(getattr(a, low), getattr(a, high)),
            interval(getattr(b, low), getattr(b, high)),
        )
        if first is not None and second is not None and intervals_disjoint(first, second):
            disjoint.append((label, first, second))
    return disjoint


def _update(early: ClaimFacts, late: ClaimFacts, *, speaker: bool) -> Finding:
    """The later figures as an update of the earlier ones, by one claimant or (a revision) one body."""
    parts = []
    for label, low, high in FIGURES:
        before, after = (
            interval(getattr(early, low), getattr(early, high)),
            interval(getattr(late, low), getattr(late, high)),
        )
        if before is None or after is None or not intervals_disjoint(before, after):
            continue
        verb = "rose to" if interval_above(after, before) else "was revised to"
        parts.append(
            f"{label}: {format_interval(before)} ({day_text(early.stated_at)}) {verb} "
            f"{format_interval(after)} ({day_text(late.stated_at)})"
        )
    who = early.claimant_name if speaker else f"{early.claimant_name} and {late.claimant_name}"
    reason = "same claimant" if speaker else "a revision stated as such, by the same body"
    return Finding(
        ContradictionKind.UPDATE,
        1.0,
        f"{'; '.join(parts)}, an update by {who}, not a contradiction.",
        (reason,),
    )


def _mismatch(a: ClaimFacts, b: ClaimFacts, disjoint: list[tuple[str, Interval, Interval]]) -> Finding:
    """A casualty mismatch, scored by who the claimants are and how far apart their figures are."""
    parts = []
    gap_score = 0.0
    for label, first, second in disjoint:
        parts.append(
            f"{label}: {format_interval(first)} ({who_text(a)}) vs {format_interval(second)} ({who_text(b)})"
        )
        larger = max(first[0], second[0], 1)
        gap_score = max(gap_score, min(1.0, interval_gap(first, second) / larger))
    score, reasons = _source_weight(a, b)
    score += 0.3 * gap_score
    reasons.append(f"figures {round(100 * gap_score)} % apart")
    return Finding(
        ContradictionKind.CASUALTY_MISMATCH,
        round(max(0.05, min(1.0, score)), 3),
        "; ".join(parts) + ".",
        tuple(reasons),
    )


def _figures_in(disjoint, early: ClaimFacts, late: ClaimFacts):
    """The disjoint figures as (label, earlier claim's interval, later claim's interval)."""
    labels = {name for name, _, _ in disjoint}
    for label, low, high in FIGURES:
        if label in labels:
            yield (
                label,
                interval(getattr(early, low), getattr(early, high)),
                interval(getattr(late, low), getattr(late, high)),
            )


def _source_weight(a: ClaimFacts, b: ClaimFacts) -> tuple[float, list[str]]:
    """The part of a score that comes from who the two claimants are, with its reasons.

    Opposing belligerents' official figures rank highest; a side against a third party (a monitor, an
    agency, a foreign government) next; a claimant with no known side (an anonymous source, an unplaced
    party) lowest.
    """
    if opposite(a.claimant_side, a.claimant_opponents, b.claimant_side):
        return 0.7, ["opposing sides' official sources"]
    if a.claimant_side is None or b.claimant_side is None:
        return 0.3, ["a source with no known side (anonymous or not yet placed)"]
    if a.claimant_side == b.claimant_side:
        return 0.5, ["two sources of the same side"]
    return 0.6, ["a side against a third party"]
