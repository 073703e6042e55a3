"""Rules 4 and 4b: opposing sides said to hold one place; a control claim denied by the side that lost it."""

from __future__ import annotations

import re

from claims.contradictions.facts import WINDOW_SLACK, ClaimFacts, Finding, both_assert, in_id_order, pairable
from claims.contradictions.speakers import opposite
from claims.contradictions.windows import near_in_time, same_event, windows_overlap
from claims.contradictions.wording import act_stems, day_text, who_text
from claims.models import ClaimKind, ContradictionKind


def conflicting_control(a: ClaimFacts, b: ClaimFacts) -> Finding | None:
    """Rule 4: two claimants say parties on opposite sides hold the same place at overlapping times."""
    a, b = in_id_order(a, b)
    if not (pairable(a, b) and both_assert(a, b)):
        return None
    if a.kind != ClaimKind.CONTROL or b.kind != ClaimKind.CONTROL or a.claimant_id == b.claimant_id:
        return None
    if a.place_id is None or a.place_id != b.place_id or not same_event(a, b) or not windows_overlap(a, b):
        return None
    if a.controller_id == b.controller_id or not opposite(
        a.controller_side, a.controller_opponents, b.controller_side
    ):
        return None
    return Finding(
        ContradictionKind.CONFLICTING_CONTROL,
        0.9,
        f"control of {a.place_name or 'the place'}: {a.controller_name} ({who_text(a)}) vs "
        f"{b.controller_name} ({who_text(b)}).",
        ("parties on opposing sides said to hold one place",),
    )


# What a denial of control says: the place has not fallen, fighting goes on, the report is false.
CONTROL_DENIAL_STEMS = frozenset(
    act_stems(
        "taken took captured capture seized control fallen fell holding hold holds held occupied liberated "
        "fighting battles continue continues ongoing still repelled lie lies false untrue fake groundless "
        "disinformation denies denied report"
    )
)


# Words by which a denial is about who holds a place ("denied capturing Soledar", "fighting continues",
# "still holding out"), as whole words: "to fight", "fighters", "took part", "shells fell" or "talks were
# held" are no denial of control.
_CONTROL_DENIAL_WORDS = re.compile(
    r"\b(?:captur\w*|seiz\w*|control|fallen|holding|holds|occup\w*|liberat\w*|"
    r"fighting|battles?|repel\w*|retain\w*|recaptur\w*)\b",
    re.IGNORECASE,
)


def denies_control(act: str) -> bool:
    """The denied act speaks of who holds a place (its capture, fighting still going on there).

    Grouping puts such a denial in the capture incident of its place, not among strikes.
    """
    return bool(_CONTROL_DENIAL_WORDS.search(act or ""))


def _answers_control(claim: ClaimFacts, denial: ClaimFacts) -> bool:
    """The denial's words are those of a denial of control (or it has none), and it was not made before
    the place is said to have changed hands."""
    if denial.act.strip() and not act_stems(denial.act) & CONTROL_DENIAL_STEMS:
        return False
    return denial.stated_at + WINDOW_SLACK >= claim.window[0]


def control_denied(a: ClaimFacts, b: ClaimFacts) -> Finding | None:
    """Rule 4b: a party is said to hold a place and the side said to have lost it denies it.

    The denial is about the control claim's place (named, and near in time), or names no place and
    comes in the same article; its claimant is on a side the controller's side opposes; its words are
    those of a denial of control ("fighting for the town goes on", "the report is a lie"), or it has
    none.  A denial made before the place is said to have changed hands (its window starts later) is
    no contradiction: "fighting goes on in the town" on the 11th and "the town is taken" on the 13th
    can both be true.
    """
    if not (pairable(a, b) and both_assert(a, b)):
        return None
    kinds = {a.kind: a, b.kind: b}
    if set(kinds) != {ClaimKind.CONTROL, ClaimKind.DENIAL}:
        return None
    claim, denial = kinds[ClaimKind.CONTROL], kinds[ClaimKind.DENIAL]
    if claim.claimant_id == denial.claimant_id or claim.conflict_id != denial.conflict_id:
        return None
    if not opposite(claim.controller_side, claim.controller_opponents, denial.claimant_side):
        return None
    if denial.place_id is not None:
        if denial.place_id != claim.place_id or not near_in_time(claim, denial):
            return None
    elif denial.article_id is None or denial.article_id != claim.article_id:
        return None
    if not _answers_control(claim, denial):
        return None
    denied = f" ({denial.act})" if denial.act else ""
    return Finding(
        ContradictionKind.CONFLICTING_CONTROL,
        0.85,
        f"control of {claim.place_name or 'the place'}: {claim.controller_name} holds it ({who_text(claim)}), "
        f"{denial.claimant_name} denies it ({day_text(denial.stated_at)}){denied}.",
        ("a control claim denied by the side said to have lost the place",),
    )
