"""Denial claims: a party denies an act, says it respects the ceasefire, says a place was not lost or
is still being fought for, or rejects a report as false.  A conditional ("ready to respect it if
...") or an appeal ("urged both sides to observe it") is not one.
"""

from __future__ import annotations

import re

from claims.extraction.context import ArticleContext, Speech
from claims.extraction.parties import resolve_phrase, side_of
from claims.extraction.patterns import ATTACK, NEGATION_BEFORE

DENIAL_STEMS = frozenset(
    {
        "resp", "obse", "adhe", "abid", "comp", "comm", "hono", "upho", "not", "didn", "hadn", "hasn",
        "have", "neve", "wasn", "were", "fals", "untr", "base", "grou", "fabr", "lie", "lies", "disi",
        "fake", "prov", "true", "noth", "lost", "fall", "absu", "real", "figh", "batt", "clas", "comb",
        "hold", "reta", "kept", "keep", "main", "repe", "repu", "thwa", "foil", "succ", "unsu", "deni",
        "deny", "reje", "dism", "refu", "info", "news", "no", "did", "does", "decl", "hit", "hits", "stru",
        "stri", "targ", "atta", "aime", "fire", "carr", "laun", "excl", "only", "sole", "none", "mist",
        "unin", "misi", "acci", "rule", "ruli",
    }
)  # fmt: skip
_NEGATED_ATTACK = re.compile(
    rf"\b(?:did not|didn't|had not|hadn't|has not|hasn't|have not|haven't|never|was not|were not|"
    rf"is not|are not|do not|does not|don't|doesn't|cannot|can't|could not)\s+(?!only\b|just\b|merely\b)(?:\w+\s+){{0,2}}?(?:{ATTACK}|fire|shell|attack|target|strike|bomb|violate|breach)\b",
    re.IGNORECASE,
)
# "... but did not acknowledge any civilian casualties": the speaker's attack left no victims, it says.
_NOT_ACKNOWLEDGED = re.compile(
    r"\b(?:did\s+not|didn't|does\s+not|doesn't|has\s+not|hasn't|have\s+not|refused\s+to|declined\s+to)\s+"
    r"(?:acknowledge|admit|confirm|recogni[sz]e)\s+(?:any\s+)?(?:civilian\s+)?(?:casualties|deaths|victims"
    r"|civilian\s+deaths|killings)\b",
    re.IGNORECASE,
)
# "No fire of any kind has been opened", "no strikes were carried out on the town".
_NO_ACT = re.compile(
    r"\bno\s+(?:fire|shots?|strikes?|attacks?|shelling|missiles?|rockets?)\b[^.;]{0,40}?"
    r"\b(?:has|have|had|was|were)\s+(?:ever\s+)?(?:been\s+)?(?:opened|fired|carried out|launched|made)\b",
    re.IGNORECASE,
)
_RESPECT = re.compile(
    r"\b(?:respect|respects|respected|respecting|observe|observes|observed|observing|adhere|adheres|"
    r"adhered|adhering|abide|abides|abided|abiding|comply|complies|complied|complying|committed|"
    r"honou?r|honou?ring|honou?red|upheld|upholding)\b(?:\s+(?:to|by|with))?\s+(?:the\s+|a\s+|its\s+)?"
    r"(?:\w+\s+){0,2}?(?:ceasefire|cease-fire|truce|it)\b",
    re.IGNORECASE,
)
_RESPECTED = re.compile(
    r"\b(?:ceasefire|cease-fire|truce)\s+(?:was|is|has been|had been|were|are)\s+(?:being\s+|largely\s+|fully\s+)?"
    r"(?:respected|observed|honou?red|holding|upheld)\b",
    re.IGNORECASE,
)
# "ready to respect the ceasefire if ...", "urged both sides to observe it": not a statement of fact.
_HYPOTHETICAL = re.compile(
    r"\b(?:ready|willing|prepared|would|will|if|urged?|urging|called on|calls on|must|should|demanded?|"
    r"asked|wants?|hopes?|hoped)\b[^.]*$",
    re.IGNORECASE,
)
_APPEAL = re.compile(r"\bcall(?:ed|s|ing)? on\b|\burg(?:ed|es|ing)\b", re.IGNORECASE)
_NEGATED_LOSS = re.compile(
    r"\b(?:was|is|were|are|has|had|have)\s+not\s+(?:been\s+)?(?:lost|fallen|captured|taken|seized)\b"
    r"|\b(?:did not|didn't|has not|had not|hasn't|hadn't)\s+fall(?:en)?\b|\bnot\s+lost\b",
    re.IGNORECASE,
)
# "there were no Armenian forces in Karabakh": a party denying its own forces are there at all.
_NO_PRESENCE = re.compile(
    r"\bthere\s+(?:were|was|are|is|have\s+been|has\s+been)\s+no\s+(?P<np>(?:[\w-]+\s+){1,2}?"
    r"(?:forces|troops|soldiers|servicemen|units|mercenaries|fighters|military\s+personnel))\b",
    re.IGNORECASE,
)
_REBUTTAL = re.compile(
    r"\b(?:false|untrue|baseless|groundless|fabricated|fabrication|lies|lie|disinformation|fake|"
    r"provocation|not true|nothing to do with|absurd|falsification|does not reflect reality|"
    r"did not correspond to reality|do not correspond to reality|does not correspond to reality|"
    r"total lie|absolute lie|complete lie)\b",
    re.IGNORECASE,
)
_REPORTED_THING = re.compile(
    r"\b(?:report|claim|allegation|accusation|statement|information|news|rumou?r)s?\b", re.IGNORECASE
)
# "[what the other side says] is not true", "... are completely false": a rebuttal as the predicate.
# "Armenia denies both claims" said by someone else ("..., according to its spokeswoman").
_DENIES_IN_SPEECH = re.compile(
    r"(?<!was )(?<!were )(?<!been )(?<!being )(?<!are )(?<!is )"
    r"\b(?:denies|denied|deny|rejects|rejected|dismisses|dismissed|refutes|refuted|rebuked|rebukes)\s+(?:[\w'’-]+\s+){0,3}?"
    r"(?:claims?|allegations?|accusations?|reports?|charges?|involvement|responsibility|targeting|attacking"
    r"|shelling|striking|firing|carrying\s+out|launching|bombing|killing|sending|committing|any\s+(?:role|link|connection|relation))\b",
    re.IGNORECASE,
)
_REBUTTAL_PREDICATE = re.compile(
    r"\b(?:is|are|was|were)\s+(?:(?:completely|absolutely|totally|simply|entirely)\s+)?"
    r"(?:not\s+true|untrue|false|fake|baseless|groundless|fabricated|a\s+lie|lies|disinformation)\b",
    re.IGNORECASE,
)
# A defender's answer to a claim of capture: the fight for the place is not over.
_STILL_FIGHTING = re.compile(
    r"\b(?:(?:heavy|fierce|intense|violent|street)\s+)?(?:fighting|battles?|clashes|combat)\s+(?:for\s+[\w-]+(?:\s+[\w-]+)?\s+)?"
    r"(?:(?:is|are|was|were|has been|have been)\s+)?(?:still\s+)?(?:continu(?:es|e|ed|ing)|going on|under\s*way|raging|rages|ongoing)\b"
    r"|\b(?:still|are|were|is|was)\s+(?:still\s+)?holding\s+(?:out|on|the\s+defen[cs]e|their\s+positions)\b"
    r"|\b(?:units|forces|troops|defenders|soldiers)\s+(?:are|were)\s+(?:still\s+)?fighting\s+(?:in|for)\b"
    r"|\b(?:retained|retains|retain|kept|keeps|keep|maintained|maintains)\s+(?:some\s+|partial\s+)?(?:\w+\s+){0,2}?control\b"
    r"|\b(?:repelled|repulsed|repelling|repulsing|thwarted|foiled)\b"
    r"|\b(?:without\s+success|not\s+having\s+(?:any\s+)?success|to\s+no\s+avail|unsuccessfully)\b"
    r"|\b(?:fighting|battle|fight|struggle)\s+for\s+[^,;.]{2,40}?\s+(?:is|was|has)\s+not\s+(?:yet\s+)?(?:been\s+)?"
    r"(?:over|ended|finished|decided)\b",
    re.IGNORECASE,
)
# "No Pakistani military facilities have been targeted", "not a single civilian was harmed": an act
# denied by saying nothing of the kind was hit (the object first, in the passive).
_NOTHING_HIT = re.compile(
    r"\b(?:no|not\s+(?:a\s+single|one|any))\s+(?:[\w-]+\s+){0,3}?(?:civilians?|facilit(?:y|ies)|installations?"
    r"|targets?|sites?|homes|houses|residential\s+(?:areas?|buildings?)|hospitals?|people|persons?)\s+"
    r"(?:(?:has|have|had|was|were|is|are)\s+(?:ever\s+)?(?:been\s+)?)?(?:targeted|hit|struck|harmed|attacked|shelled|bombed)\b",
    re.IGNORECASE,
)
# What a belligerent says it struck when civilians are said to have died there: a military object.
_MILITARY_OBJECT = (
    r"(?:(?:[\w’'-]+\s+){0,4}?(?:military|army|command|intelligence|legitimate|hostile|terrorist|militant)"
    r"(?:[\w-]*)\s+(?:and\s+[\w-]+\s+)?(?:[\w-]+\s+){0,2}?(?:targets?|facilit(?:y|ies)|installations?|sites?"
    r"|bases?|headquarters|positions?|infrastructure|objects?|cent(?:re|er)s?|posts?|camps?)"
    r"|(?:[\w’'-]+\s+){0,3}?(?:meeting|gathering)\s+of\s+(?:[\w’'-]+\s+){0,6}?(?:officers|commanders|command"
    r"|leadership|staff|soldiers|servicemen|troops)"
    r"|(?:[\w’'-]+\s+){0,2}?(?:weapons?|ammunition|arms)\s+(?:depot|store|warehouse|storage))"
)
_MILITARY_TARGET = re.compile(
    r"\b(?:hit|hits|struck|strike|striking|targeted|targeting|attacked|aimed\s+at|strikes(?=\s+(?:exclusively|only|solely)\b)"
    r"|fired\s+(?:[\w-]+\s+){0,4}?(?:at|against|on)|carried\s+out\s+(?:a\s+)?(?:[\w-]+\s+)?strikes?\s+on"
    # "strikes are carried out only against military targets"
    r"|(?:carried\s+out|conducted|directed|launched)\s+(?:exclusively\s+|only\s+|solely\s+)?(?:against|on|at))"
    r"\s+(?:exclusively\s+|only\s+|solely\s+)?(?:at\s+|on\s+)?(?:the\s+site\s+of\s+)?"
    + _MILITARY_OBJECT
    + r"\b"
    r"|\b(?:main|primary|intended|real|actual|precise|only)?\s*targets?\s+(?:of\s+[^,;]{2,40}?\s+)?(?:was|were|is|are)\s+"
    r"(?:the\s+)?" + _MILITARY_OBJECT + r"\b"
    r"|\b(?:exclusively|only|solely)\s+(?:at\s+|on\s+)?(?:military|legitimate)\b",
    re.IGNORECASE,
)
_CIVILIAN_HARM = re.compile(
    r"\b(?:civilians?|hospitals?|residential|market|mall|shopping|mosques?|church(?:es)?|schools?|homes|children)\b",
    re.IGNORECASE,
)
# "the Kremlin absolutely rules out that there were attacks on civilian sites".
_RULED_OUT = re.compile(r"\b(?:rules?|ruled|ruling)\s+out|\bexclude[sd]?\b", re.IGNORECASE)
_CIVILIAN_ACT = re.compile(
    r"\b(?:attacks?|strikes?|shelling|targeting|bombing)\b[^.;]{0,30}?\bcivilian", re.IGNORECASE
)
# "it was Ukrainian air defence fire, not Russia, that hit the hospital": the speaker's side is not the doer.
_NOT_US = re.compile(
    r",\s*not\s+(?P<np>[^,;.]{2,40}?)\s*,\s*(?:that|which|who)?\s*(?:had\s+|has\s+)?"
    r"(?:hit|struck|fired|caused|destroyed|damaged|killed|was\s+responsible|is\s+responsible)\b",
    re.IGNORECASE,
)
# "a grave mistake", "an unintended strike", "not meant to harm": the doer denies having meant it.
_UNINTENDED = re.compile(
    r"\b(?:(?:grave|tragic|terrible|serious)\s+)?mistake\b(?!\s+to\b)|\bmistaken(?:ly)?\b|\bunintend\w*"
    r"|\bunintentional(?:ly)?\b|\bnot\s+(?:meant|intended|designed|aimed)\s+to\s+(?:harm|hit|kill|target)\b"
    r"|\bmisidentif\w+|\bby\s+(?:mistake|accident)\b|\baccidental(?:ly)?\b",
    re.IGNORECASE,
)
_STRIKE_WORD = re.compile(
    r"\b(?:strikes?|struck|attack\w*|shelling|fire|fired|hit|killed|killing|harm)\b", re.I
)
_WOULD_BEFORE = re.compile(r"\b(?:would|will|could|might)\s+(?:be\s+)?(?:a\s+)?$", re.IGNORECASE)
# "none of its aircraft suffered any damage": the speaker's side lost nothing.
_NONE_LOST = re.compile(
    r"\bnone\s+of\s+(?:its|our|their|the)\s+(?:[\w-]+\s+)?(?:aircraft|jets|planes|drones|ships|vessels|soldiers"
    r"|troops|positions|servicemen)\s+(?:(?:was|were|had|has|have)\s+(?:been\s+)?)?(?:damaged|hit|lost|destroyed"
    r"|harmed|shot\s+down|suffered\s+(?:any\s+)?(?:damage|losses))\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"\S+")
_SUBJECT_WORDS = 5
_MILITARY_STEMS = frozenset(
    {"hit", "hits", "stru", "stri", "targ", "atta", "aime", "fire", "carr", "laun", "excl", "only", "sole"}
)
_CLAIMED_GAIN = re.compile(
    r"\b(?:took|taken|seized|captured|liberated|entered|gained|advanced|control of)\b", re.IGNORECASE
)
_FIGHTING_STEMS = frozenset(
    {
        "figh", "batt", "clas", "comb", "hold", "reta", "kept", "keep", "main", "repe", "repu", "thwa",
        "foil", "succ", "unsu", "avai",
    }
)  # fmt: skip
_FIGHT_NOUNS = ("heavy", "fierce", "intense", "violent", "street", "fighting", "battle", "clashes", "combat")


def denied(ctx: ArticleContext, speech: Speech) -> None:
    """ "X denied shelling Tartar": what follows a denying verb (``speech`` spans its object).

    "X has denied it, as has its ally Y": Y makes the same denial (its own claim, quoted from the
    "as has" on)."""
    shared = _AS_HAS.search(ctx.text, speech.cs, speech.ce)
    act_end = shared.start() if shared else speech.ce
    act, place = ctx.act(speech.cs, act_end), ctx.place(speech.cs, act_end)
    ctx.add(
        "denial", speech.claimant, speech.qs, speech.qe, speech.sentence, f"{speech.rule}/denied",
        relayed_by=speech.relay, act=act, place_id=place,
    )  # fmt: skip
    if shared is None:
        return
    others = resolve_phrase(ctx.text, shared.start("np"), shared.end("np"), ctx.lexicon)
    for other in others:
        if other != speech.claimant:
            ctx.add(
                "denial", other, speech.qs, speech.qe, speech.sentence, f"{speech.rule}/denied-as-has",
                relayed_by=speech.relay, act=act, place_id=place,
            )  # fmt: skip


# "..., as has its ally Azerbaijan", "as did Baku": another party making the same denial.
_AS_HAS = re.compile(
    r",\s*as\s+(?:has|have|did|does|do)\s+(?P<np>[^,.;]{2,60}?)\s*(?=[,.;]|$)", re.IGNORECASE
)


def denials_in_speech(ctx: ArticleContext, speech: Speech) -> bool:
    """A denial in what is said; True when one was found (the other kinds then skip this span)."""
    if DENIAL_STEMS.isdisjoint(ctx.stems):
        return False
    content = ctx.text[speech.cs : speech.ce]
    if _respects_ceasefire(content):
        _add(ctx, speech, "respects-ceasefire", "violating the ceasefire", None)
        return True
    if _NEGATED_LOSS.search(content):
        places = ctx.places_in(speech.cs, speech.ce)
        _add(ctx, speech, "not-lost", ctx.act(speech.cs, speech.ce), places[0] if places else None)
        return True
    if side_of(ctx.lexicon, speech.claimant) in ctx.lexicon.belligerent_sides and _still_fighting(
        ctx, speech
    ):
        return True
    how = "no-presence" if _own_forces_absent(ctx, speech) else None
    if how is None and (
        _NEGATED_ATTACK.search(content) or _NO_ACT.search(content) or _NOT_ACKNOWLEDGED.search(content)
    ):
        how = "negated-act"
    if how is None and _NOTHING_HIT.search(content):
        how = "nothing-hit"
    if how is None:
        how = _doer_denies(ctx, speech, content)
    if how is None and _DENIES_IN_SPEECH.search(content):
        how = "denies"
    if how is not None:
        _add(ctx, speech, how, ctx.act(speech.cs, speech.ce), ctx.place(speech.cs, speech.ce))
        # "acknowledged mistakenly carrying out a strike that killed seven": the toll still counts.
        return how != "unintended"
    if _REBUTTAL_PREDICATE.search(content) or (_REBUTTAL.search(content) and _REPORTED_THING.search(content)):
        _add(ctx, speech, "rebuttal", ctx.act(speech.cs, speech.ce), ctx.place(speech.cs, speech.ce))
        return True
    # Naming the military object struck does not end the span: "killing 60 servicemen" in the same
    # words is still a figure.
    _military_target(ctx, speech)
    return False


def _own_forces_absent(ctx: ArticleContext, speech: Speech) -> bool:
    """ "There are no Armenian troops in Karabakh", said on Armenia's side (someone else saying it
    about another party's forces denies nothing of their own)."""
    if "there" not in ctx.text[speech.cs : speech.ce].lower():
        return False
    for match in _NO_PRESENCE.finditer(ctx.text, speech.cs, speech.ce):
        refs = resolve_phrase(ctx.text, match.start("np"), match.end("np"), ctx.lexicon)
        own = side_of(ctx.lexicon, speech.claimant)
        if len(refs) == 1 and own in ctx.lexicon.belligerent_sides and side_of(ctx.lexicon, refs[0]) == own:
            return True
    return False


def _add(ctx: ArticleContext, speech: Speech, how: str, act: str, place_id: int | None) -> None:
    ctx.add(
        "denial", speech.claimant, speech.qs, speech.qe, speech.sentence, f"{speech.rule}/denial-{how}",
        relayed_by=speech.relay, act=act, place_id=place_id,
    )  # fmt: skip


def _respects_ceasefire(content: str) -> bool:
    """ "We are fully observing the ceasefire", "the truce is holding" (not "ready to respect it if")."""
    respect = _RESPECT.search(content) or _RESPECTED.search(content)
    if respect and _HYPOTHETICAL.search(content[: respect.start()][-40:]):
        respect = None
    return bool(respect) and not _APPEAL.search(content)


def _still_fighting(ctx: ArticleContext, speech: Speech) -> bool:
    """A belligerent saying the fight for a place goes on: a denial that the place was captured."""
    content = ctx.text[speech.cs : speech.ce]
    fighting = None if _FIGHTING_STEMS.isdisjoint(ctx.stems) else _STILL_FIGHTING.search(content)
    if fighting and _CLAIMED_GAIN.search(content, 0, fighting.start()):
        fighting = None  # "took the camp as fighting continued nearby": the speaker's own advance
    if fighting is None:
        return False
    places = [
        p
        for p in ctx.places_in(speech.cs + fighting.start(), speech.ce)
        if ctx.lexicon.place_rank.get(p, 0) <= 1
    ]
    if not places and " not " in fighting.group(0).lower():
        places = ctx.places_in(
            speech.cs + fighting.start(), speech.cs + fighting.end()
        )  # "for the palace is not over"
    if not places and fighting.group(0).lower().startswith(_FIGHT_NOUNS):
        return False
    act = "capturing " + (ctx.lexicon.places[places[0]] if places else "the place")
    _add(ctx, speech, "still-fighting", act, places[0] if places else None)
    return True


def _military_target(ctx: ArticleContext, speech: Speech) -> None:
    """ "Its forces struck a meeting of Ukrainian commanders", "our army hits only military targets",
    "the main target was an intelligence base": a belligerent answering a report of civilian harm by
    naming what it says it struck.  A denial only when the doer is the speaker's own side (or not named)
    and the article speaks of civilian harm; the other side naming it is left to accusations."""
    if (
        _MILITARY_STEMS.isdisjoint(ctx.stems)
        or side_of(ctx.lexicon, speech.claimant) not in ctx.lexicon.belligerent_sides
    ):
        return
    match = _MILITARY_TARGET.search(ctx.text, speech.cs, speech.ce)
    if match is None or NEGATION_BEFORE.search(ctx.text, max(speech.cs, match.start() - 30), match.start()):
        return
    if not _CIVILIAN_HARM.search(ctx.text):
        return
    # The doer is the statement's subject: the parties named in its first words ("Russian forces struck
    # ..."), not a place or a party named later ("the missiles it fired at the Ukrainian city of Sumy").
    words = list(_WORD.finditer(ctx.text, speech.cs, match.start()))
    subject_end = words[min(len(words), _SUBJECT_WORDS) - 1].end() if words else speech.cs
    doers = resolve_phrase(ctx.text, speech.cs, subject_end, ctx.lexicon)
    own = side_of(ctx.lexicon, speech.claimant)
    if not any(
        side_of(ctx.lexicon, doer) != own
        for doer in doers
        if side_of(ctx.lexicon, doer) in ctx.lexicon.belligerent_sides
    ):
        _add(ctx, speech, "military-target", "striking civilians", ctx.place(speech.cs, speech.ce))


def _doer_denies(ctx: ArticleContext, speech: Speech, content: str) -> str | None:
    """How a belligerent denies an act of its own side without a denying verb: it rules out attacks on
    civilians, names another doer ("..., not Russia, that hit"), calls its strike a mistake, or says none
    of its aircraft was hit.  None when the speaker is no belligerent or nothing of the kind is said."""
    own = side_of(ctx.lexicon, speech.claimant)
    if own not in ctx.lexicon.belligerent_sides:
        return None
    ruled_out = _RULED_OUT.search(content)
    if ruled_out and _CIVILIAN_ACT.search(content, ruled_out.end()):
        return "ruled-out"
    for match in _NOT_US.finditer(content):
        start = speech.cs + match.start("np")
        refs = resolve_phrase(ctx.text, start, start + len(match.group("np")), ctx.lexicon)
        if refs and all(side_of(ctx.lexicon, ref) == own for ref in refs):
            return "not-us"
    unintended = _UNINTENDED.search(content)
    if (
        unintended
        and _STRIKE_WORD.search(content)
        and not _WOULD_BEFORE.search(content, 0, unintended.start())
        and not NEGATION_BEFORE.search(content, 0, unintended.start())
    ):
        return "unintended"
    if _NONE_LOST.search(content):
        return "none-lost"
    return None
