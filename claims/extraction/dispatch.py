"""The extractor's main loop: article text -> candidate claims, each tagged with the rule that found it.

Pure functions over the text, the article date and a ``Lexicon``; no database access.  The flow per
sentence: find who says it (``attribution``, ``quotes``), then look inside what is said for the
claim patterns of each kind (``kinds.*``).  A sentence nobody is said to have said is the outlet
speaking in its own voice, which counts for casualty figures, plain reports of fire and control.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace
from datetime import datetime

from claims.extraction.attribution import Attribution, attribution
from claims.extraction.context import ArticleContext, Candidate, Span, Speech
from claims.extraction.kinds.accusation import (
    accusations_after_denial,
    accusations_in_speech,
    accused_of,
    coordinated_accusations,
    outlet_accusations,
)
from claims.extraction.kinds.answered import answered_denials
from claims.extraction.kinds.blame import passive_blame
from claims.extraction.kinds.casualty import casualties, historical_window
from claims.extraction.kinds.control import controls
from claims.extraction.kinds.denial import denials_in_speech, denied
from claims.extraction.kinds.mutual import each_accusing_the_other, mutual
from claims.extraction.lexicon import Lexicon
from claims.extraction.parties import PartyRef
from claims.extraction.patterns import ACCUSE_SET, AND_SAID, DENY_SET, may_hold_a_claim
from claims.extraction.quotes import QuoteRegion, quote_regions, region_speaker, speaker_after
from claims.extraction.sentences import clause_spans


class _Quotes:
    """The article's quotations, with their speakers found once each."""

    def __init__(self, ctx: ArticleContext) -> None:
        self.ctx = ctx
        self.regions = quote_regions(ctx.text)
        self._starts = [s for s, _ in ctx.sentences]
        self._speakers: dict[int, list[PartyRef]] = {}

    def index_of(self, offset: int) -> int:
        return max(0, bisect_right(self._starts, offset) - 1)

    def speakers(self, region: QuoteRegion) -> list[PartyRef]:
        key = id(region)
        if key not in self._speakers:
            self._speakers[key] = region_speaker(self.ctx, region, self.index_of)
        return self._speakers[key]


def extract_candidates(
    text: str,
    *,
    lexicon: Lexicon,
    published: datetime | None = None,
    outlet_party: PartyRef | None = None,
) -> list[Candidate]:
    """All candidate claims in an article body, in text order (pure: no database access)."""
    ctx = ArticleContext(text, lexicon=lexicon, published=published, outlet_party=outlet_party)
    body_start = headline_end(text)
    if body_start:
        ctx.sentences = _split_at(ctx.sentences, text, body_start)
    quotes = _Quotes(ctx)
    for index, sentence in enumerate(ctx.sentences):
        ss, se = sentence
        if ss < body_start:
            continue
        ctx.current_index = index
        possible, ctx.stems = may_hold_a_claim(text[ss:se])
        if not possible:
            continue
        _sentence(ctx, sentence, index, quotes)
    return ctx.candidates


def headline_end(text: str) -> int:
    """Where the body starts after a headline line ("Armenia says 49 soldiers killed in clashes"):
    a short first line without closing punctuation, followed by more text that starts a new
    sentence (a hard-wrapped first line continues in lower case, and is no headline).  A headline restates
    the body's claims in headline style (no attribution tense, dropped verbs), so it is read only
    as context, never as claims of its own."""
    stripped = text.lstrip()
    offset = len(text) - len(stripped)
    line_end = stripped.find("\n")
    if line_end < 0:
        return 0
    line = stripped[:line_end].strip()
    rest = stripped[line_end:].lstrip()
    if not line or len(line.split()) > 25 or line[-1] in _CLOSING or not rest or rest[0].islower():
        return 0
    return offset + line_end


def _split_at(sentences: list[Span], text: str, offset: int) -> list[Span]:
    """The sentences with the one running over ``offset`` (a headline's end) cut in two there."""
    result: list[Span] = []
    for start, end in sentences:
        if start < offset < end:
            body = offset + len(text[offset:end]) - len(text[offset:end].lstrip())
            result += [(start, offset), (body, end)]
        else:
            result.append((start, end))
    return result


_RELATIVE = re.compile(r",\s*(?:who|which|where|since)\b")
_CLOSING = frozenset(".!?\"”’'):;,")


def _sentence(ctx: ArticleContext, sentence: Span, index: int, quotes: _Quotes) -> None:
    ss, se = sentence
    if mutual(ctx, sentence, index):
        return
    # Quotes running over the sentence's edges, and one that opens it ('“...,” reads the statement.').
    inside = [
        r
        for r in quotes.regions
        if r.start <= ss < r.end or (ss <= r.start < se and (r.end > se or r.start <= ss + 1))
    ]
    previous: Attribution | None = None
    for cs, ce in clause_spans(ctx.text, ss, se):
        if each_accusing_the_other(ctx, cs, ce, sentence, previous) or passive_blame(ctx, cs, ce, sentence):
            continue
        region = next((r for r in inside if r.start <= cs < r.end or cs <= r.start < ce), None)
        found = attribution(ctx, cs, ce, index)
        if region is not None and not isinstance(found, Attribution):
            speakers = quotes.speakers(region)
            if speakers:
                found = Attribution(
                    speakers, max(cs, region.start), min(ce, region.end), "quote", rule="quote"
                )
        if found is False:
            continue
        if isinstance(found, Attribution):
            previous = found
        _clause(ctx, found, cs, ce, sentence)
    answered_denials(ctx, sentence, index)


def _clause(ctx: ArticleContext, found: Attribution | None, cs: int, ce: int, sentence: Span) -> None:
    """Run the claim patterns over what each speaker of a clause says (or the outlet's own voice)."""
    if found is None:
        following = speaker_after(ctx, ctx.current_index)
        if not following:
            if ctx.outlet_party is not None:
                own_voice = Speech(ctx.outlet_party, None, cs, ce, cs, ce, sentence, "outlet")
                casualties(ctx, own_voice)
                outlet_accusations(ctx, own_voice)
                _own_voice_controls(ctx, own_voice)
            return
        found = Attribution(following, cs, ce, "reported", rule="next-sentence")
    for speaker in found.speakers:
        ctx.speakers.append((cs, speaker))
    rule = found.rule or "attributed"
    for speaker in found.speakers:
        said = Speech(speaker, found.relay, cs, ce, found.content_start, found.content_end, sentence, rule)
        if found.verb in ACCUSE_SET:
            accused_of(ctx, said)
            casualties(ctx, said)
            continue
        if found.verb in DENY_SET:
            _denying(ctx, said)
            continue
        spans = [(found.content_start, found.content_end)]
        if found.extra is not None:
            spans.append(found.extra)
        for start, end in spans:
            speech = Speech(speaker, found.relay, cs, ce, start, end, sentence, rule)
            if denials_in_speech(ctx, speech):
                continue
            accusations_in_speech(ctx, speech)
            controls(ctx, speech)
            casualties(ctx, speech)


def _own_voice_controls(ctx: ArticleContext, own_voice: Speech) -> None:
    """Control in the outlet's voice: "the RSF seized the camp a week ago", not "occupied in 1993".  A
    relative clause is dated on its own: "..., who had held it since 2023" is background, the capture
    before it is not."""
    cs, ce = own_voice.cs, own_voice.ce
    relative = _RELATIVE.search(ctx.text, cs, ce)
    parts = [(cs, ce)] if relative is None else [(cs, relative.start()), (relative.start(), ce)]
    for start, end in parts:
        if historical_window(ctx, (start, end)) is None:
            controls(ctx, replace(own_voice, cs=start, ce=end))


def _denying(ctx: ArticleContext, said: Speech) -> None:
    """What follows a denying verb; "X denied the accusations and said the camp was used as a base" is
    a denial and then a second statement, read as any other."""
    more = AND_SAID.search(ctx.text, said.cs, said.ce)
    denial = said if more is None else replace(said, ce=more.start())
    denied(ctx, denial)
    coordinated_accusations(ctx, denial)
    accusations_after_denial(ctx, denial)
    if more is not None:
        rest = replace(said, cs=more.end())
        if not denials_in_speech(ctx, rest):
            accusations_in_speech(ctx, rest)
            controls(ctx, rest)
            casualties(ctx, rest)
