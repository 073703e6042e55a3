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
        "hold", "held", "reta", "kept", "keep", "main", "repe", "repu", "thwa", "foil", "succ", "unsu", "deni",
        "deny", "reje", "dism", "refu", "info", "news", "no", "did", "does", "decl", "hit", "hits", "stru",
        "stri", "targ", "atta", "aime", "fire", "carr", "laun", "excl", "only", "sole", "none", "mist",
        "unin", "misi", "acci", "mean", "inte", "erro", "role", "conn", "link", "invo", "behi",
    }
)  # fmt: skip
_NEGATED_ATTACK = re.compile(
    rf"\b(?:did not|didn't|had not|hadn't|has not|hasn't|have not|haven't|never|was not|were not|"
    rf"is not|are not|do not|does not|don't|doesn't|cannot|can't|could not)\s+(?!(?:only|just|merely|simply)\b)"
    rf"(?:\w+\s+){{0,2}}?(?:{ATTACK}|fire|shell|attack|target|strike|bomb|violate|breach)\b",
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
_VIOLATIONS_BY = re.compile(r"\b(?:violations?|breaches?|provocations?|firing)\s+by\b", re.IGNORECASE)
_APPEAL = re.compile(r"\bcall(?:ed|s|ing)? on\b|\burg(?:ed|es|ing)\b", re.IGNORECASE)
_NEGATED_LOSS = re.compile(
    r"\b(?:was|is|were|are|has|had|have)\s+not\s+(?:been\s+)?(?:lost|fallen|captured|taken|seized)\b"
    r"|\b(?:did not|didn't|has not|had not|hasn't|hadn't)\s+fall(?:en)?\b|\bnot\s+lost\b",
    re.IGNORECASE,
)
# "there have not been any ceasefire violations", "no violations of the truce have taken place".
_NO_VIOLATIONS = re.compile(
    r"\bthere\s+(?:have|has|had|were|was)\s+(?:not\s+been\s+any|been\s+no|no|not\s+any|never\s+been\s+any)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:violations?|breach(?:es)?)\b"
    r"|\bno\s+(?:[\w-]+\s+)?(?:violations?|breach(?:es)?)\s+(?:of\s+(?:the\s+)?[\w-]+\s+)?(?:have|has|had)\s+"
    r"(?:been\s+)?(?:taken\s+place|occurred|happened|been\s+(?:committed|recorded|registered))\b",
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
# "Pakistan had no role in the assault", "Islamabad has no connection to the incident", "we had nothing
# to do with it", "it was not involved in the attack": the subject disowns any part in the event.
_NO_PART = re.compile(
    r"(?P<np>\b[\w’'-]+(?:\s+[\w’'-]+){0,2}?)\s+(?:(?:had|has|have|bore|bears|played|plays)\s+(?:absolutely\s+)?"
    r"(?:no|nothing)\s+(?:[\w-]+\s+)?(?:role|connection|links?|involvement|hand|part|relation)\s+(?:whatsoever\s+)?"
    r"(?:in|to|with|of)\b|(?:had|has|have)\s+(?:absolutely\s+)?nothing\s+to\s+do\s+with\b"
    r"|(?:was|is|were|are)\s+not\s+(?:involved\s+in|behind)\b)",
    re.IGNORECASE,
)
_PRONOUN_SUBJECTS = frozenset({"it", "we", "they", "he", "she", "i"})
# A defender's answer to a claim of capture: the fight for the place is not over.
_STILL_FIGHTING = re.compile(
    r"\b(?:(?:heavy|fierce|intense|violent|street)\s+)?(?:fighting|battles?|clashes|combat)\s+(?:for\s+[\w-]+(?:\s+[\w-]+)?\s+)?"
    r"(?:(?:is|are|was|were|has been|have been)\s+)?(?:still\s+)?(?:continu(?:es|e|ed|ing)|going on|under\s*way|raging|rages|ongoing)\b"
    r"|\b(?:still|are|were|is|was)\s+(?:still\s+)?holding\s+(?:out|on|the\s+defen[cs]e|their\s+positions)\b"
    # "its marines still held positions in Krynky", "troops were still holding the village".
    r"|\bstill\s+(?:hold|holds|held|holding)\s+(?:(?:their|its|our)\s+)?(?:positions?|ground|the\s+(?:village|town|city"
    r"|settlement|line))\b"
    r"|\b(?:units|forces|troops|defenders|soldiers)\s+(?:are|were)\s+(?:still\s+)?fighting\s+(?:in|for)\b"
    r"|\b(?:retained|retains|retain|kept|keeps|keep|maintained|maintains)\s+(?:some\s+|partial\s+)?(?:\w+\s+){0,2}?control\b"
    r"|\b(?:battle|fight|fighting|struggle)\s+for\s+[^,.;]{2,50}?\s+(?:is|was|has)\s+(?:not|far\s+from)\s+(?:yet\s+)?over\b"
    r"|\bfighting\s+back\b"
    r"|\b(?:repelled|repulsed|repelling|repulsing|thwarted|foiled)\b"
    r"|\b(?:without\s+success|not\s+having\s+(?:any\s+)?success|to\s+no\s+avail|unsuccessfully)\b",
    re.IGNORECASE,
)
# "No Pakistani military facilities have been targeted", "not a single civilian was harmed": an act
# denied by saying nothing of the kind was hit (the object first, in the passive).
_NOTHING_HIT = re.compile(
    r"\bnone\s+of\s+(?:our|its|their|the)\s+(?:[\w-]+\s+){0,2}?(?:aircraft|jets|planes|ships|vessels|drones|soldiers"
    r"|troops|positions|facilities|bases)\s+(?:(?:was|were|has|have|had)\s+(?:been\s+)?)?(?:suffered|sustained|hit|damaged"
    r"|downed|shot\s+down|lost|destroyed|struck|harmed)\b"
    r"|\b(?:no|not\s+(?:a\s+single|one|any))\s+(?:[\w-]+\s+){0,3}?(?:civilians?|facilit(?:y|ies)|installations?"
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
    r"|(?:[\w’'-]+\s+){0,2}?(?:weapons?|ammunition|arms)\s+(?:depot|store|warehouse|storage)"
    # "targeted Hamas terrorists operating inside the school": the people struck, named as fighters.
    r"|(?:[\w’'-]+\s+){0,2}?(?:terrorists|militants|operatives|fighters|gunmen|commanders))"
)
_MILITARY_TARGET = re.compile(
    r"\b(?:hit|hits|struck|strike|striking|targeted|targeting|attacked|aimed\s+at|strikes(?=\s+(?:exclusively|only|solely)\b)"
    r"|fired\s+(?:[\w-]+\s+){0,4}?(?:at|against|on)|carried\s+out\s+(?:a\s+)?(?:[\w-]+\s+)?strikes?\s+on"
    r"|(?:are|is|were|was)\s+carried\s+out\s+(?:only\s+|exclusively\s+|solely\s+)?against(?:\s+[^.;]{0,60}?,\s+against)?)"
    r"\s+(?:exclusively\s+|only\s+|solely\s+)?(?:at\s+|on\s+)?(?:the\s+site\s+of\s+)?"
    + _MILITARY_OBJECT
    + r"\b"
    r"|\b(?:main|primary|intended|real|actual|precise|only)?\s*targets?\s+(?:of\s+[^,;]{2,40}?\s+)?(?:was|were|is|are)\s+"
    r"(?:the\s+)?" + _MILITARY_OBJECT + r"\b"
    r"|\b(?:exclusively|only|solely)\s+(?:at\s+|on\s+)?(?:military|legitimate)\b",
    re.IGNORECASE,
)
_CIVILIAN_HARM = re.compile(
    r"\b(?:civilians?|hospitals?|clinics?|medical|residential|market|mall|shopping|mosques?|church(?:es)?|schools?"
    r"|homes|children)\b",
    re.IGNORECASE,
)
# "the ministry absolutely excludes that there were attacks on civilian targets"
_EXCLUDES = re.compile(
    r"\bexclud(?:es|ed|e)\s+(?:that\s+)?(?:there\s+(?:were|was|had\s+been)\s+)?(?:any\s+)?(?:attacks?|strikes?|shelling)\b",
    re.IGNORECASE,
)
# "it was Ukrainian anti-missile fire, not Russia, that hit the hospital": the speaker's side denied as
# the doer (the other half, who did hit it, is an accusation).
_NOT_US_THAT = re.compile(
    r"\bnot\s+(?P<np>[A-Z][\w’'-]+(?:\s+[\w’'-]+){0,2}?),?\s+(?:(?:that|which|who)\s+)?(?:had\s+|has\s+)?"
    r"(?:hit|struck|fired|attacked|launched|shelled|bombed|caused|was\s+responsible)\b"
    # "hit by a Ukrainian air defence missile, not a Russian strike": the speaker's side's weapon denied.
    r"|,\s*(?:and\s+)?not\s+(?:by\s+)?(?:a|an|the)?\s*(?P<np2>[A-Z][\w’'-]+)\s+(?:(?:air|missile|drone|rocket|artillery)\s+)?"
    r"(?:strikes?|missiles?|rockets?|drones?|attacks?|shells?|bombs?|fire|shelling|airstrikes?)\b"
)
# An army admitting a strike was "a mistake", "unintended", "not meant to harm" them: a denial that it
# targeted them on purpose.
_UNINTENDED = re.compile(
    r"\b(?:mistakes?|mistaken(?:ly)?|unintended|unintentional(?:ly)?|misidentif\w*|by\s+accident|accidental(?:ly)?"
    r"|(?:not|never)\s+(?:been\s+)?(?:meant|intended)\s+to|without\s+(?:any\s+)?intent(?:ion)?"
    r"|not\s+(?:[\w-]+\s+){0,3}?with\s+the\s+intent(?:ion)?|(?:grave|tragic|serious)\s+error)\b",
    re.IGNORECASE,
)
_NO_BEFORE = re.compile(r"\b(?:no|not\s+a|never\s+a)\s+$", re.IGNORECASE)
_STRIKE_WORD = re.compile(r"\b(?:strikes?|struck|attacks?|hit|bomb\w*|shell\w*|fire)\b", re.IGNORECASE)
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
        "figh", "batt", "clas", "comb", "hold", "held", "reta", "kept", "keep", "main", "repe", "repu", "thwa",
        "foil", "succ", "unsu", "avai", "over",
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
        # "committed to the truce despite violations by India": the other side is still accused.
        return _VIOLATIONS_BY.search(content) is None
    if _NEGATED_LOSS.search(content):
        places = ctx.places_in(speech.cs, speech.ce)
        _add(ctx, speech, "not-lost", ctx.act(speech.cs, speech.ce), places[0] if places else None)
        return True
    if side_of(ctx.lexicon, speech.claimant) in ctx.lexicon.belligerent_sides and _still_fighting(
        ctx, speech
    ):
        return True
    how = _act_denied(ctx, speech, content)
    if how is not None:
        _add(ctx, speech, how, ctx.act(speech.cs, speech.ce), ctx.place(speech.cs, speech.ce))
        # "acknowledged mistakenly carrying out a strike that killed seven": the toll still counts.
        return how != "unintended"
    if _REBUTTAL_PREDICATE.search(content) or (_REBUTTAL.search(content) and _REPORTED_THING.search(content)):
        _add(ctx, speech, "rebuttal", ctx.act(speech.cs, speech.ce), ctx.place(speech.cs, speech.ce))
        return True
    # Naming the military object struck, or the doer instead of the speaker's side, does not end the
    # span: "killing 60 servicemen" is still a figure, "Ukrainian fire, not Russia" still an accusation.
    if not _not_us(ctx, speech):
        _military_target(ctx, speech)
    return False


def _act_denied(ctx: ArticleContext, speech: Speech, content: str) -> str | None:
    """How an act is denied in what is said (the rule's name), or None."""
    if _own_forces_absent(ctx, speech):
        return "no-presence"
    if (
        _NEGATED_ATTACK.search(content)
        or _NO_ACT.search(content)
        or _NOT_ACKNOWLEDGED.search(content)
        or _NO_VIOLATIONS.search(content)
    ):
        return "negated-act"
    if _NOTHING_HIT.search(content):
        return "nothing-hit"
    if _EXCLUDES.search(content):
        return "excludes"
    if _no_part(ctx, speech):
        return "no-part"
    how = _unintended(ctx, speech)
    if how is None and _DENIES_IN_SPEECH.search(content):
        how = "denies"
    return how


def _no_part(ctx: ArticleContext, speech: Speech) -> bool:
    """ "Pakistan had no role in the assault", said on Pakistan's side (or "it", "we"): a denial.  Said
    of another side ("India said Pakistan had no hand in it") it is not the speaker's denial."""
    own = side_of(ctx.lexicon, speech.claimant)
    for match in _NO_PART.finditer(ctx.text, speech.cs, speech.ce):
        subject = match.group("np").split()[-1].lower()
        if subject in _PRONOUN_SUBJECTS:
            return True
        refs = resolve_phrase(ctx.text, match.start("np"), match.end("np"), ctx.lexicon)
        if refs and all(side_of(ctx.lexicon, ref) == own for ref in refs):
            return True
    return False


def _not_us(ctx: ArticleContext, speech: Speech) -> bool:
    """ "It was Ukrainian fire, not Russia, that hit the hospital", said on Russia's side: a denial
    (True when one was added)."""
    own = side_of(ctx.lexicon, speech.claimant)
    if own not in ctx.lexicon.belligerent_sides:
        return False
    for match in _NOT_US_THAT.finditer(ctx.text, speech.cs, speech.ce):
        if match.group("np"):
            refs = resolve_phrase(ctx.text, match.start("np"), match.end("np"), ctx.lexicon)
        else:
            state = ctx.lexicon.states.get(match.group("np2").lower())
            refs = [state] if state is not None else []
        if refs and all(side_of(ctx.lexicon, ref) == own for ref in refs):
            _add(ctx, speech, "not-us", ctx.act(speech.cs, speech.ce), ctx.place(speech.cs, speech.ce))
            return True
    return False


def _unintended(ctx: ArticleContext, speech: Speech) -> str | None:
    """ "The strike was a mistake", "not meant to harm them", said by a belligerent: a denial that it
    targeted them on purpose ("no mistake", "would be a mistake to ..." are not)."""
    if side_of(ctx.lexicon, speech.claimant) not in ctx.lexicon.belligerent_sides:
        return None
    unintended = _UNINTENDED.search(ctx.text, speech.cs, speech.ce)
    if unintended is None:
        return None
    before = ctx.text[max(speech.cs, unintended.start() - 40) : unintended.start()]
    if _NO_BEFORE.search(before) or _HYPOTHETICAL.search(before):
        return None
    return "unintended" if _STRIKE_WORD.search(ctx.text) else None


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
