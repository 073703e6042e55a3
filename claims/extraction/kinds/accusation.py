"""Accusation claims: a party says another party did a hostile act.

Four forms: "X accused Y of ...", a statement naming the other side as the attacker ("Azerbaijani
forces shelled Tartar"), blame named by its agent or demonym ("killed in attacks by X", "an
Israeli airstrike"), and responsibility ("X bears full responsibility", "X is to blame").
The accused must be on a belligerent side other than the claimant's.
"""

from __future__ import annotations

import re
from dataclasses import replace

from claims.extraction.attribution import antecedent, resolve
from claims.extraction.context import ArticleContext, Speech
from claims.extraction.kinds.casualty import historical_window
from claims.extraction.parties import PartyRef, enemy_forces, pronoun_kind, resolve_phrase, side_of
from claims.extraction.patterns import (
    ATTACK,
    BOUNDARY_WORDS,
    ENEMY_WORDS,
    NEGATION_BEFORE,
    OBJECT_STOP,
    SUBJECT_TAIL,
)

ATTACK_STEMS = frozenset(
    {
        "shel", "brok", "bomb", "atta", "stru", "stri", "fire", "firi", "laun", "targ", "hit", "hits",
        "viol", "brea", "open", "usin", "used", "uses", "kill", "dest", "down", "adva", "assa", "raid",
        "poun", "carr", "comm", "mine", "prov", "aggr", "offe", "miss", "rock", "dron", "resp", "blam",
        "airs", "encr", "loot", "rans", "torc", "burn", "burnt", "stor", "abdu", "exec", "mass", "inva",
        "besi", "plun", "crim", "atro", "resu", "caus", "due", "beca",
    }
)  # fmt: skip
ATTACK_RE = re.compile(rf"\b(?P<verb>{ATTACK})\b", re.IGNORECASE)
_ACCUSED_OF = re.compile(r"\s*(?P<np>.+?)\s+(?:of|for)\s+(?P<act>.+)$", re.S)
_DEMONYM_ATTACK_STEMS = frozenset(
    {"atta", "stri", "airs", "shel", "bomb", "raid", "offe", "aggr", "prov", "miss", "rock"}
)
# Blame named by its agent: "killed in attacks by Azerbaijan", "was hit by a Russian missile".
_BY_AGENT = re.compile(
    r"\b(?:attacks?|strikes?|airstrikes?|air\s+strikes?|shelling|bombardment|bombing|provocations?|aggression"
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
    r"|missiles?|rockets?|shells?)\b",
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
# "The leadership of Armenia bears responsibility", "responsibility rests squarely with X", "X is to blame".
_RESPONSIBLE = re.compile(
    r"(?P<np>[^,;:“”\"]{2,80}?)\s+(?:bears?|bore|carries|carry|holds?)\s+(?:full\s+|the\s+|all\s+|sole\s+)*responsibility\b"
    r"|\bresponsibility\b[^.;]{0,60}?\b(?:rests?|lies|lay)\s+(?:\w+\s+)?(?:with|on)\s+(?P<np2>[^,;.“”\"]{2,80})"
    r"|(?P<np3>[^,;:“”\"]{2,80}?)\s+(?:is|are|was|were)\s+(?:\w+\s+)?(?:responsible\s+for|to\s+blame|blamed\s+for)\b",
    re.IGNORECASE,
)
# "the provocation of Armenia", "Russia's aggression", "the war crimes of X": the act named by its doer.
_NOMINAL_BLAME = re.compile(
    r"\b(?:provocations?|aggression|war\s+crimes|atrocities)\s+of\s+(?P<np>[^,;.()“”\"]{2,80})"
    r"|(?P<np2>(?-i:[A-Z][\w-]+(?:\s+[A-Z][\w-]+){0,2}))['’]s\s+(?:[\w-]+\s+){0,2}?"
    r"(?:provocations?|aggression|war\s+crimes|atrocities)\b",
    re.IGNORECASE,
)
_NOMINAL_WORDS = ("provocation", "aggression", "crimes", "atrocities")
# "occurred as a result of the work of Ukraine's air defence", "caused by the actions of the army".
_RESULT_OF = re.compile(
    r"\b(?:as\s+a\s+result\s+of|caused\s+by|due\s+to|because\s+of|the\s+result\s+of)\s+(?:the\s+)?"
    r"(?:work|action|actions|fire|operation|operations|activity|activities)\s+of\s+(?P<np>[^,;.()“”\"]{2,80})",
    re.IGNORECASE,
)
_RESULT_WORDS = ("result of", "caused by", "due to", "because of")
# "..., and blamed Baku for the attack", "..., accusing it of shelling": an accusation the speaker adds.
_COORDINATED_ACCUSE = re.compile(
    r"(?:,\s*|\band\s+)(?:accused|accusing|blamed|blaming)\s+(?P<np>[^,;:“”\"]{1,60}?)\s+(?:of|for)\s+(?P<act>\S)",
    re.IGNORECASE,
)
# The outlet's own voice names an attacker only with a finite verb of a plain report of fire.
_OUTLET_ATTACK = re.compile(
    r"\b(?P<verb>shelled|bombed|bombarded|attacked|struck|targeted|launched|fired\s+(?:on|at)|shot\s+down|pounded"
    r"|raided|stormed)\b",
    re.IGNORECASE,
)
_OUTLET_LEAD = re.compile(
    r"\s*(?:(?:On|In|Early|Late|Overnight|Earlier|Later|Meanwhile)\b[^,;]{0,40},\s*)?$", re.IGNORECASE
)
_PARTICIPLE_AFTER = re.compile(r"\s+(?:in|on|at|by|from|during|last|earlier|early|late)\b", re.IGNORECASE)
_EVENT_NOUN = re.compile(
    r"\b(?:incursion|offensive|attacks?|strikes?|operation|raids?|assaults?|shelling|missiles?|rockets?|drones?)\s*$",
    re.IGNORECASE,
)
_EVENT_SUBJECT = re.compile(
    r"(?:the\s+|this\s+|a\s+)?(?:[\w-]+\s+)?(?:conflict|war|fighting|violence|clashes|hostilities|escalation)\b",
    re.IGNORECASE,
)
_NOT = re.compile(r"\bnot\b|\bno\b", re.IGNORECASE)
# "X denied targeting civilians, saying the army was using the camp as a base": the reason given.
_REASON_GIVEN = re.compile(r",\s*(?:saying|insisting|arguing|claiming|adding)\s+(?:that\s+)?", re.IGNORECASE)

Blamed = list[tuple[PartyRef, int, str]]


def accused_of(ctx: ArticleContext, speech: Speech) -> None:
    """ "X accused Y of shelling Tartar": what follows an accusing verb (``speech`` spans its object)."""
    parsed = _ACCUSED_OF.match(ctx.text[speech.cs : speech.ce])
    if not parsed:
        return
    np_s, np_e = speech.cs + parsed.start("np"), speech.cs + parsed.end("np")
    # A name resolves on its own; a pronoun ("accused it of") takes the party named before.
    named = resolve_phrase(ctx.text, np_s, np_e, ctx.lexicon) or resolve(ctx, np_s, np_e, ctx.current_index)
    for accused in named:
        act_start = speech.cs + parsed.start("act")
        ctx.add(
            "accusation", speech.claimant, speech.qs, speech.qe, speech.sentence, f"{speech.rule}/accused-of",
            relayed_by=speech.relay, accused=accused, act=ctx.act(act_start, ctx.stop(act_start, speech.ce)),
            place_id=ctx.place(act_start, speech.ce),
        )  # fmt: skip


def accusations_in_speech(ctx: ArticleContext, speech: Speech) -> None:
    """The other side named as the doer of a hostile act in what is said, and the blame forms."""
    seen: set[PartyRef] = set()
    coordinated_accusations(ctx, speech, seen)
    if ATTACK_STEMS.isdisjoint(ctx.stems):
        return
    cs, ce = speech.cs, speech.ce
    for match in ATTACK_RE.finditer(ctx.text, cs, ce):
        target = _attacker(ctx, speech, match)
        if target is None or target in seen:
            continue
        seen.add(target)
        ctx.add(
            "accusation",
            speech.claimant,
            speech.qs,
            speech.qe,
            speech.sentence,
            f"{speech.rule}/accusation-in-speech",
            relayed_by=speech.relay,
            accused=target,
            act=ctx.act(match.start(), ctx.stop(match.end(), ce)),
            place_id=ctx.place(match.start(), ce),
        )
    blame_forms(ctx, speech, seen)


def coordinated_accusations(ctx: ArticleContext, speech: Speech, seen: set[PartyRef] | None = None) -> None:
    """ "X said ... and blamed Y for Z": the speaker accuses Y (a pronoun takes its antecedent)."""
    if "accu" not in ctx.stems and "blam" not in ctx.stems:
        return
    seen = set() if seen is None else seen
    for match in _COORDINATED_ACCUSE.finditer(ctx.text, speech.cs, speech.ce):
        wanted = pronoun_kind(match.group("np"))
        if wanted is not None:
            found = antecedent(ctx, wanted, match.start("np"), ctx.current_index, exclude=speech.claimant)
            accused = [found] if found is not None and wanted != "self" else []
        else:
            accused = resolve_phrase(ctx.text, match.start("np"), match.end("np"), ctx.lexicon)
        if len(accused) != 1 or accused[0] == speech.claimant or accused[0] in seen:
            continue
        target = accused[0]
        if side_of(ctx.lexicon, target) == side_of(ctx.lexicon, speech.claimant):
            continue
        seen.add(target)
        act_start = match.start("act")
        ctx.add(
            "accusation", speech.claimant, speech.qs, speech.qe, speech.sentence,
            f"{speech.rule}/accusation-coordinated", relayed_by=speech.relay, accused=target,
            act=ctx.act(act_start, ctx.stop(act_start, speech.ce)), place_id=ctx.place(act_start, speech.ce),
        )  # fmt: skip


def _attacker(ctx: ArticleContext, speech: Speech, match: re.Match[str]) -> PartyRef | None:
    """The subject of an active, affirmed attack verb, when it is the claimant's enemy."""
    s, e, passive = ctx.subject_before(speech.cs, match.start())
    if passive or e <= s:
        return None
    if NEGATION_BEFORE.search(ctx.text, max(speech.cs, match.start() - 30), match.start()):
        return None
    phrase = ctx.text[s:e]
    if _EVENT_SUBJECT.match(phrase.strip(" “”\"'")):
        return None  # "the conflict in the Karabakh region has killed hundreds": no one is named
    accused: list[PartyRef]
    if ENEMY_WORDS.match(phrase.strip(" “”\"'")):
        enemy = enemy_forces(ctx.lexicon, speech.claimant)
        accused = [enemy] if enemy is not None else []
    elif pronoun_kind(phrase.strip()) is not None:
        return None
    else:
        accused = resolve_phrase(ctx.text, s, e, ctx.lexicon)
    if len(accused) != 1:
        return None
    target = accused[0]
    claimant_side, accused_side = side_of(ctx.lexicon, speech.claimant), side_of(ctx.lexicon, target)
    if accused_side not in ctx.lexicon.belligerent_sides or claimant_side == accused_side:
        return None
    return target


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
    if "responsib" in lower or "blame" in lower:
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
        if _TOLL_BACKGROUND.search(text, max(cs, match.start() - 60), match.start()):
            continue
        target = accused_in(ctx, match.start(), match.end(), speech.claimant)
        if target is not None:
            found.append((target, match.start(), "demonym-attack"))
    return found


def _nominal_blame(ctx: ArticleContext, speech: Speech) -> Blamed:
    text, cs = ctx.text, speech.cs
    found: Blamed = []
    for match in _NOMINAL_BLAME.finditer(text, cs, speech.ce):
        group = "np" if match.group("np") else "np2"
        if NEGATION_BEFORE.search(
            text, max(cs, match.start() - 30), match.start()
        ) or _TOLL_BACKGROUND.search(text, max(cs, match.start() - 60), match.start()):
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
        group = next(g for g in ("np", "np2", "np3") if match.group(g))
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


def accusations_after_denial(ctx: ArticleContext, speech: Speech) -> None:
    """ "X denied targeting civilians, saying that Y used the camp as a base": a denial's reason that
    names the other side as the doer is an accusation of its own (the denied act itself is not)."""
    reason = _REASON_GIVEN.search(ctx.text, speech.cs, speech.ce)
    if reason is None or reason.end() >= speech.ce:
        return
    accusations_in_speech(ctx, replace(speech, cs=reason.end()))


def outlet_accusations(ctx: ArticleContext, speech: Speech) -> None:
    """The outlet in its own voice: "Azerbaijani artillery targeted sites in Vardenis".  Only a clause
    that opens with its subject (a belligerent, at most six words) and goes on with a finite verb of
    fire; blame forms, participles and nouns ("the attacks") are left to named speakers."""
    if ATTACK_STEMS.isdisjoint(ctx.stems) or historical_window(ctx, speech.sentence) is not None:
        return  # background about an earlier war is no claim about this one
    text, cs = ctx.text, speech.cs
    for match in _OUTLET_ATTACK.finditer(text, cs, speech.ce):
        s, e, passive = ctx.subject_before(cs, match.start())
        if passive or e <= s or len(text[s:e].split()) > 6 or not _OUTLET_LEAD.fullmatch(text, cs, s):
            continue
        if text[e : match.start()].strip() or text.startswith("-", match.start() - 1):
            continue
        # "an Israeli incursion launched in May": a participle after an event noun, not a finite verb.
        if _PARTICIPLE_AFTER.match(text, match.end()) or _EVENT_NOUN.search(text, s, e):
            continue
        target = _attacker(ctx, speech, match)
        if target is None or _repeated(ctx, speech, target):
            continue
        ctx.add(
            "accusation", speech.claimant, speech.qs, speech.qe, speech.sentence, "outlet/accusation-outlet-voice",
            accused=target, act=ctx.act(match.start(), ctx.stop(match.end(), speech.ce)),
            place_id=ctx.place(match.start(), speech.ce),
        )  # fmt: skip
        return


def _repeated(ctx: ArticleContext, speech: Speech, target: PartyRef) -> bool:
    """The outlet saying the same sentence twice (a standfirst repeated as the lead) claims it once."""
    quote = ctx.text[speech.qs : speech.qe]
    return any(
        c.kind == "accusation" and c.accused == target and c.claimant == speech.claimant and c.quote == quote
        for c in ctx.candidates
    )


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
