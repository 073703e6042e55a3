"""Speakers named outside the clause: quotes over several sentences, and a next sentence that only
says who said the one before ("This was reported by the ministry.", "The governor reported it.").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from claims.extraction.attribution import antecedent, resolve
from claims.extraction.context import ArticleContext
from claims.extraction.parties import PartyRef
from claims.extraction.patterns import SAY


@dataclass
class QuoteRegion:
    """The inside of one quotation (without its quote marks)."""

    start: int
    end: int
    speakers: list[PartyRef] = field(default_factory=list)


_QUOTE = re.compile(r"“([^”]{20,}?)”|\"([^\"\n]{20,}?)\"")
_LEAD = re.compile(rf"(?:^|[.!?]\s+|\n)(?P<np>[^.!?\n]*?)\s+(?:{SAY})\s*[:,]?\s*$", re.IGNORECASE)
_AFTER = re.compile(
    rf"\s*[,.]?[”\"]?\s*,?\s*(?:(?P<np>[^,.;“”\"]{{1,80}}?)\s+(?:{SAY})|(?:said|added)\s+(?P<np2>[^,.;“”\"]{{1,80}})"
    # '“...,” reads the statement from the ministry': the author of the statement (else its last speaker).
    r"|(?P<reads>reads|read|runs)\s+(?:the|a|an|its|their|his|her)\s+(?:[\w-]+\s+){0,2}?(?:statement|communiqu[eé]"
    r"|message|post|text|report|letter)(?:\s+(?:from|by|of)\s+(?P<np3>[^,.;“”\"]{1,80}))?)\b",
    re.IGNORECASE,
)
# Cheap test before the full pattern: the words such a sentence cannot do without.
_BACK_HINT = re.compile(
    r"\b(?:about (?:it|this)|(?:this|it|that) (?:was|is|has been)|reported (?:at|by)"
    r"|(?:reported|announced|said|stated) (?:it|this|so)\b)",
    re.IGNORECASE,
)
# A sentence that only says who said the one before it.
_BACK_REFERENCE = re.compile(
    r"\s*(?:(?:this|it|that)\s+(?:was|is|has been)\s+(?:reported|announced|stated|said)\s+(?:by|in|at)\s+"
    r"(?:the\s+(?:study|report|statement|press service)\s+of\s+)?(?P<np>[^.,;]{3,80}?)"
    r"|(?:about\s+(?:it|this)\s+)?(?:was\s+)?reported\s+(?:at|by)\s+(?P<np2>[^.,;]{3,80}?)"
    r"|(?P<np3>[^.,;]{3,80}?)\s+(?:reported|announced|said|stated)\s+(?:about\s+)?(?:it|this|so))"
    r"\s*(?:,[^.]*)?\.\s*$",
    re.IGNORECASE,
)


def quote_regions(text: str) -> list[QuoteRegion]:
    """Every quotation of at least 20 characters, in text order."""
    return [QuoteRegion(match.start() + 1, match.end() - 1) for match in _QUOTE.finditer(text)]


def region_speaker(
    ctx: ArticleContext, region: QuoteRegion, index_of: Callable[[int], int]
) -> list[PartyRef]:
    """Who says a quotation: the speaker introducing it ("X said: “...”") or following it ("“...,” X said")."""
    text = ctx.text
    before_start = max(0, region.start - 160)
    lead = _LEAD.search(text[before_start : region.start - 1])
    index = index_of(region.start)
    if lead and lead.group("np").strip():
        speakers = resolve(ctx, before_start + lead.start("np"), before_start + lead.end("np"), index)
        if speakers:
            return speakers
    after = _AFTER.match(text[region.end + 1 : region.end + 120])
    if after and after.group("reads") and not after.group("np3"):
        speaker = antecedent(ctx, "speaker", region.start, index)
        return [speaker] if speaker is not None else []
    if after:
        group = next(g for g in ("np", "np2", "np3") if after.group(g))
        offset = region.end + 1
        speakers = resolve(ctx, offset + after.start(group), offset + after.end(group), index)
        if speakers:
            return speakers
    return []


def speaker_after(ctx: ArticleContext, index: int) -> list[PartyRef]:
    """A speaker the next sentence names for this one ("The governor reported about it.",
    "This was stated by the ministry.")."""
    if index in ctx.speakers_after:
        return ctx.speakers_after[index]
    found: list[PartyRef] = []
    if index + 1 < len(ctx.sentences):
        start, end = ctx.sentences[index + 1]
        if end - start < 160 and _BACK_HINT.search(ctx.text, start, end):
            match = _BACK_REFERENCE.match(ctx.text, start, end)
            if match:
                group = next(g for g in ("np", "np2", "np3") if match.group(g))
                found = resolve(ctx, match.start(group), match.end(group), index + 1)
    ctx.speakers_after[index] = found
    return found
