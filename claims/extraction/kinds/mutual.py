"""Mutual claims: "A and B exchanged accusations of X" (two accusations), "both sides said they
respected the truce" (two denials), "..., with A accused of Y" and ", each accusing the other of Z".
"""

from __future__ import annotations

import re

from claims.extraction.attribution import Attribution, resolve
from claims.extraction.context import ArticleContext, Span
from claims.extraction.lexicon import find_parties, tokenize
from claims.extraction.parties import PartyRef, resolve_phrase, side_of
from claims.extraction.sentences import clause_spans

MUTUAL_RE = re.compile(
    r"\b(?:exchanged|traded|trading|exchanging)\s+(?:allegations|accusations|blame|charges)\s+(?:of|over|for)\s+"
    r"|\b(?:accused|accusing|blamed|blaming)\s+(?:each\s+other|one\s+another)\s+(?:of|for)\s+",
    re.IGNORECASE,
)
_BOTH_RESPECT = re.compile(
    r"\b(?:both|each)\s+(?:sides?\s+|parties\s+)?(?:claimed|said|insisted|maintained|say|claim|insist)\s+"
    r"(?:that\s+)?(?:they\s+|it\s+)?(?:were\s+|was\s+|had\s+)?(?:to\s+)?"
    r"(?:respect|respecting|observe|observing|adhere|adhering|abide|abiding|honou?r|honou?ring|"
    r"respected|observed|honou?red)\b",
    re.IGNORECASE,
)
_MUTUAL_TAIL = re.compile(
    r"(?:accusing|blaming|accused|blamed)\s+(?:the\s+other|each\s+other)(?:\s+side)?\s+(?:of|for)\s+(?P<act>\S)",
    re.IGNORECASE,
)
# "both sides accused one another": the two sides are the pair named just before.
_BOTH_SIDES = re.compile(
    r"(?:as\s+|and\s+|but\s+)?(?:both|the\s+two)(?:\s+(?:sides|countries|parties|armies|neighbou?rs))?",
    re.IGNORECASE,
)
_PASSIVE_ACCUSED = re.compile(r"\baccused\s+(?:of|to)\s+", re.IGNORECASE)


def mutual(ctx: ArticleContext, sentence: Span, index: int) -> bool:
    """ "A and B exchanged allegations of X, while both claimed to respect it, with A accused of Y".

    True when the sentence is such an exchange (its claims are then added and nothing else runs)."""
    ss, se = sentence
    lower = ctx.text[ss:se].lower()
    if (
        "each other" not in lower
        and "one another" not in lower
        and "exchang" not in lower
        and "trad" not in lower
    ):
        return False
    match = MUTUAL_RE.search(ctx.text, ss, se)
    if not match:
        return False
    clauses = clause_spans(ctx.text, ss, se)
    first = next(c for c in clauses if c[0] <= match.start() < c[1] + 1)
    np_start, np_end = ctx.np_before(first[0], match.start())
    parties = resolve(ctx, np_start, np_end, index)
    if len(parties) != 2 and _BOTH_SIDES.fullmatch(ctx.text[np_start:np_end].strip()):
        parties = _pair_named_before(ctx, ss, np_start, index)
    if len(parties) != 2:
        return False
    a, b = parties
    act = ctx.act(match.end(), ctx.stop(match.end(), first[1]))
    for accuser, accused in ((a, b), (b, a)):
        ctx.add("accusation", accuser, first[0], first[1], sentence, "mutual", accused=accused, act=act)
    for cs, ce in clauses:
        if _BOTH_RESPECT.search(ctx.text, cs, ce):
            for party in (a, b):
                ctx.add(
                    "denial", party, cs, ce, sentence, "mutual/both-respect", act="violating the ceasefire"
                )
        for passive in _PASSIVE_ACCUSED.finditer(ctx.text, cs, ce):
            s, e, _ = ctx.subject_before(cs, passive.start())
            named = resolve_phrase(ctx.text, s, e, ctx.lexicon)
            if len(named) == 1 and named[0] in (a, b):
                accuser = b if named[0] == a else a
                act_end = _passive_act_end(ctx, passive.end(), ce)
                ctx.add(
                    "accusation", accuser, cs, ce, sentence, "mutual/passive-accused",
                    accused=named[0], act=ctx.act(passive.end(), act_end),
                )  # fmt: skip
    return True


def _pair_named_before(ctx: ArticleContext, sentence_start: int, before: int, index: int) -> list[PartyRef]:
    """ "clashes between Armenia and Azerbaijan began, as both sides accused one another": the last two
    parties of opposing belligerent sides named in this sentence or the one before ([] if none)."""
    lo = ctx.sentences[index - 1][0] if index > 0 else sentence_start
    lexicon = ctx.lexicon
    named = [m.id for m in find_parties(lexicon, tokenize(ctx.text, lo, before))]
    for i in range(len(named) - 1, 0, -1):
        b = named[i]
        for a in reversed(named[:i]):
            sides = {side_of(lexicon, a), side_of(lexicon, b)}
            if len(sides) == 2 and sides <= lexicon.belligerent_sides:
                return [a, b]
    return []


def _passive_act_end(ctx: ArticleContext, start: int, end: int) -> int:
    nxt = _PASSIVE_ACCUSED.search(ctx.text, start, end)
    if not nxt:
        return end
    back = ctx.text.rfind(",", start, nxt.start())
    return back if back > start else nxt.start()


def each_accusing_the_other(
    ctx: ArticleContext, cs: int, ce: int, sentence: Span, previous: Attribution | None
) -> bool:
    """ "A and B said ..., each accusing the other of Z": two accusations between the two speakers of
    the clause before.  True when the clause is one."""
    each_other = _MUTUAL_TAIL.match(ctx.text, cs, ce)
    if not each_other or previous is None or len(previous.speakers) != 2:
        return False
    a, b = previous.speakers
    act = ctx.act(each_other.start("act"), ce)
    for accuser, accused in ((a, b), (b, a)):
        ctx.add(
            "accusation", accuser, cs, ce, sentence, "mutual/accusing-the-other", accused=accused, act=act
        )
    return True
