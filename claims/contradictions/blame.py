"""Rules 2 and 3: each side blaming the other for one incident; an accusation and its denial."""

from __future__ import annotations

from claims.contradictions.facts import ClaimFacts, Finding, both_assert, in_id_order, pairable
from claims.contradictions.speakers import opposite, speaks_for
from claims.contradictions.windows import same_event
from claims.contradictions.wording import act_words, acts_match, blames_shielding, day_text, who_text
from claims.models import ClaimKind, ContradictionKind


def _blames_own_side(facts: ClaimFacts) -> bool:
    """A belligerent's claimant blames a party of its own side: criticism at home (protesters blaming
    their government for the situation), not a claim about which side did the act."""
    return (
        facts.claimant_belligerent
        and facts.accused_side is not None
        and facts.claimant_side == facts.accused_side
    )


def _same_article_exchange(a: ClaimFacts, b: ClaimFacts) -> bool:
    """Two opposing belligerents' claimants accusing each other in one article, of the same event day
    (or both undated): a flare-up where each side's ministry names its own sector, so the claims sit
    in different incidents though the article reports one exchange of blame."""
    return (
        a.article_id is not None
        and a.article_id == b.article_id
        and a.event_start == b.event_start
        and a.claimant_belligerent
        and b.claimant_belligerent
        and opposite(a.claimant_side, a.claimant_opponents, b.claimant_side)
    )


def _one_phrase_of_mutual_blame(a: ClaimFacts, b: ClaimFacts) -> bool:
    """The two accusations are one sentence of the article blaming both sides for the same thing ("the
    two sides blamed each other for the escalation"): the outlet's summary that they disagree, not two
    statements of blame to compare."""
    return (
        a.article_id is not None
        and a.article_id == b.article_id
        and a.quote_start is not None
        and (a.quote_start, a.quote_end) == (b.quote_start, b.quote_end)
        and a.act.strip().lower() == b.act.strip().lower()
    )


def conflicting_blame(a: ClaimFacts, b: ClaimFacts) -> Finding | None:
    """Rule 2: same incident, the two claimants blame parties on opposite sides for the act; or, in one
    article, opposing belligerents blame each other for the same event day (``_same_article_exchange``).

    Blame of one's own side and accusations of shielding ("the camp was used as a military base") take
    no part: neither says the other side did not do what it is blamed for; nor does one sentence
    blaming both sides for one thing (``_one_phrase_of_mutual_blame``).
    """
    a, b = in_id_order(a, b)
    if not (pairable(a, b) and both_assert(a, b)):
        return None
    if a.kind != ClaimKind.ACCUSATION or b.kind != ClaimKind.ACCUSATION:
        return None
    if any(_blames_own_side(facts) or blames_shielding(facts.act) for facts in (a, b)):
        return None
    if _one_phrase_of_mutual_blame(a, b):
        return None
    same_incident = a.incident_id is not None and a.incident_id == b.incident_id
    if a.claimant_id == b.claimant_id or not (same_incident or _same_article_exchange(a, b)):
        return None
    if a.accused_id == b.accused_id or not opposite(a.accused_side, a.accused_opponents, b.accused_side):
        return None
    if same_incident:
        what, reason = "the same incident", "parties on opposing sides blamed for one incident"
    else:
        what, reason = "one exchange in the same article", "opposing sides blame each other in one article"
    return Finding(
        ContradictionKind.CONFLICTING_BLAME,
        0.9,
        f"blame: {a.accused_name} ({who_text(a)}) vs {b.accused_name} ({who_text(b)}) for {what}.",
        (reason,),
    )


def accusation_vs_denial(a: ClaimFacts, b: ClaimFacts) -> Finding | None:
    """Rule 3: A accuses B of an act; B (or its side) denies it or says it keeps the ceasefire, same event."""
    if not (pairable(a, b) and both_assert(a, b)):
        return None
    kinds = {a.kind: a, b.kind: b}
    if set(kinds) != {ClaimKind.ACCUSATION, ClaimKind.DENIAL}:
        return None
    accusation, denial = kinds[ClaimKind.ACCUSATION], kinds[ClaimKind.DENIAL]
    if accusation.claimant_id == denial.claimant_id or not same_event(accusation, denial):
        return None
    if not speaks_for(denial, accusation.accused_id, accusation.accused_side, accusation.accused_path):
        return None
    score = acts_match(accusation.act, denial.act)
    if score is None:
        return None
    accuses = act_words("accuses", accusation.act, whom=accusation.accused_name or "")
    denies = act_words("denies", denial.act) if denial.act else "denies it"
    return Finding(
        ContradictionKind.ACCUSATION_DENIAL,
        score,
        f"accusation vs denial: {accusation.claimant_name} ({day_text(accusation.stated_at)}) {accuses}, "
        f"{denial.claimant_name} ({day_text(denial.stated_at)}) {denies}.",
        ("the denial names the act accused" if score == 1.0 else "a general denial",),
    )
