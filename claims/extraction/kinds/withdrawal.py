"""Control claims made by saying who left a place or was driven from it.

- A withdrawal conceded: "the army said it had withdrawn from the town of X", "ordered the withdrawal of
  its troops from the city", "permission for a manoeuvre to withdraw units from X", "confirmed their
  withdrawal" (the place named just before): the other belligerent side now holds the place.
- An expulsion: "troops expelled the RSF fighters from X", "drove Russian forces out of X": the side
  that did it holds the place.

Demands, plans and refusals ("called for the withdrawal of Armenian forces from X", "will not
withdraw", "agreed to pull out of X by Sunday") and non-military withdrawals ("withdrew its
ambassador from Baku") are not claims.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from claims.extraction.parties import PartyRef, enemy_forces, resolve_phrase, side_of
from claims.extraction.patterns import NEGATION_BEFORE

if TYPE_CHECKING:
    from claims.extraction.kinds.control import _Claims

WITHDRAWAL_STEMS = frozenset({"with", "pull", "retr"})
EXPULSION_STEMS = frozenset({"expe", "drov", "driv", "push", "oust", "disl"})
_WORD = r"(?!(?:from|of|to|in|on|at|after|amid|as)\b)[\w’'-]+"
_WITHDRAW = re.compile(
    rf"\b(?P<verb>withdr(?:aw|aws|awing|awn|ew|awal)|pull(?:ed|ing|s)?\s+out|retreat(?:ed|ing|s)?)\b"
    rf"(?P<np>(?:\s+{_WORD}){{0,4}})(?:\s+of\s+(?P<of>{_WORD}(?:\s+{_WORD}){{0,4}}))?"
    r"(?:\s+(?:from|of)\s+(?P<place>[^,;.]{2,80}))?",
    re.IGNORECASE,
)
# Who is withdrawn must be forces ("its troops", "units", "Russian forces"), not an envoy or the talks.
_FORCES = re.compile(
    r"\b(?:troops|forces|units|soldiers|servicemen|army|military|fighters|personnel|brigades?|battalions?"
    r"|defenders|garrison|militia|militants)\b",
    re.IGNORECASE,
)
_NOT_FORCES = re.compile(
    r"\b(?:ambassadors?|envoys?|diplomats?|embassy|staff|peacekeepers?|observers|monitors|mission|aid|"
    r"workers|citizens|nationals|delegation|talks|agreement|deal|treaty|negotiations|support|offer|bid|"
    r"candidacy|funding|recognition)\b",
    re.IGNORECASE,
)
# "demanded the withdrawal", "must withdraw", "ready to pull out", "agreed to withdraw by Sunday":
# a withdrawal asked for, offered or promised has not happened.
_NOT_DONE = re.compile(
    r"\b(?:demand\w*|call\w*|urg\w*|must|should|insist\w*|ultimatum|ready|willing|refus\w*|will|would|"
    r"if|unless|plan\w*|threat\w*|agree\w*|promis\w*|expect\w*|negotiat\w*|deadline|"
    r"seek\w*|want\w*|wish\w*|rul\w*\s+out)\b",
    re.IGNORECASE,
)
_EXPEL = re.compile(
    r"\b(?:expelled|drove|driven|pushed|ousted|dislodged)\s+(?P<np>(?:[\w’'()-]+\s+){0,5}?)"
    r"(?:out\s+of|from)\s+(?P<place>[^;.]{2,120})",
    re.IGNORECASE,
)
_UNNAMED_FORCES = re.compile(r"\s*(?:the\s+)?(?:troops|forces|units|soldiers)\s*", re.IGNORECASE)
_AIM = re.compile(r"\b(?:to|trying|tried|attempt\w*|seeking|aiming|bid)\s+$", re.IGNORECASE)
_PLACE_END = re.compile(r",\s+(?!and\b)|\s+(?:after|following|because|amid|to|in\s+order|as|while|since)\s")


def withdrawals(claims: _Claims) -> None:
    """A side said to have left a place ("withdrawn from X"): the other belligerent side holds it."""
    ctx, cs, ce = claims.ctx, claims.speech.cs, claims.speech.ce
    text = ctx.text
    for match in _WITHDRAW.finditer(text, cs, ce):
        before = text[max(cs, match.start() - 60) : match.start()]
        if _NOT_DONE.search(before) or NEGATION_BEFORE.search(before):
            continue
        who = "" if _pulled_out_of(match) else (match.group("of") or match.group("np") or "")
        if _NOT_FORCES.search(who) or (
            who.strip() and not _FORCES.search(who) and not _names_party(claims, who)
        ):
            continue
        leaver = _leaver(claims, match)
        controller = enemy_forces(ctx.lexicon, leaver) if leaver is not None else None
        if controller is None:
            continue
        for place in _places(claims, match):
            claims.add(place, controller, "withdrawal")


def _pulled_out_of(match: re.Match[str]) -> bool:
    """ "pulled out of X": the "of" names the place left, not who left."""
    return match.group("verb").lower().startswith("pull") and bool(match.group("of"))


def _names_party(claims: _Claims, phrase: str) -> bool:
    return bool(phrase.strip()) and bool(resolve_phrase(phrase, 0, len(phrase), claims.ctx.lexicon))


def _leaver(claims: _Claims, match: re.Match[str]) -> PartyRef | None:
    """Who withdrew: the forces named ("the withdrawal of Russian troops"), else the clause's subject;
    forces left unnamed ("its troops", "units", "it") are the speaker's own side."""
    ctx = claims.ctx
    for group in ("np",) if _pulled_out_of(match) else ("of", "np"):
        if match.group(group) and match.group(group).strip():
            named = claims.controller(match.start(group), match.end(group))
            if named is not None:
                return named
    s, e, _passive = ctx.subject_before(claims.speech.cs, match.start())
    named = claims.controller(s, e) if e > s else None
    if named is not None and side_of(ctx.lexicon, named) in ctx.lexicon.belligerent_sides:
        return named
    return claims.own_forces if claims.belligerent else None


def _places(claims: _Claims, match: re.Match[str]) -> list[int]:
    """The place left: after "from", else (a belligerent's "their withdrawal") the last town named."""
    ctx = claims.ctx
    group = "of" if _pulled_out_of(match) else "place"
    if match.group(group):
        start = match.start(group)
        end = match.end("place") if match.group("place") else min(claims.speech.ce, start + 80)
        stop = _PLACE_END.search(ctx.text, start, end)
        return ctx.places_in(start, stop.start() if stop else end)
    if not claims.belligerent:
        return []
    # An empty span: only the towns of the sentence and the two before it count, not a country in it.
    place = ctx.event_place(claims.speech.cs, claims.speech.cs, claims.speech.sentence)
    return [place] if place is not None else []


def expulsions(claims: _Claims) -> None:
    """ "Troops expelled RSF fighters from X": the side that drove the others out holds X."""
    ctx, cs, ce = claims.ctx, claims.speech.cs, claims.speech.ce
    text = ctx.text
    for match in _EXPEL.finditer(text, cs, ce):
        before = text[max(cs, match.start() - 40) : match.start()]
        if NEGATION_BEFORE.search(before) or _AIM.search(before):
            continue
        s, e, passive = ctx.subject_before(cs, match.start())
        if passive:
            continue
        controller = claims.controller(s, e) if e > s else None
        if controller is None and claims.belligerent and _UNNAMED_FORCES.fullmatch(text, s, e):
            controller = claims.own_forces
        for place in ctx.places_in(match.start("place"), match.end("place")):
            claims.add(place, controller, "expelled")
