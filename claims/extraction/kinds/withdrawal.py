"""A side's withdrawal from a place is a claim that the other side now holds it (a conceded loss).

"The army said it was withdrawing from the town of Vuhledar", "the command ordered the withdrawal of its
troops from the city", "units pulled out of X": the speaker (or the outlet, in its own voice) says the
withdrawing side's enemy controls the place.  The withdrawing side is the verb's subject, or the
speaker's own forces when the subject is "it", "we", "our units" or when only a noun says it ("their
withdrawal").  Demands, plans and conditions ("demanded that Armenia withdraw from the districts",
"will withdraw", "refused to pull out") and negations are not claims; nor is a withdrawal when the
conflict has more than one other belligerent side (whose the place now is cannot be told).
"""

from __future__ import annotations

import re

from claims.extraction.context import ArticleContext, Speech
from claims.extraction.parties import (
    PartyRef,
    enemy_forces,
    pronoun_kind,
    resolve_phrase,
    speaker_side_forces,
)
from claims.extraction.patterns import NEGATION_BEFORE, SUBJECT_TAIL

WITHDRAWAL_HINTS = ("withdr", "pulled out", "pulling out", "pull out", "retreated from", "retreating from")
_WITHDRAWAL = re.compile(
    r"\b(?P<verb>withdr[ae]w(?:n|ing|al|s)?|withdraw|pull(?:ed|ing|s)?\s+out|retreat(?:ed|ing|s)?)\b"
    r"(?P<between>(?:\s+(?:of\s+)??(?:[\w’'-]+\s+){0,4}?)?)(?:from|of)\s+(?P<object>[^,;.]{2,80})",
    re.IGNORECASE,
)
# What makes it no report of a withdrawal: a demand, a plan, a condition, a refusal.
_NOT_DONE_BEFORE = re.compile(
    r"\b(?:demand\w*|call\w*\s+on|call\w*\s+for|urg\w*|must|should|will|would|could|may|might|ready|refus\w*"
    r"|plan\w*|threat\w*|ultimatum|unless|if|until|no\s+plans?|want\w*|insist\w*\s+that|agree\w*|deadline"
    r"|expected|likely|consider\w*)\b[^.;]*$",
    re.IGNORECASE,
)
# "permission for a manoeuvre to withdraw", "ordered troops to withdraw": the order, given, is the report.
_ORDERED_TO = re.compile(
    r"\b(?:permission|order\w*|decision|decided|authori[sz]\w*)\b[^.;]{0,40}\bto\s+$", re.I
)
_TO_BEFORE = re.compile(r"\bto\s+$", re.IGNORECASE)
_OWN_TROOPS = re.compile(
    r"^\s*(?:of\s+)?(?:its|our|their|his|the)\s+(?:[\w-]+\s+)?(?:troops|units|forces|soldiers|defenders|"
    r"servicemen|fighters|brigades?|garrison)\b",
    re.IGNORECASE,
)
_OBJECT_END = re.compile(r"\s(?:after|as|amid|because|due|following|to|towards|into|while|and)\s", re.I)
_AUXILIARIES = re.compile(r"(?:\s+(?:was|were|is|are|had|has|have|been|being|now|also|reportedly))+$", re.I)
_LAST_PRONOUN = re.compile(r"(?:^|\s)(?:it|we|they)$", re.IGNORECASE)


def withdrawals(ctx: ArticleContext, speech: Speech) -> None:
    """Every conceded loss of a place in what is said (see the module's docstring)."""
    lowered = (ctx.lowered or ctx.text.lower())[speech.cs : speech.ce]
    if not any(hint in lowered for hint in WITHDRAWAL_HINTS):
        return
    done: set[int] = set()
    for match in _WITHDRAWAL.finditer(ctx.text, speech.cs, speech.ce):
        before = ctx.text[max(speech.cs, match.start() - 60) : match.start()]
        if NEGATION_BEFORE.search(before) or _NOT_DONE_BEFORE.search(before):
            continue
        if _TO_BEFORE.search(before) and not _ORDERED_TO.search(before):
            continue
        withdrawing = _withdrawing_side(ctx, speech, match)
        controller = enemy_forces(ctx.lexicon, withdrawing) if withdrawing is not None else None
        if controller is None:
            continue
        stop = _OBJECT_END.search(match.group("object"))
        end = match.start("object") + (stop.start() if stop else len(match.group("object")))
        for place in ctx.places_in(match.start("object"), end):
            if place not in done:
                done.add(place)
                ctx.add(
                    "control", speech.claimant, speech.qs, speech.qe, speech.sentence,
                    f"{speech.rule}/control-withdrawal", relayed_by=speech.relay, controller=controller,
                    place_id=place,
                )  # fmt: skip


def _withdrawing_side(ctx: ArticleContext, speech: Speech, match: re.Match[str]) -> PartyRef | None:
    """Who withdraws: the verb's subject, else the speaker's own forces ("the withdrawal of its troops")."""
    own = speaker_side_forces(ctx.lexicon, speech.claimant)
    if match.group("verb").lower() == "withdrawal" or _OWN_TROOPS.match(match.group("between")):
        return own
    if _TO_BEFORE.search(ctx.text, max(speech.cs, match.start() - 5), match.start()):
        return own  # "was given permission to withdraw": the speaker's side was
    start, end, passive = ctx.subject_before(speech.cs, match.start())
    if passive or end <= start:
        return own
    phrase = _AUXILIARIES.sub("", SUBJECT_TAIL.sub("", ctx.text[start:end]).strip())
    if not phrase or _LAST_PRONOUN.search(phrase):
        return own  # "said Wednesday it was withdrawing"
    if pronoun_kind(phrase) is not None or phrase.lower().startswith(("our ", "its ", "their ")):
        return own
    offset = start + ctx.text[start:end].find(phrase)
    refs = resolve_phrase(ctx.text, offset, offset + len(phrase), ctx.lexicon)
    return refs[0] if len(refs) == 1 else None
