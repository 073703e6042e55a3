"""Who says what: the speaker of a clause and the part of it they say.

Covers "X said (that) ...", "..., X said on Sunday", "according to X, ...", '"...," said X',
"X told Reuters", agencies relaying or citing someone ("Interfax, citing the army, reported"),
appositions ("Hikmet Hajiyev, an aide to the president, said") and speakers named earlier and
referred to as "the ministry", "it", "he" or "its prosecutor general".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from claims.extraction.context import ArticleContext
from claims.extraction.lexicon import find_parties, tokenize
from claims.extraction.official_roles import body_of_state, official_of_place, role_of
from claims.extraction.parties import (
    PartyRef,
    head_before_place,
    is_media,
    kind_matches,
    placed_under_role,
    pronoun_kind,
    resolve_phrase,
)
from claims.extraction.patterns import (
    ADJECTIVAL,
    ADJECTIVE_USE,
    ANSWERING_VERBS,
    ASIDE_END,
    AUXILIARIES_ONLY,
    CALLED_ON,
    CITING,
    CITING_AFTER,
    CITING_BEFORE,
    CONTENT_LEAD,
    FINITE_VERB,
    INVERTIBLE,
    LOCAL_ROLE,
    OBJECT_RELATIVE,
    PARTICIPLE_TAIL,
    PASSIVE_BEFORE,
    PASSIVE_DENY,
    PAST_VERB,
    POSSESSIVE_ROLE,
    QUOTE_CLOSED_BEFORE,
    RELATIVE_SUBJECT,
    SUBJECT_END,
    TOLD_OBJECT,
    TRAILING_ACCORDING,
    VERB_STEMS,
    content_end_before,
    is_tail,
    stems_of,
)
from claims.extraction.people import SURNAME, person_named_before
from claims.extraction.unnamed_speakers import (
    generic_in_country,
    generic_source,
    officials_of_place,
    sources_of,
)


@dataclass
class Attribution:
    """The speakers of a clause and where what they say starts and ends."""

    speakers: list[PartyRef]
    content_start: int
    content_end: int
    verb: str
    relay: PartyRef | None = None
    rule: str = ""
    # ", adding that ...", ", wounding a child": more of what the speaker says, after the speaker.
    extra: tuple[int, int] | None = None


# What ``attribution`` returns: who speaks, nobody (the outlet's voice), or a speaker we cannot name.
Found = Attribution | Literal[False] | None

# --- parties in context ----------------------------------------------------------------------------


def antecedent(
    ctx: ArticleContext, wanted: str, before: int, index: int, exclude: PartyRef | None = None
) -> PartyRef | None:
    """The latest party named before ``before`` (this and the two previous sentences) that fits
    (and is not ``exclude``: "X ..., accusing them of" does not point at X)."""
    lo = ctx.sentences[max(0, index - 2)][0] if ctx.sentences else 0
    options: list[tuple[int, PartyRef]] = [(s, ref) for s, ref in ctx.speakers if lo <= s < before]
    if wanted != "speaker":
        options += [(m.start, m.id) for m in find_parties(ctx.lexicon, tokenize(ctx.text, lo, before))]
    for earlier in (index - 1, index - 2):
        if earlier >= 0:
            options += [(ctx.sentences[earlier][0], ref) for ref in speakers_of(ctx, earlier)]
    options.sort(key=lambda item: item[0])
    for _, ref in reversed(options):
        if (
            ref != exclude
            and (wanted == "media" or not is_media(ctx.lexicon, ref))
            and kind_matches(ctx.lexicon, ref, wanted)
        ):
            return ref
    if wanted not in ("any", "speaker"):
        return None
    return ctx.speakers[-1][1] if ctx.speakers else None


def speakers_of(ctx: ArticleContext, index: int) -> list[PartyRef]:
    """Who speaks in an earlier sentence that held no claim ("The health ministry said 16 people
    remained in hospital."), so that "the ministry" in the next sentence can point at it."""
    if index in ctx.sentence_speakers:
        return ctx.sentence_speakers[index]
    ctx.sentence_speakers[index] = []
    start, end = ctx.sentences[index]
    saved = ctx.stems
    ctx.stems = stems_of(ctx.text[start:end])
    try:
        found = attribution(ctx, start, end, index)
    finally:
        ctx.stems = saved
    speakers = found.speakers if isinstance(found, Attribution) else []
    ctx.sentence_speakers[index] = speakers
    return speakers


def resolve(ctx: ArticleContext, start: int, end: int, index: int) -> list[PartyRef]:
    """The parties text[start:end] names, with pronouns, "the ministry" and "its X" taken from context."""
    phrase = ctx.text[start:end]
    possessive = POSSESSIVE_ROLE.match(phrase.strip())
    if possessive:
        owner = antecedent(ctx, "any", start, index)
        if owner is not None:
            # A body the gazetteer knows, else one proposed under the owner's state.
            role = possessive.group("role")
            found = role_of(ctx.lexicon, owner, role) or body_of_state(ctx.lexicon, owner, role)
            if found is not None:
                return [found]
    local = LOCAL_ROLE.fullmatch(phrase.strip())
    if local:
        official = official_of_place(ctx, local.group("role"), start, index)
        if official is not None:
            return [official]
    wanted = pronoun_kind(phrase)
    if wanted is not None:
        if wanted == "self":
            return []
        ref = _previous_speaker(ctx, wanted, start, index) or antecedent(ctx, wanted, start, index)
        return [ref] if ref is not None else []
    named = resolve_phrase(ctx.text, start, end, ctx.lexicon)
    if len(named) == 1 and isinstance(named[0], int) and ctx.lexicon.parties[named[0]].kind == "state":
        # "Houthi media outlets in Yemen said": the state is where they are, the head who speaks.
        head = head_before_place(ctx.text, start, end, ctx.lexicon)
        if head and head != named:
            return head
    if not named:
        surname = SURNAME.fullmatch(phrase.strip())
        person = person_named_before(ctx, surname.group("name"), start) if surname else None
        return [person] if person is not None else []
    return named


def _previous_speaker(ctx: ArticleContext, wanted: str, start: int, index: int) -> PartyRef | None:
    """ "The defence ministry said its forces fired two missiles at Ukraine's army. It said 60 soldiers
    were killed.": a pronoun that opens its sentence goes on with the previous sentence's speaker, not
    the party named last in it."""
    if index < 1 or not ctx.sentences or ctx.text[ctx.sentences[index][0] : start].strip(" “”\"'"):
        return None
    lo, hi = ctx.sentences[index - 1]
    spoken = [ref for s, ref in ctx.speakers if lo <= s < hi] or speakers_of(ctx, index - 1)
    fitting = [
        ref
        for ref in spoken
        if (wanted == "media" or not is_media(ctx.lexicon, ref)) and kind_matches(ctx.lexicon, ref, wanted)
    ]
    return fitting[-1] if len(set(fitting)) == 1 else None


# --- the speaker of a clause -----------------------------------------------------------------------


def attribution(ctx: ArticleContext, cs: int, ce: int, index: int) -> Found:
    """Who says clause text[cs:ce], and which part they say; False if a speaker is named but unknown."""
    if VERB_STEMS.isdisjoint(ctx.stems):
        return None
    found, unresolved = _according_to(ctx, cs, ce, index)
    if found is not None:
        return found
    verbs = [
        match
        for match in ctx.reporting_verbs(cs, ce)
        # "an alleged provocation", "the reported attack": an adjective, not a reporting verb.
        if (
            match.group("verb").lower() not in ADJECTIVAL
            or not ADJECTIVE_USE.search(ctx.text, max(cs, match.start() - 6), match.start())
        )
        # "the people were denied a future": a passive "denied" is not a denial.
        and not (
            match.group("verb").lower() in PASSIVE_DENY
            and PASSIVE_BEFORE.search(ctx.text, max(cs, match.start() - 24), match.start())
        )
        # "(quoted by Interfax)" names the relay of the verb before it, not a speaker of its own.
        and ctx.text[max(cs, match.start() - 2) : match.start()].strip() != "("
        # "..., which Yerevan denies": the answer to the charge (``kinds.answered``), not its speaker.
        and not (
            match.group("verb").lower() in ANSWERING_VERBS
            and OBJECT_RELATIVE.search(ctx.text, max(cs, match.start() - 70), match.start())
        )
    ]
    if verbs:
        found = _speaker_last(ctx, cs, ce, verbs[-1], index)
        if found is not None:
            return found
    for match in verbs:
        outcome = _speaker_of_verb(ctx, cs, ce, match, index)
        if outcome == "unresolved":
            unresolved = True
        elif outcome != "next":
            return outcome
    return False if unresolved else None


def _according_to(ctx: ArticleContext, cs: int, ce: int, index: int) -> tuple[Attribution | None, bool]:
    """ "According to X, ..." and "..., according to X": the attribution, and whether X is unknown."""
    clause = ctx.text[cs:ce]
    lower = clause.lower()
    unresolved = False
    if lower.startswith("according to "):
        comma = clause.find(",")
        if comma > 0:
            speakers = resolve(ctx, cs + 13, cs + comma, index) or generic_source(ctx, cs + 13, cs + comma)
            if speakers:
                return relay(ctx, Attribution(speakers, cs + comma + 1, ce, "according to"), index), False
            unresolved = True
    trail = (
        TRAILING_ACCORDING.search(clause)
        if "according to" in lower or ", per " in lower or " by " in lower
        else None
    )
    if trail:
        speakers = resolve(ctx, cs + trail.start("np"), cs + trail.end("np"), index) or generic_source(
            ctx, cs + trail.start("np"), cs + trail.end("np")
        )
        if speakers:
            return relay(ctx, Attribution(speakers, cs, cs + trail.start(), "according to"), index), False
        unresolved = True
    return None, unresolved


def _speaker_last(
    ctx: ArticleContext, cs: int, ce: int, match: re.Match[str], index: int
) -> Attribution | None:
    """ "..., the ministry said on Sunday, Reuters reported.": a last verb with nothing after it but a
    time or a participle names the speaker of all that comes before."""
    text = ctx.text
    told_to: PartyRef | None = None
    if not is_tail(text[match.end() : ce]):
        # "..., a medical source told AFP.": the agency told is the relay.
        told = (
            TOLD_OBJECT.match(text, match.end(), ce)
            if match.group("verb").lower() in ("told", "tells")
            else None
        )
        if told is None or not is_tail(text[told.end() : ce]):
            return None
        target = resolve_phrase(text, told.start("obj"), told.end("obj"), ctx.lexicon)
        told_to = target[0] if len(target) == 1 and is_media(ctx.lexicon, target[0]) else None
    found = speaker_before(ctx, cs, match, index)
    if found is None:
        return None
    speakers, np_start, verb, _ = found
    if np_start <= cs:
        return None
    participle = PARTICIPLE_TAIL.search(text, match.end(), ce)
    extra = None
    if participle:
        extra = (participle.start("rest") if participle.group("rest") else participle.start("rest2"), ce)
    content_end = content_end_before(text, cs, np_start)
    if len(speakers) == 1 and is_media(ctx.lexicon, speakers[0]):
        cited = CITING_AFTER.match(text, match.end(), ce)
        source = resolve(ctx, cited.start("np"), cited.end("np"), index) if cited else []
        if source:
            return Attribution(source, cs, content_end, verb, relay=speakers[0], rule="relay:citing-after")
    return relay(
        ctx, Attribution(speakers, cs, content_end, verb, relay=told_to, rule="inverted", extra=extra), index
    )


def _speaker_of_verb(
    ctx: ArticleContext, cs: int, ce: int, match: re.Match[str], index: int
) -> Attribution | Literal["next", "unresolved"] | None:
    """The attribution one reporting verb makes; "next" when it makes none, "unresolved" when the words
    before it look like a speaker nobody knows, None when it is not a report ("called on")."""
    text = ctx.text
    verb = match.group("verb").lower()
    vs, ve = match.start(), match.end()
    before = text[cs:vs].rstrip()
    if (
        before.endswith((",", "”", '"'))
        and verb in INVERTIBLE
        and verb != "told"
        and not ASIDE_END.search(before)
    ):
        # '"...," said Artsrun Hovhannisyan': the speaker follows the verb.
        comma = text.find(",", ve, ce)
        np_end = comma if comma > 0 else ce
        after = text[ve:np_end]
        # "X, Sudan's information minister, said the army had retaken ...": a clause, not a speaker.
        speakers = (
            resolve(ctx, ve, np_end, index)
            if len(after.split()) <= 7 and not FINITE_VERB.search(after)
            else []
        )
        if speakers:
            end = content_end_before(text, cs, vs)
            return relay(ctx, Attribution(speakers, cs, end, verb, rule="inverted"), index)
    found = speaker_before(ctx, cs, match, index)
    if found is None:
        np_start, np_end = ctx.np_before(cs, vs)
        phrase = text[np_start:np_end].strip()
        if phrase and len(phrase.split()) <= 6 and verb in ("said", "told"):
            return "unresolved"
        return "next"
    speakers, np_start, verb, citing = found
    said_to = citing
    content_start = ve
    if verb in ("told", "tells"):
        obj = TOLD_OBJECT.match(text, ve, ce)
        if obj:
            target = resolve_phrase(text, obj.start("obj"), obj.end("obj"), ctx.lexicon)
            if target and is_media(ctx.lexicon, target[0]):
                said_to = target[0]
            content_start = obj.end()
    if verb == "called" and CALLED_ON.match(text, ve, ce):
        return None
    if QUOTE_CLOSED_BEFORE.search(text, cs, np_start) and np_start - cs > 12:
        # '“...,” he told Italy's broadcaster in an interview': what he says is the quote before him.
        end = content_end_before(text, cs, np_start)
        return relay(ctx, Attribution(speakers, cs, end, verb, relay=said_to, rule="inverted"), index)
    lead = CONTENT_LEAD.match(text, content_start, ce)
    if lead:
        content_start = lead.end()
    found_attribution = Attribution(speakers, content_start, ce, verb, relay=said_to, rule="subject-verb")
    return found_attribution if citing else relay(ctx, found_attribution, index)


def speaker_before(
    ctx: ArticleContext, cs: int, match: re.Match[str], index: int
) -> tuple[list[PartyRef], int, str, PartyRef | None] | None:
    """(speakers, phrase start, verb, citing agency) when the words before a reporting verb name a
    speaker.

    Handles appositions ("Hikmet Hajiyev, an aide to President Ilham Aliyev, told ...": the
    head comes first) and agencies citing a source ("Interfax, citing the army, reported").
    """
    text = ctx.text
    verb = match.group("verb").lower()
    region_end = content_end_before(text, 0, match.start())
    citing = CITING.search(text[cs:region_end])
    if citing:
        agency = resolve_phrase(text, cs + citing.start("agency"), cs + citing.end("agency"), ctx.lexicon)
        source = resolve(ctx, cs + citing.start("source"), cs + citing.end("source"), index)
        if source and agency and is_media(ctx.lexicon, agency[0]):
            return source, cs + citing.start("agency"), verb, agency[0]
    relative = RELATIVE_SUBJECT.fullmatch(text, cs, match.start())
    if relative:
        # "Moscow, which denies targeting civilians, ...": the relative clause's speaker is its head.
        head = resolve(ctx, relative.start("head"), relative.end("head"), index)
        if head:
            return head, relative.start("head"), verb, None
    np_start, np_end = ctx.np_before(cs, match.start())
    if np_end <= np_start or AUXILIARIES_ONLY.fullmatch(text, np_start, np_end):
        # "X provided no evidence, but told reporters ...": the clause shares the sentence's subject.
        shared = _sentence_subject(ctx, cs, index)
        return (shared, np_start, verb, None) if shared else None
    if text[cs : match.start()].rstrip().endswith(",") and len(text[np_start:np_end].split(",")) >= 2:
        head = _appositive_head(ctx, np_start, np_end, index)
        if head:
            return head, np_start, verb, None
    speakers = sources_of(ctx, np_start, np_end) or resolve(ctx, np_start, np_end, index)
    if not speakers:
        speakers = (
            generic_in_country(ctx, cs, np_start, np_end)
            or generic_source(ctx, np_start, np_end)
            or officials_of_place(ctx, index, np_start, np_end)
        )
    if not speakers:
        return None
    return speakers, np_start, verb, None


def _sentence_subject(ctx: ArticleContext, cs: int, index: int) -> list[PartyRef]:
    """ "The RSF did not respond to a request for comment, but has denied ...": a clause with no subject
    of its own shares the one that opens the sentence (when it names exactly one party)."""
    ss = ctx.sentences[index][0] if ctx.sentences else 0
    if not ss < cs:
        return []
    verb = SUBJECT_END.search(ctx.text, ss, cs) or PAST_VERB.search(ctx.text, ss, cs)
    if verb is None:
        return []
    found = resolve(ctx, ss, verb.start(), index)
    return found if len(found) == 1 else []


def _appositive_head(ctx: ArticleContext, np_start: int, np_end: int, index: int) -> list[PartyRef]:
    """ "Hikmet Hajiyev, an aide to the president": the head, placed under the body its role names."""
    head_end = np_start + len(ctx.text[np_start:np_end].split(",")[0])
    head = resolve(ctx, np_start, head_end, index)
    if not head:
        return head
    placed = placed_under_role(ctx.lexicon, head[0], ctx.text, head_end + 1, np_end)
    return head if placed is head[0] else [placed]


def relay(ctx: ArticleContext, found: Attribution, index: int) -> Attribution:
    """A news agency relaying someone ("X said ..., Reuters reported"): the inner speaker claims."""
    if len(found.speakers) != 1 or not is_media(ctx.lexicon, found.speakers[0]):
        return found
    base = found.content_start - 40
    citing = CITING_BEFORE.search(ctx.text[base : found.content_start])
    inner = attribution(ctx, found.content_start, found.content_end, index)
    if isinstance(inner, Attribution) and not is_media(ctx.lexicon, inner.speakers[0]):
        inner.relay = found.speakers[0]
        inner.rule = f"relay:{inner.rule}"
        return inner
    if citing:
        speakers = resolve(ctx, max(0, base) + citing.start("np"), max(0, base) + citing.end("np"), index)
        if speakers:
            return Attribution(
                speakers,
                found.content_start,
                found.content_end,
                found.verb,
                relay=found.speakers[0],
                rule="relay:citing",
            )
    # "Armenpress reported, citing the ombudsman, ... '...,' the news agency said": the agency goes on
    # relaying the source it cited last (in this or the two previous sentences).
    lo = ctx.sentences[max(0, index - 2)][0] if ctx.sentences else 0
    earlier = next(
        (
            c
            for c in reversed(ctx.candidates)
            if c.relayed_by == found.speakers[0] and c.quote_start >= lo and c.claimant != found.speakers[0]
        ),
        None,
    )
    if earlier is not None:
        return Attribution(
            [earlier.claimant],
            found.content_start,
            found.content_end,
            found.verb,
            relay=found.speakers[0],
            rule="relay:cited-before",
        )
    return found
