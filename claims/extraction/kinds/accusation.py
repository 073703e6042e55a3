"""Accusation claims: a party says another party did a hostile act.

"X accused Y of ...", a statement naming the other side as the attacker ("Azerbaijani forces
shelled Tartar"), an accusation the speaker adds ("..., and blamed Y for Z"), the outlet's own voice
naming an attacker, and the reason a denial gives.  The blame forms ("attacks by X", "X bears
responsibility") and passive accusations are in ``kinds.blame``.
The accused must be on a belligerent side other than the claimant's.
"""

from __future__ import annotations

import re
from dataclasses import replace

from claims.extraction.attribution import antecedent, resolve
from claims.extraction.context import ArticleContext, Speech
from claims.extraction.kinds.blame import accused_in, blame_forms
from claims.extraction.kinds.casualty import historical_window
from claims.extraction.parties import (
    PartyRef,
    ceasefire_counterpart,
    enemy_forces,
    head_before_place,
    pronoun_kind,
    resolve_phrase,
    side_of,
)
from claims.extraction.patterns import ATTACK, ENEMY_WORDS, NEGATION_BEFORE

ATTACK_STEMS = frozenset(
    {
        "shel", "brok", "bomb", "atta", "stru", "stri", "fire", "firi", "laun", "targ", "hit", "hits",
        "viol", "brea", "open", "usin", "used", "uses", "kill", "dest", "down", "adva", "assa", "raid",
        "poun", "carr", "comm", "mine", "prov", "aggr", "offe", "miss", "rock", "dron", "resp", "blam",
        "airs", "encr", "loot", "rans", "torc", "burn", "burnt", "stor", "abdu", "exec", "mass", "inva",
        "besi", "plun", "crim", "atro", "resu", "caus", "due", "beca", "back", "spon", "gunf",
    }
)  # fmt: skip
ATTACK_RE = re.compile(rf"\b(?P<verb>{ATTACK})\b", re.IGNORECASE)
_ACCUSED_OF = re.compile(r"\s*(?P<np>.+?)\s+(?:of|for)\s+(?P<act>.+)$", re.S)
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
# "A Russian missile hit a shopping centre ...", "An Israeli airstrike killed seven aid workers": the outlet
# names the attacker by the weapon's demonym, as the clause's subject.
_OUTLET_WEAPON = re.compile(
    r"(?:an?|the)\s+(?:(?:overnight|deadly|fresh|new|suspected)\s+)?(?P<dem>(?-i:[A-Z][\w-]+))\s+"
    r"(?:(?:missile|rocket|drone|air|artillery|ballistic|cruise|glide)\s+)?"
    r"(?:strikes?|airstrikes?|missiles?|rockets?|drones?|shells?|attacks?|bombs?|shelling|bombardment)"
    r"(?:\s+(?:on|in|at)\s+[^,;.]{2,60}?)?(?:\s+(?:also|again|then|later|reportedly))?\s+(?P<verb>hit|struck|slammed\s+into|killed|destroyed|damaged|wounded"
    r"|left|ripped\s+through|tore\s+through)\b",
    re.IGNORECASE,
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
# "X denied targeting civilians, saying the army was using the camp as a base": the reason given.
_REASON_GIVEN = re.compile(r",\s*(?:saying|insisting|arguing|claiming|adding)\s+(?:that\s+)?", re.IGNORECASE)


def accused_of(ctx: ArticleContext, speech: Speech) -> None:
    """ "X accused Y of shelling Tartar": what follows an accusing verb (``speech`` spans its object)."""
    parsed = _ACCUSED_OF.match(ctx.text[speech.cs : speech.ce])
    if not parsed:
        _blamed_on(ctx, speech)
        return
    np_s, np_e = speech.cs + parsed.start("np"), speech.cs + parsed.end("np")
    # A name resolves on its own; a pronoun ("accused it of") takes the party named before.
    named = resolve_phrase(ctx.text, np_s, np_e, ctx.lexicon) or resolve(ctx, np_s, np_e, ctx.current_index)
    if not named:
        _blamed_on(ctx, speech)  # "blamed the shelling of Martuni on Azerbaijan": the "of" was the act's
    for accused in named:
        act_start = speech.cs + parsed.start("act")
        ctx.add(
            "accusation", speech.claimant, speech.qs, speech.qe, speech.sentence, f"{speech.rule}/accused-of",
            relayed_by=speech.relay, accused=accused, act=ctx.act(act_start, ctx.stop(act_start, speech.ce)),
            place_id=ctx.place(act_start, speech.ce),
        )  # fmt: skip


# "blamed the attack on Pakistan", "..., which New Delhi blames on Pakistan": the act first, then its doer.
_BLAMED_ON = re.compile(r"\s*(?:(?P<act>[^,;]+?)\s+)?on\s+(?P<np>[^,;.()“”\"]{2,60}?)\s*(?=[,.;—–]|$)", re.S)


# "blamed the Rapid Support Forces (RSF) paramilitary group": an abbreviation in brackets is part of it.
_BLAMED_BARE = re.compile(r"\s*(?P<np>[^,;.“”\"]{2,60}?)\s*(?=,\s*\w+ing\b|[.;]|$)(?P<act>)", re.S)


def _blamed_on(ctx: ArticleContext, speech: Speech) -> None:
    """ "X blamed the massacre on Y", "X blamed Y, vowing a response": Y is accused (when it is a
    belligerent other than X's side); a bare object is the doer of the act the article reports."""
    parsed = _BLAMED_ON.match(ctx.text, speech.cs, speech.ce) or _BLAMED_BARE.match(
        ctx.text, speech.cs, speech.ce
    )
    if not parsed:
        return
    named = resolve_phrase(ctx.text, parsed.start("np"), parsed.end("np"), ctx.lexicon)
    if len(named) != 1:
        return
    claimant_side, accused_side = side_of(ctx.lexicon, speech.claimant), side_of(ctx.lexicon, named[0])
    if accused_side not in ctx.lexicon.belligerent_sides or claimant_side == accused_side:
        return
    act_start, act_end = (parsed.start("act"), parsed.end("act")) if parsed.group("act") else speech.sentence
    ctx.add(
        "accusation", speech.claimant, speech.qs, speech.qe, speech.sentence, f"{speech.rule}/accusation-blamed-on",
        relayed_by=speech.relay, accused=named[0], act=ctx.act(act_start, ctx.stop(act_start, act_end)),
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
    if not seen:
        _violations_reported(ctx, speech)


# "there have been repeated violations of the understanding", "gross violations of the truce", "the
# ceasefire has been violated": a belligerent reporting breaches without naming who broke it means the
# other party to the truce.
_TRUCE = r"(?:ceasefire|cease-fire|truce|understanding|agreement|deal|armistice|arrangement)"
_VIOLATIONS_REPORTED = re.compile(
    r"\bthere\s+(?:have|has|had)\s+been\s+(?:(?:repeated|numerous|multiple|several|many|continued|continuous"
    r"|serious|gross|flagrant|fresh|new|further)\s+)?(?:ceasefire\s+|truce\s+)?(?:violations?|breach(?:es)?)\b"
    r"|\b(?:repeated|numerous|multiple|continued|continuous|serious|gross|flagrant|fresh|blatant)\s+"
    r"(?:violations?|breach(?:es)?)\s+of\s+(?:the\s+|this\s+|a\s+)?(?:[\w-]+\s+){0,2}?" + _TRUCE + r"\b"
    r"|\b(?:the\s+|this\s+)?(?:[\w-]+\s+)?"
    + _TRUCE
    + r"\s+(?:had|has|have|was|were)\s+been\s+(?:repeatedly\s+|"
    r"grossly\s+|blatantly\s+)?(?:violated|breached)\b",
    re.IGNORECASE,
)
_BY_NAMED = re.compile(r"\s+(?:by|from)\s+(?P<np>[^,;.]{2,50})", re.IGNORECASE)
_HYPOTHETICAL_BEFORE = re.compile(
    r"\b(?:any|if|should|would|will|no|not|never|denied|denies|deny|rejects?|rejected)\b[^.]{0,25}$",
    re.IGNORECASE,
)


def _violations_reported(ctx: ArticleContext, speech: Speech) -> None:
    """A belligerent reporting breaches of a truce without naming the doer: an accusation of the other
    party to the truce (none when it is not one party, when the breach is hypothetical or negated, or
    when the doer is named after "by", which the blame forms read)."""
    if "viol" not in ctx.stems and "brea" not in ctx.stems:
        return
    match = _VIOLATIONS_REPORTED.search(ctx.text, speech.cs, speech.ce)
    if match is None or _HYPOTHETICAL_BEFORE.search(
        ctx.text, max(speech.cs, match.start() - 30), match.start()
    ):
        return
    if _BY_NAMED.match(ctx.text, match.end(), speech.ce):
        return
    target = ceasefire_counterpart(ctx.lexicon, speech.claimant)
    if target is None:
        return
    ctx.add(
        "accusation", speech.claimant, speech.qs, speech.qe, speech.sentence, f"{speech.rule}/accusation-violations",
        relayed_by=speech.relay, accused=target, act="violating the ceasefire",
        place_id=ctx.place(speech.cs, speech.ce),
    )  # fmt: skip


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


_TRAILING_AUX = re.compile(
    r"\s+(?:is|are|was|were|has|have|had|has\s+been|have\s+been|had\s+been|keeps|kept)$", re.I
)


def _attacker(ctx: ArticleContext, speech: Speech, match: re.Match[str]) -> PartyRef | None:
    """The subject of an active, affirmed attack verb, when it is the claimant's enemy."""
    s, e, passive = ctx.subject_before(speech.cs, match.start())
    if passive or e <= s:
        return None
    if NEGATION_BEFORE.search(ctx.text, max(speech.cs, match.start() - 30), match.start()):
        return None
    phrase = ctx.text[s:e]
    if ATTACK_RE.search(ctx.text, s, e):
        return None  # "its jets had struck Hezbollah targets": a noun after the verb, not a subject
    if _EVENT_SUBJECT.match(phrase.strip(" “”\"'")):
        return None  # "the conflict in the Karabakh region has killed hundreds": no one is named
    accused: list[PartyRef]
    # "the enemy is shelling": the auxiliary before a progressive verb is no part of the subject.
    bare = _TRAILING_AUX.sub("", phrase.strip(" “”\"'"))
    if ENEMY_WORDS.match(bare):
        enemy = enemy_forces(ctx.lexicon, speech.claimant)
        accused = [enemy] if enemy is not None else []
    elif pronoun_kind(phrase.strip()) is not None:
        return None
    else:
        # "An American airstrike in Yemen killed ...": the place after the head is not the doer.
        accused = head_before_place(ctx.text, s, e, ctx.lexicon) or resolve_phrase(
            ctx.text, s, e, ctx.lexicon
        )
    if len(accused) != 1:
        return None
    target = accused[0]
    claimant_side, accused_side = side_of(ctx.lexicon, speech.claimant), side_of(ctx.lexicon, target)
    if accused_side not in ctx.lexicon.belligerent_sides or claimant_side == accused_side:
        return None
    return target


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
    if _outlet_weapon(ctx, speech):
        return
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


def _outlet_weapon(ctx: ArticleContext, speech: Speech) -> bool:
    """ "A Russian missile hit a shopping centre", as the outlet's lead: the weapon's demonym names the
    attacker (a belligerent's forces); True when it made the claim."""
    match = _OUTLET_WEAPON.match(ctx.text, speech.cs + len(_lead(ctx, speech)))
    if match is None or ctx.lexicon.states.get(match.group("dem").lower()) is None:
        return False
    target = accused_in(ctx, match.start("dem"), match.start("verb"), speech.claimant)
    if target is None or _repeated(ctx, speech, target):
        return False
    ctx.add(
        "accusation", speech.claimant, speech.qs, speech.qe, speech.sentence, "outlet/accusation-outlet-weapon",
        accused=target, act=ctx.act(match.start(), ctx.stop(match.end(), speech.ce)),
        place_id=ctx.place(match.start(), speech.ce),
    )  # fmt: skip
    return True


_LEAD_WORDS = re.compile(
    r"(?:(?:On|In|Early|Late|Overnight|Earlier|Later|Meanwhile)\b[^,;]{0,40},\s*)?", re.I
)


def _lead(ctx: ArticleContext, speech: Speech) -> str:
    lead = _LEAD_WORDS.match(ctx.text, speech.cs)
    return lead.group(0) if lead else ""


def _repeated(ctx: ArticleContext, speech: Speech, target: PartyRef) -> bool:
    """The outlet saying the same sentence twice (a standfirst repeated as the lead) claims it once."""
    quote = ctx.text[speech.qs : speech.qe]
    return any(
        c.kind == "accusation" and c.accused == target and c.claimant == speech.claimant and c.quote == quote
        for c in ctx.candidates
    )
