"""When do two claims contradict? The five rules, as pure functions over plain claim values.

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

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from claims.models import ClaimKind, ClaimStatus, ContradictionKind, Polarity, VictimGroup

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


Interval = tuple[int, int | None]


# --- Interval logic -------------------------------------------------------------------------------


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
    low, high = value
    if high is None:
        return f"at least {low}"
    if high == low:
        return str(low)
    return f"{low}–{high}"


# --- Time windows ---------------------------------------------------------------------------------


def windows_overlap(a: ClaimFacts, b: ClaimFacts) -> bool:
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


# --- Wording --------------------------------------------------------------------------------------


def _day(value: datetime) -> str:
    return f"{value.day} {value:%b}"


def _who(facts: ClaimFacts) -> str:
    return f"{facts.claimant_name}, {_day(facts.stated_at)}"


_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_STOPWORDS = frozenset(
    (
        "the", "a", "an", "of", "on", "in", "at", "to", "by", "for", "from", "with", "and", "or", "its",
        "their", "his", "her", "it", "they", "them", "that", "this", "was", "were", "is", "are", "be",
        "been", "any", "no", "not", "against", "into", "over",
    )
)  # fmt: skip
CEASEFIRE_WORDS = ("ceasefire", "cease-fire", "truce")
# Words of a flat rebuttal ("groundless", "a lie", "false"), which answer any accusation of the event.
REBUTTAL_STEMS = frozenset(
    ("groun", "false", "lie", "lies", "untru", "fake", "absur", "disin", "fabri", "basel", "sland")
)
# Words that only name the event an accusation is about ("the attack", "the strike", "it").
EVENT_REFERENCE_STEMS = frozenset(
    ("attac", "strik", "blast", "explo", "incid", "shell", "bombi", "assau", "raid", "trage", "massa")
)


def act_stems(act: str) -> frozenset[str]:
    """Content words of an act, cut to five letters so "shelling" and "shelled" meet."""
    return frozenset(
        word[:5] for word in _WORD.findall(act.lower()) if word not in _STOPWORDS and len(word) > 2
    )


def acts_match(accused_act: str, denied_act: str) -> float | None:
    """How well a denial answers an accusation: 1.0 for shared words, 0.7 for a general denial, else None.

    A denial with no act, one saying the party keeps the ceasefire, or a flat rebuttal ("groundless and
    false") answers every accusation; an accusation whose act only names the event ("for the attack")
    is answered by any denial of it.
    """
    denied = denied_act.lower()
    if not denied.strip() or any(word in denied for word in CEASEFIRE_WORDS):
        return 0.7
    accused, rebutted = act_stems(accused_act), act_stems(denied_act)
    if accused & rebutted:
        return 1.0
    # "called it groundless and false": a rebuttal of whatever it answers.
    if rebutted & REBUTTAL_STEMS:
        return 0.7
    # "blamed Russia for the attack": the act only names the event, which the denial is about.
    if accused <= EVENT_REFERENCE_STEMS:
        return 0.7
    return None


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


REVISION_RE = re.compile(
    r"\b(?:rose|risen|rises|rising|climbed|climbs|increased|increases|grew|grown|jumped|reached|"
    r"mounted|went up|gone up|up to|revised|updated)\b",
    re.IGNORECASE,
)


def states_revision(quote: str) -> bool:
    """The quote gives its figure as a revision of an earlier one ("the toll has risen to 19")."""
    return bool(REVISION_RE.search(quote or ""))


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


def _pairable(a: ClaimFacts, b: ClaimFacts) -> bool:
    return a.id != b.id and a.active and b.active


def _asserting(a: ClaimFacts, b: ClaimFacts) -> bool:
    return a.polarity == Polarity.ASSERTS and b.polarity == Polarity.ASSERTS


def _ordered(a: ClaimFacts, b: ClaimFacts) -> tuple[ClaimFacts, ClaimFacts]:
    return (a, b) if a.id <= b.id else (b, a)


# --- The rules ------------------------------------------------------------------------------------

FIGURES = (("killed", "killed_min", "killed_max"), ("wounded", "wounded_min", "wounded_max"))


def casualty_mismatch(a: ClaimFacts, b: ClaimFacts) -> Finding | None:
    """Rule 1: same incident and victim group, disjoint killed (or wounded) intervals.

    The same claimant giving a different figure later is an update ("death toll rose to 12"), recorded
    with kind ``update``; the same claimant at the same time is one statement relayed twice: nothing.
    """
    a, b = _ordered(a, b)
    if not (_pairable(a, b) and _asserting(a, b)):
        return None
    if a.kind != ClaimKind.CASUALTY or b.kind != ClaimKind.CASUALTY:
        return None
    if a.incident_id is None or a.incident_id != b.incident_id or a.victim_group != b.victim_group:
        return None
    disjoint = []
    for label, low, high in FIGURES:
        first, second = (
            interval(getattr(a, low), getattr(a, high)),
            interval(getattr(b, low), getattr(b, high)),
        )
        if first is not None and second is not None and intervals_disjoint(first, second):
            disjoint.append((label, first, second))
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
                f"{label}: {format_interval(before)} ({_day(early.stated_at)}) {verb} "
                f"{format_interval(after)} ({_day(late.stated_at)})"
            )
        who = early.claimant_name if speaker else f"{early.claimant_name} and {late.claimant_name}"
        reason = "same claimant" if speaker else "a revision stated as such, by the same body"
        return Finding(
            ContradictionKind.UPDATE,
            1.0,
            f"{'; '.join(parts)}, an update by {who}, not a contradiction.",
            (reason,),
        )
    parts = []
    gap_score = 0.0
    for label, first, second in disjoint:
        parts.append(
            f"{label}: {format_interval(first)} ({_who(a)}) vs {format_interval(second)} ({_who(b)})"
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


def conflicting_blame(a: ClaimFacts, b: ClaimFacts) -> Finding | None:
    """Rule 2: same incident, the two claimants blame parties on opposite sides."""
    a, b = _ordered(a, b)
    if not (_pairable(a, b) and _asserting(a, b)):
        return None
    if a.kind != ClaimKind.ACCUSATION or b.kind != ClaimKind.ACCUSATION:
        return None
    if a.incident_id is None or a.incident_id != b.incident_id or a.claimant_id == b.claimant_id:
        return None
    if a.accused_id == b.accused_id or not opposite(a.accused_side, a.accused_opponents, b.accused_side):
        return None
    return Finding(
        ContradictionKind.CONFLICTING_BLAME,
        0.9,
        f"blame: {a.accused_name} ({_who(a)}) vs {b.accused_name} ({_who(b)}) for the same incident.",
        ("parties on opposing sides blamed for one incident",),
    )


def act_words(verb: str, act: str, *, whom: str = "") -> str:
    """An accusation or denial in words that read right whatever form the act was quoted in.

    "accuses Armenia of launching an assault", "denies violating the ceasefire" for an -ing act; a
    quoted act otherwise ("accuses Armenia: “launched an assault”", "denies “its forces fired”"), never
    "accuses … of launched" nor a denial that reads like an admission.
    """
    head = f"{verb} {whom}".strip()
    act = act.strip()
    if not act:
        return f"{head} it" if verb == "denies" and not whom else head
    first = act.split()[0].lower()
    if first.endswith("ing") and len(first) > 4:
        return f"{head} of {act}" if whom else f"{head} {act}"
    return f"{head}: “{act}”" if whom else f"{head} “{act}”"


def accusation_vs_denial(a: ClaimFacts, b: ClaimFacts) -> Finding | None:
    """Rule 3: A accuses B of an act; B (or its side) denies it or says it keeps the ceasefire, same event."""
    if not (_pairable(a, b) and _asserting(a, b)):
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
        f"accusation vs denial: {accusation.claimant_name} ({_day(accusation.stated_at)}) {accuses}, "
        f"{denial.claimant_name} ({_day(denial.stated_at)}) {denies}.",
        ("the denial names the act accused" if score == 1.0 else "a general denial",),
    )


def conflicting_control(a: ClaimFacts, b: ClaimFacts) -> Finding | None:
    """Rule 4: two claimants say parties on opposite sides hold the same place at overlapping times."""
    a, b = _ordered(a, b)
    if not (_pairable(a, b) and _asserting(a, b)):
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
        f"control of {a.place_name or 'the place'}: {a.controller_name} ({_who(a)}) vs "
        f"{b.controller_name} ({_who(b)}).",
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


def control_denied(a: ClaimFacts, b: ClaimFacts) -> Finding | None:
    """Rule 4b: a party is said to hold a place and the side said to have lost it denies it.

    The denial is about the control claim's place (named, and near in time), or names no place and
    comes in the same article; its claimant is on a side the controller's side opposes; its words are
    those of a denial of control ("fighting for the town goes on", "the report is a lie"), or it has
    none.
    """
    if not (_pairable(a, b) and _asserting(a, b)):
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
    if denial.act.strip() and not act_stems(denial.act) & CONTROL_DENIAL_STEMS:
        return None
    denied = f" ({denial.act})" if denial.act else ""
    return Finding(
        ContradictionKind.CONFLICTING_CONTROL,
        0.85,
        f"control of {claim.place_name or 'the place'}: {claim.controller_name} holds it ({_who(claim)}), "
        f"{denial.claimant_name} denies it ({_day(denial.stated_at)}){denied}.",
        ("a control claim denied by the side said to have lost the place",),
    )


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
    if not _pairable(a, b) or a.claimant_id != b.claimant_id or a.kind != b.kind:
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
        f"self-reversal: {assertion.claimant_name} asserted {_gist(assertion)} ({_day(assertion.stated_at)}) "
        f"and retracted it ({_day(retraction.stated_at)}).",
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
    first, second = _ordered(a, b)
    return [finding for rule in RULES if (finding := rule(first, second)) is not None]
