"""Rule 5: one claimant asserts something and later retracts it."""

from __future__ import annotations

from claims.contradictions.facts import FIGURES, ClaimFacts, Finding, pairable
from claims.contradictions.intervals import format_interval, interval
from claims.contradictions.wording import act_stems, day_text
from claims.models import ClaimKind, ContradictionKind, Polarity


def _same_content(a: ClaimFacts, b: ClaimFacts) -> bool:
    if a.kind == ClaimKind.ACCUSATION:
        return a.accused_id == b.accused_id
    if a.kind == ClaimKind.CONTROL:
        return a.controller_id == b.controller_id and a.place_id == b.place_id
    if a.kind == ClaimKind.CASUALTY:
        return a.victim_group == b.victim_group
    return bool(act_stems(a.act) & act_stems(b.act))


def self_reversal(a: ClaimFacts, b: ClaimFacts) -> Finding | None:
    """Rule 5: one claimant asserts something and later retracts the same thing.

    "The same thing": same kind and content (accused, controller, victim group, or shared words of the
    act), about the same incident, or, when neither is grouped, the same place.  No time limit: a
    retraction may come weeks later, but never before the assertion.
    """
    if not pairable(a, b) or a.claimant_id != b.claimant_id or a.kind != b.kind:
        return None
    polarities = {a.polarity: a, b.polarity: b}
    if set(polarities) != {Polarity.ASSERTS, Polarity.RETRACTS}:
        return None
    assertion, retraction = polarities[Polarity.ASSERTS], polarities[Polarity.RETRACTS]
    if retraction.stated_at < assertion.stated_at:
        return None
    if assertion.incident_id is not None or retraction.incident_id is not None:
        if assertion.incident_id != retraction.incident_id:
            return None
    elif assertion.place_id != retraction.place_id:
        return None
    if not _same_content(assertion, retraction):
        return None
    return Finding(
        ContradictionKind.SELF_REVERSAL,
        0.8,
        f"self-reversal: {assertion.claimant_name} asserted {_gist(assertion)} ({day_text(assertion.stated_at)}) "
        f"and retracted it ({day_text(retraction.stated_at)}).",
        ("one claimant asserted and retracted the same thing",),
    )


def _gist(facts: ClaimFacts) -> str:
    if facts.kind == ClaimKind.CASUALTY:
        parts = [
            f"{label} {format_interval(value)}"
            for label, low, high in FIGURES
            if (value := interval(getattr(facts, low), getattr(facts, high))) is not None
        ]
        return ", ".join(parts) or "casualties"
    if facts.kind == ClaimKind.ACCUSATION:
        return f"that {facts.accused_name} was responsible" + (f" for {facts.act}" if facts.act else "")
    if facts.kind == ClaimKind.CONTROL:
        return f"that {facts.controller_name} holds {facts.place_name or 'the place'}"
    return f'"{facts.act}"' if facts.act else "a statement"
