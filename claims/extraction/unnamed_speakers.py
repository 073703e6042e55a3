"""Unnamed speakers: "local activists", "a source from the RSF", "officials" in a named country.

A phrase that names no party of the gazetteer may still name a speaker: an unnamed source becomes a
new party for review, a source inside a known party speaks for it.  Used by ``attribution``.
"""

from __future__ import annotations

import re

from claims.extraction.context import ArticleContext
from claims.extraction.numbers import UNITS
from claims.extraction.parties import NewParty, PartyRef, is_media, resolve_phrase
from claims.extraction.patterns import (
    GENERIC_MODIFIERS,
    GENERIC_OFFICIALS,
    GENERIC_SOURCES,
    GENERIC_SPEAKERS,
    IN_COUNTRY,
    OFFICIAL_MODIFIERS,
    SOURCE_OF,
    SUBJECT_TAIL,
)

UNNAMED_SOURCES = "Unnamed sources"


def generic_source(ctx: ArticleContext, start: int, end: int) -> list[PartyRef]:
    """ "local activists", "three eyewitnesses", "several sources": an unnamed source that is no party
    of the gazetteer becomes a new one for review (not a body of a state: "military sources" stay
    unknown: every word before the noun must be a plain modifier)."""
    words = SUBJECT_TAIL.sub("", ctx.text[start:end]).strip(" ,“”\"'").split()
    lowered = [w.lower() for w in words]
    if not words or len(words) > 4:
        return []
    if lowered[-1] in GENERIC_OFFICIALS:
        if OFFICIAL_MODIFIERS.isdisjoint(lowered[:-1]):
            return []
    elif lowered[-1] not in GENERIC_SOURCES:
        return []
    modifiers = GENERIC_MODIFIERS | OFFICIAL_MODIFIERS
    if any(w not in modifiers and not w.isdigit() and w not in UNITS for w in lowered[:-1]):
        return []
    if lowered[0] in ("the", "a", "an"):
        words = words[1:]
    name = " ".join(words)
    # Filed under the packs' "Unnamed sources" party (an onlooker) where the lexicon has it.
    parent = ctx.lexicon.party_by_name(UNNAMED_SOURCES)
    return [NewParty(name[:1].lower() + name[1:] if not name[:2].isupper() else name, parent, "other")]


def source_of(ctx: ArticleContext, start: int, end: int) -> list[PartyRef]:
    """ "a source from the RSF", "sources close to the army", "a senior source in the ministry, speaking on
    condition of anonymity": an unnamed person inside a known party speaks for it, proposed as a new
    party under it (a person, so "he" and "the source" can point back at them)."""
    match = SOURCE_OF.fullmatch(ctx.text, start, end)
    if not match:
        return []
    owner = resolve_phrase(ctx.text, match.start("owner"), match.end("owner"), ctx.lexicon)
    if len(owner) != 1 or not isinstance(owner[0], int) or is_media(ctx.lexicon, owner[0]):
        return []
    return [NewParty(f"{ctx.lexicon.parties[owner[0]].name} source", owner[0], "official")]


def sources_of(ctx: ArticleContext, start: int, end: int) -> list[PartyRef]:
    """ "eyewitnesses and a source from the RSF": each of two unnamed sources joined by "and"."""
    found = source_of(ctx, start, end)
    if found:
        return found
    phrase = ctx.text[start:end]
    joint = phrase.find(" and ")
    if joint < 0:
        return []
    first = generic_source(ctx, start, start + joint) or source_of(ctx, start, start + joint)
    second = source_of(ctx, start + joint + 5, end) or generic_source(ctx, start + joint + 5, end)
    return [*first, *second] if first and second else []


def generic_in_country(ctx: ArticleContext, cs: int, np_start: int, np_end: int) -> list[PartyRef]:
    """ "In Azerbaijan, officials said": a bare "officials" speaks for the country named just before."""
    phrase = ctx.text[np_start:np_end].strip().lower()
    if phrase not in GENERIC_SPEAKERS:
        return []
    lead = IN_COUNTRY.match(ctx.text[cs:np_start])
    if not lead:
        return []
    state = ctx.lexicon.states.get(lead.group("place").strip().lower())
    if state is None:
        return []
    government = ctx.lexicon.child_of_kind(state, "government")
    military = ctx.lexicon.child_of_kind(state, "armed_force")
    chosen = military if "military" in phrase or "army" in phrase else government or state
    return [chosen] if chosen is not None else []


# Bare officials: who they are is told by where the sentence is ("..., officials said" of a strike on a
# town of one country are that country's).  Not "the army", whose side a place does not tell.
_BARE_OFFICIALS = frozenset({"officials", "authorities", "the authorities", "government officials"})
_WORDS = re.compile(r"[A-Za-z][\w-]*")


def officials_of_place(ctx: ArticleContext, index: int, np_start: int, np_end: int) -> list[PartyRef]:
    """ "Four people were killed when a Russian glide bomb hit Kharkiv, officials said": bare officials
    speak for the government of the country whose towns the sentence names, when the sentence also names
    a state (by name or demonym) of another belligerent side, the attack's, and no other state of the
    town's own side.  A contested town's country does not tell whose officials speak ("an Azerbaijani
    strike on Martuni, officials said"), nor a sentence with towns of two countries: [] then."""
    if ctx.text[np_start:np_end].strip().lower() not in _BARE_OFFICIALS or not ctx.sentences:
        return []
    lexicon = ctx.lexicon
    start, end = ctx.sentences[index]
    states = {lexicon.place_state.get(place) for place in ctx.places_in(start, end)}
    state = states.pop() if len(states) == 1 else None
    if state is None:
        return []
    own_side = lexicon.parties[state].side
    named = {
        lexicon.states[w.lower()] for w in _WORDS.findall(ctx.text[start:end]) if w.lower() in lexicon.states
    }
    other_sides = {lexicon.parties[party].side for party in named if party != state} - {own_side}
    allies = {party for party in named if party != state and lexicon.parties[party].side == own_side}
    if own_side not in lexicon.belligerent_sides or not other_sides & lexicon.belligerent_sides or allies:
        return []
    return [lexicon.child_of_kind(state, "government") or state]
