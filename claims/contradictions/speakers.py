"""Who speaks: one claimant under two spellings, one body within another, who answers for whom, sides."""

from __future__ import annotations

from claims.contradictions.facts import ClaimFacts


def _is_or_within(party_id: int | None, party_path: str, other_id: int | None, other_path: str) -> bool:
    """Same party, or one is an ancestor of the other in the party tree."""
    if party_id is None or other_id is None:
        return False
    if party_id == other_id:
        return True
    return bool(party_path and other_path) and (
        party_path.startswith(other_path) or other_path.startswith(party_path)
    )


def speaks_for(
    denier: ClaimFacts, accused_id: int | None, accused_side: int | None, accused_path: str
) -> bool:
    """The denying claimant answers for the accused party: same party, same subtree, or same belligerent side."""
    if denier.claimant_belligerent and accused_side is not None and denier.claimant_side == accused_side:
        return True
    return _is_or_within(denier.claimant_id, denier.claimant_path, accused_id, accused_path)


def opposite(side_a: int | None, opponents_of_a: frozenset[int], side_b: int | None) -> bool:
    """Side b is one that side a opposes in the claim's conflict."""
    return side_a is not None and side_b is not None and side_b in opponents_of_a


def _one_letter_apart(a: str, b: str) -> bool:
    """The two names differ by one letter (changed, added or dropped); a digit is never a spelling."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        differing = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
        return len(differing) <= 1 and all(x.isalpha() and y.isalpha() for x, y in differing)
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[i].isalpha() and long[:i] + long[i + 1 :] == short for i in range(len(long)))


def same_speaker(a: ClaimFacts, b: ClaimFacts) -> bool:
    """One claimant under two party rows: the same id, or names that differ by one letter in a long
    name ("Dmytro Lunin" / "Dmytro Lunyn", two outlets' transliterations of one official).

    Two parties placed on different sides of the conflict are never one speaker, however close their
    names ("Bench AZ state" / "Bench AM state"), nor are names that differ in a number ("unit 1" /
    "unit 2").
    """
    if a.claimant_id == b.claimant_id:
        return True
    if a.claimant_side is not None and b.claimant_side is not None and a.claimant_side != b.claimant_side:
        return False
    first, second = a.claimant_name.strip().lower(), b.claimant_name.strip().lower()
    return len(first) >= 10 and len(second) >= 10 and _one_letter_apart(first, second)


def same_camp(a: ClaimFacts, b: ClaimFacts) -> bool:
    """One claimant within the other in the party tree (a ministry and its government): the body whose
    toll a revision revises.  Two officials of one side who give different figures still contradict."""
    return _is_or_within(a.claimant_id, a.claimant_path, b.claimant_id, b.claimant_path)
