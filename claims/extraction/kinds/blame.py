"""Blame forms inside what a speaker says, and passive accusations.

Blame named by its agent or demonym ("killed in attacks by X", "an Israeli airstrike"), by a nominal
act's doer ("the provocation of X"), by cause ("as a result of the work of X") and by responsibility
("X bears full responsibility", "X is to blame"); and the passive "Y is blamed for ..." whose accuser is
named.  The accused must be on a belligerent side other than the claimant's.
"""

from __future__ import annotations

import re

from claims.extraction.attribution import resolve
from claims.extraction.context import ArticleContext, Speech
from claims.extraction.parties import PartyRef, enemy_forces, pronoun_kind, resolve_phrase, side_of
from claims.extraction.patterns import BOUNDARY_WORDS, ENEMY_WORDS, NEGATION_BEFORE, OBJECT_STOP, SUBJECT_TAIL

_DEMONYM_ATTACK_STEMS = frozenset(
    {"atta", "stri", "airs", "shel", "bomb", "raid", "offe", "aggr", "prov", "miss", "rock", "firi", "gunf"}
)
# Blame named by its agent: "killed in attacks by Azerbaijan", "was hit by a Russian missile".
_BY_AGENT = re.compile(
    r"\b(?:attacks?|strikes?|airstrikes?|air\s+strikes?|shelling|bombardment|bombing|provocations?|aggression"
    r"|firing|gunfire|(?:ceasefire\s+|truce\s+)?(?:violations?|breaches?)"
    r"|raids?|assaults?|offensive|fire|missiles?|rockets?|drones?|shells?|hit|struck|fired|launched|shelled"
    r"|bombed|targeted|attacked|shot\s+down|destroyed|killed|carried\s+out|committed|mined|downed|encroachments"
    r"|used\s+as\s+(?:a\s+|an\s+)?(?:military\s+)?(?:base|human\s+shields?|shields?|launch\s+pad))"
    r"\s+(?:[\w-]+\s+){0,3}?by\s+(?P<np>[^,;.()“”\"]{2,80})",
    re.IGNORECASE,
)
# "an Israeli airstrike", "a Russian missile strike", "Azerbaijani shelling of Tartar".
_DEMONYM_ATTACK = re.compile(
    r"\b(?P<dem>(?-i:[A-Z][\w-]+))\s+(?:(?:missile|rocket|drone|air|artillery|tank|mortar|military|army|ground)\s+)?"
    r"(?:attacks?|strikes?|airstrikes?|shelling|bombardment|bombing|raids?|offensive|aggression|provocations?"
    r"|missiles?|rockets?|shells?|firing|gunfire)\b",
    re.IGNORECASE,
)
# A toll's background ("the death toll from a Russian missile strike", "killed in the Israeli airstrike"):
# the attack only names the event the figure is about, it is not blamed in its own right.
_TOLL_BACKGROUND = re.compile(
    r"\b(?:toll|deaths?|dead|killed|killing|wounded|injured|destroyed|damaged|victims)\b[^.;]{0,40}?\s+"
    r"(?:in|from|by|after|during|of)\s+(?:the\s+|a\s+|an\s+|last\s+\w+'s\s+)?(?:[\w-]+\s+){0,2}$"
    r"|\b(?:alleged|so-called|supposed|purported|claimed)\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)
_QUALIFIED = re.compile(r"\b(?:alleged|so-called|supposed|purported|claimed)\s+(?:\w+\s+)?$", re.IGNORECASE)
# "The leadership of Armenia bears responsibility", "responsibility rests squarely with X", "X is to blame".
_RESPONSIBLE = re.compile(
    r"(?P<np>[^,;:“”\"]{2,80}?)\s+(?:bears?|bore|carries|carry|holds?)\s+(?:full\s+|the\s+|all\s+|sole\s+)*responsibility\b"
    r"|\bresponsibility\b[^.;]{0,60}?\b(?:rests?|lies|lay)\s+(?:\w+\s+)?(?:with|on)\s+(?P<np2>[^,;.“”\"]{2,80})"
    r"|(?P<np3>[^,;:“”\"]{2,80}?)\s+(?:is|are|was|were)\s+(?:\w+\s+)?(?:responsible\s+for|to\s+blame|blamed\s+for)\b"
    # "Hezbollah was behind the attack", "the group is behind the rocket launch": the doer, named by cause.
    r"|(?P<np4>[^,;:“”\"]{2,80}?)\s+(?:is|are|was|were|had\s+been|has\s+been|stood|stands)\s+(?:\w+\s+)?behind\s+"
    r"(?:the|this|that|these|those|a|an|its|their)\s+(?:[\w-]+\s+){0,3}?(?:attacks?|strikes?|launch|shelling"
    r"|bombings?|killings?|massacre|explosions?|blasts?|fire|assault|raids?)\b"
    # "the group responsible for the killings is backed by Pakistan": the doer's sponsor is blamed.
    r"|\b(?:attackers|perpetrators|gunmen|militants|terrorists|assailants|group|outfit|organi[sz]ation|responsible)\b"
    r"[^,;:“”\"]{0,60}?\s+(?:is|are|was|were|had\s+been|has\s+been|have\s+been)\s+(?:\w+\s+)?(?:backed|sponsored"
    r"|funded|armed|trained|directed|supported|sent)\s+by\s+(?P<np5>[^,;.“”\"—–]{2,60})",
    re.IGNORECASE,
)
# "the provocation of Armenia", "Russia's aggression", "the war crimes of X": the act named by its doer.
_NOMINAL_BLAME = re.compile(
    r"\b(?:provocations?|aggression|war\s+crimes|atrocities)\s+of\s+(?P<np>[^,;.()“”\"]{2,80})"
    r"|(?P<np2>(?-i:[A-Z][\w-]+(?:\s+[A-Z][\w-]+){0,2}))['’]s\s+(?:[\w-]+\s+){0,2}?"
    r"(?:provocations?|aggression|war\s+crimes|atrocities)\b"
    # "as a result of intense bombardment of the Armenian army": an attack named by the force that made it.
    r"|(?<!counter-)(?<!counter)\b(?:bombardments?|shelling|attacks?|strikes?|airstrikes?|fire|offensive|bombing"
    r"|assaults?)\s+of\s+"
    r"(?P<np3>(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:army|armed\s+forces|forces|troops|military))\b",
    re.IGNORECASE,
)
_NOMINAL_WORDS = ("provocation", "aggression", "crimes", "atrocities", "army", "forces", "troops", "military")
# "occurred as a result of the work of Ukraine's air defence", "caused by the actions of the army".
_RESULT_OF = re.compile(
    r"\b(?:as\s+a\s+result\s+of|caused\s+by|due\s+to|because\s+of|the\s+result\s+of)\s+(?:the\s+)?"
    r"(?:work|action|actions|fire|operation|operations|activity|activities)\s+of\s+(?P<np>[^,;.()“”\"]{2,80})",
    re.IGNORECASE,
)
_RESULT_WORDS = ("result of", "caused by", "due to", "because of")
_NOT = re.compile(r"\bnot\b|\bno\b", re.IGNORECASE)

Blamed = list[tuple[PartyRef, int, str]]


def accused_in(ctx: ArticleContext, start: int, end: int, claimant: PartyRef) -> PartyRef | None:
    """The one party a blamed noun phrase names, on a belligerent side other than the claimant's."""
    text = ctx.text
    stop = OBJECT_STOP.search(text, start, end)
    end = stop.start() if stop else end
    phrase = SUBJECT_TAIL.sub("", text[start:end]).strip(" “”\"'")
    if not phrase or pronoun_kind(phrase) is not None:
        return None
    target: PartyRef | None
    if ENEMY_WORDS.match(phrase):
        target = enemy_forces(ctx.lexicon, claimant)
    else:
        refs = resolve_phrase(text, start, start + len(text[start:end].rstrip()), ctx.lexicon)
        if len(refs) != 1:
            return None
        target = refs[0]
    if target is None:
        return None
    claimant_side, accused_side = side_of(ctx.lexicon, claimant), side_of(ctx.lexicon, target)
    if accused_side not in ctx.lexicon.belligerent_sides or claimant_side == accused_side:
        return None
    return target


def blame_forms(ctx: ArticleContext, speech: Speech, seen: set[PartyRef]) -> None:
    """Blame by agent ("attacks by X"), by demonym ("an Israeli airstrike"), by responsibility, by
    a nominal act's doer ("the provocation of X") and by cause ("as a result of the work of X")."""
    lower = ctx.text[speech.cs : speech.ce].lower()
    found: Blamed = []
    if " by " in lower:
        found += _by_agent(ctx, speech)
    if not _DEMONYM_ATTACK_STEMS.isdisjoint(ctx.stems):
        found += _by_demonym(ctx, speech)
    if "responsib" in lower or "blame" in lower or " behind " in lower or "ed by " in lower:
        found += _responsible(ctx, speech)
    if any(word in lower for word in _NOMINAL_WORDS):
        found += _nominal_blame(ctx, speech)
    if any(word in lower for word in _RESULT_WORDS):
        found += _result_of(ctx, speech)
    for target, at, how in found:
        if target in seen:
            continue
        seen.add(target)
        ctx.add(
            "accusation", speech.claimant, speech.qs, speech.qe, speech.sentence,
            f"{speech.rule}/accusation-{how}", relayed_by=speech.relay, accused=target,
            act=ctx.act(at, ctx.stop(at, speech.ce)), place_id=ctx.place(speech.cs, speech.ce),
        )  # fmt: skip


def _by_agent(ctx: ArticleContext, speech: Speech) -> Blamed:
    text, cs = ctx.text, speech.cs
    found: Blamed = []
    for match in _BY_AGENT.finditer(text, cs, speech.ce):
        if NEGATION_BEFORE.search(text, max(cs, match.start() - 30), match.start()):
            continue
        agent = _DEMONYM_ATTACK.match(
            text, match.start("np") + (4 if text.startswith("the ", match.start("np")) else 0)
        )
        if agent and _TOLL_BACKGROUND.search(text, max(cs, match.start("np") - 60), match.start("np")):
            continue
        target = accused_in(ctx, match.start("np"), match.end("np"), speech.claimant)
        if target is not None:
            found.append((target, match.start(), "by-agent"))
    return found


def _by_demonym(ctx: ArticleContext, speech: Speech) -> Blamed:
    text, cs = ctx.text, speech.cs
    found: Blamed = []
    for match in _DEMONYM_ATTACK.finditer(text, cs, speech.ce):
        state = ctx.lexicon.states.get(match.group("dem").lower())
        if state is None or NEGATION_BEFORE.search(text, max(cs, match.start() - 30), match.start()):
            continue
        if _QUALIFIED.search(text, max(cs, match.start() - 60), match.start()):
            continue
        target = accused_in(ctx, match.start(), match.end(), speech.claimant)
        if target is not None:
            found.append((target, match.start(), "demonym-attack"))
    return found


def _nominal_blame(ctx: ArticleContext, speech: Speech) -> Blamed:
    text, cs = ctx.text, speech.cs
    found: Blamed = []
    for match in _NOMINAL_BLAME.finditer(text, cs, speech.ce):
        group = next(g for g in ("np", "np2", "np3") if match.group(g))
        if NEGATION_BEFORE.search(text, max(cs, match.start() - 30), match.start()) or _QUALIFIED.search(
            text, max(cs, match.start() - 60), match.start()
        ):
            continue
        target = accused_in(ctx, match.start(group), match.end(group), speech.claimant)
        if target is not None:
            found.append((target, match.start(), "nominal-act"))
    return found


def _result_of(ctx: ArticleContext, speech: Speech) -> Blamed:
    text, cs = ctx.text, speech.cs
    found: Blamed = []
    for match in _RESULT_OF.finditer(text, cs, speech.ce):
        if NEGATION_BEFORE.search(text, max(cs, match.start() - 30), match.start()) or _NOT.search(
            text, max(cs, match.start() - 12), match.start()
        ):
            continue
        np_start = match.start("np")
        # "Ukraine's air defence systems": the owner is the doer.
        owner = re.match(r"(?-i:[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)['’]s\s", text[np_start : match.end("np")])
        np_end = np_start + owner.end() - 3 if owner else match.end("np")
        target = accused_in(ctx, np_start, np_end, speech.claimant)
        if target is not None:
            found.append((target, match.start(), "result-of"))
    return found


def _responsible(ctx: ArticleContext, speech: Speech) -> Blamed:
    text, cs = ctx.text, speech.cs
    found: Blamed = []
    for match in _RESPONSIBLE.finditer(text, cs, speech.ce):
        group = next(g for g in ("np", "np2", "np3", "np4", "np5") if match.group(g))
        start, end = match.start(group), match.end(group)
        for boundary in BOUNDARY_WORDS.finditer(text, start, end):
            start = boundary.end()
        if NEGATION_BEFORE.search(text, max(cs, match.end(group) - 5), match.end()) or _NOT.search(
            text[match.end(group) : match.end()]
        ):
            continue
        target = accused_in(ctx, start, end, speech.claimant)
        if target is not None:
            found.append((target, match.start(group), "responsible"))
    return found


# "In Armenia, Azerbaijan is blamed for the aggression", "Russia was accused by Kyiv of ...": a passive
# accusation names its accuser after "by" or as the country the sentence opens with.
_PASSIVE_BLAME = re.compile(
    r"(?:^|,\s*)(?P<np>[^,;]{2,60}?)\s+(?:is|was|were|are|has\s+been|have\s+been|had\s+been)\s+(?:being\s+)?"
    r"(?:blamed|accused)\s+(?:by\s+(?P<by>[^,;.]{2,60}?)\s+)?(?:for|of)\s+(?P<act>\S)",
    re.IGNORECASE,
)
_IN_COUNTRY_LEAD = re.compile(r"\s*In\s+(?P<place>[^,]{2,30}),")


def passive_blame(ctx: ArticleContext, cs: int, ce: int, sentence: tuple[int, int]) -> bool:
    """A passive accusation whose accuser is named ("by X", "In X, ..."); True when one was added."""
    if "blam" not in ctx.stems and "accu" not in ctx.stems:
        return False
    match = _PASSIVE_BLAME.search(ctx.text, cs, ce)
    if match is None:
        return False
    accuser: PartyRef | None = None
    if match.group("by"):
        found = resolve(ctx, match.start("by"), match.end("by"), ctx.current_index)
        accuser = found[0] if len(found) == 1 else None
    else:
        lead = _IN_COUNTRY_LEAD.match(ctx.text, cs, match.start("np"))
        if lead:
            accuser = ctx.lexicon.states.get(lead.group("place").strip().lower())
    if accuser is None:
        return False
    accused = accused_in(ctx, match.start("np"), match.end("np"), accuser)
    if accused is None:
        return False
    act_start = match.start("act")
    ctx.add(
        "accusation", accuser, cs, ce, sentence, "passive-blame", accused=accused,
        act=ctx.act(act_start, ctx.stop(act_start, ce)), place_id=ctx.place(act_start, ce),
    )  # fmt: skip
    return True
