"""When do two claims contradict? The five rules, as pure functions over plain claim values.

This package is where to start: ``check`` runs ``RULES`` in order.  The rules live by kind, in
``casualty`` (rule 1), ``blame`` (rules 2 and 3: blame, accusation against denial), ``control``
(rules 4 and 4b) and ``reversal`` (rule 5); what they share in ``facts`` (``ClaimFacts``, ``Finding``,
event windows), ``intervals`` (counts), ``windows`` (time, same event), ``speakers`` (who speaks for
whom) and ``wording`` (acts and explanations).

No ORM here: ``ClaimFacts`` is a frozen snapshot of the values a rule needs (names and sides of the
parties included), built by ``claims.services.checking`` from one query.  Every rule takes two
facts and returns ``None`` or a ``Finding`` whose explanation names both claimants and their figures.

Shared conventions:

- Counts are intervals ``[min, max]``; ``max is None`` is an open upper bound ("at least 9").
  Vague quantities follow ACLED's coding and are lower bounds (``vague_quantity``).
- A claim is attributed to its claimant; ``relayed_by`` (the outlet passing it on) plays no part, so
  two outlets relaying the same statement carry the same claimant and never contradict each other.
- Rules are symmetric: the pair is put in id order first, so ``check(a, b) == check(b, a)``; a claim
  never contradicts itself; rejected claims and retractions (except for rule 5) take no part.
- "Same event": both claims in the same incident; claims that have no incident (no place, so never
  grouped) match when their places agree and their time windows are near (``near_in_time``).
"""

from __future__ import annotations

from collections.abc import Callable

from claims.contradictions.blame import accusation_vs_denial, conflicting_blame
from claims.contradictions.casualty import casualty_mismatch
from claims.contradictions.control import conflicting_control, control_denied
from claims.contradictions.facts import ClaimFacts, Finding, in_id_order
from claims.contradictions.reversal import self_reversal

__all__ = [
    "RULES",
    "ClaimFacts",
    "Finding",
    "accusation_vs_denial",
    "casualty_mismatch",
    "check",
    "conflicting_blame",
    "conflicting_control",
    "control_denied",
    "self_reversal",
]

RULES: tuple[Callable[[ClaimFacts, ClaimFacts], Finding | None], ...] = (
    casualty_mismatch,
    conflicting_blame,
    accusation_vs_denial,
    conflicting_control,
    control_denied,
    self_reversal,
)


def check(a: ClaimFacts, b: ClaimFacts) -> list[Finding]:
    """Every finding for one pair, in rule order (at most one per rule); symmetric in ``a`` and ``b``."""
    first, second = in_id_order(a, b)
    return [finding for rule in RULES if (finding := rule(first, second)) is not None]
