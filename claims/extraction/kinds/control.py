"""Control claims: a party says someone took or holds a named place of the gazetteer.

Forms: active ("Azerbaijani forces took Talish"), passive ("Talish was liberated", "... by X"),
"under the control of X" / "under X control", "fell (to X)", and the nominal "the liberation of
X" (the speaker's own forces).  Aims ("trying to capture") and negations are not claims.
"""

from __future__ import annotations

import re

from claims.extraction.context import ArticleContext, Speech, without_qualifiers
from claims.extraction.kinds.withdrawal import EXPULSION_STEMS, WITHDRAWAL_STEMS, expulsions, withdrawals
from claims.extraction.lexicon import find_places, tokenize
from claims.extraction.parties import (
    NewParty,
    PartyRef,
    pronoun_kind,
    resolve_phrase,
    side_of,
    speaker_side_forces,
)
from claims.extraction.patterns import NEGATION_BEFORE, OBJECT_STOP, SUBJECT_TAIL

CONTROL_STEMS = frozenset(
    {
        "seiz", "capt", "libe", "reto", "reta", "reca", "took", "take", "gain", "esta", "rega", "free",
        "ente", "cont", "hold", "held", "rema", "kept", "fell", "fall", "unde", "hand", "occu", "recl",
        "with", "expe", "drov", "driv", "pull", "retr", "oust", "disl",
    }
)  # fmt: skip
CONTROL_VERB = (
    r"seized|seize|captured|capture|liberated|liberate|liberating|retook|retaken|recaptured|recapture"
    r"|(?:took|taken|gained|established|regained|assumed|seized|reclaimed|wrested)\s+(?:full\s+|complete\s+|total\s+)?"
    r"control(?:\s+(?:early\s+|late\s+)?on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))?"
    r"(?: of| over)?|(?:strengthened|tightened|consolidated)\s+(?:its|their|our|his)\s+(?:hold|grip|control)"
    r"\s+(?:on|over)|regained|reclaimed|took over|taken over|took|taken|freed|entered|controls|controlled|control|"
    r"holds|held|hold|remain in control of|remains in control of|remained in control of|in control of|"
    r"retained control of|kept control of|occupied|occupy|occupies"
)
CONTROL_RE = re.compile(rf"\b(?P<verb>{CONTROL_VERB})\b", re.IGNORECASE)
_UNDER_CONTROL = re.compile(
    r"\b(?:(?:is|was|remains|remained|are|were|now|still|firmly|fully)\s+)*(?:under\s+(?:the\s+)?(?:full\s+)?"
    r"control\s+of|controlled\s+by|in\s+the\s+hands\s+of|held\s+by)\s+(?P<np>[^,;.]+)",
    re.IGNORECASE,
)
_UNDER_X_CONTROL = re.compile(
    r"\bunder\s+(?:full\s+)?(?P<np>[\w’'-]+(?:\s+[\w’'-]+)?)\s+control\b", re.IGNORECASE
)
# "western Omdurman, where the RSF remains in control": the place named before "where".
_WHERE_IN_CONTROL = re.compile(
    r",\s*where\s+(?P<np>[^,;.]{2,40}?)\s+(?:remains?|remained|is|are|was|were|has\s+been|have\s+been)\s+"
    r"(?:still\s+|firmly\s+|fully\s+)?in\s+(?:full\s+)?control\b",
    re.IGNORECASE,
)
_FELL = re.compile(
    r"\b(?:fell|has fallen|had fallen|have fallen)\b(?:\s+to\s+(?P<np>[^,;.]+))?", re.IGNORECASE
)
# "trying to capture", "plans to seize": an aim, not a claim of control.
_AIM_BEFORE = re.compile(
    r"\b(?<!managed )(?<!able )to\s+(?:\w+ly\s+)?$|\b(?:trying|tried|tries|attempting|attempted|attempts|seeking"
    r"|aiming|bid)\s+(?:\w+\s+){0,3}$",
    re.IGNORECASE,
)
_AFTER_PARTICIPLE = re.compile(r"\b(?:after|since|upon|following)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_NOMINAL_STEMS = frozenset({"capt", "libe", "seiz", "take", "reca", "fall"})
# "The liberation of the town of Soledar", "completed the capture of Bakhmut": the speaker's own side.
_NOMINAL_CONTROL = re.compile(
    r"\b(?P<noun>capture|liberation|seizure|takeover|recapture"
    # "hailed the fall of Avdiivka": a fall that the speaker's side celebrates is its own capture.
    r"|(?<=hailed the )fall|(?<=hails the )fall|(?<=celebrated the )fall|(?<=welcomed the )fall)[\"”’']?\s+of\s+(?:the\s+(?:city|town|village|"
    r"settlement|camp|region|district)\s+of\s+)?(?P<object>[^,;.]{2,60})",
    re.IGNORECASE,
)
# "The capture of Soledar was made possible by ...": the object ends where a verb begins.
_NOMINAL_OBJECT_END = re.compile(
    r"\s+(?:was|were|is|are|has|have|had|comes|came|will|would|marks|marked|means|meant|made|allowed|opened)\b",
    re.IGNORECASE,
)
_NOMINAL_LEAD = re.compile(r"\b(?:the|its|their|our|complete|full|a)\s+[\"'“”]?$")
# "The capture of X, ..., would mark a major success": a hypothesis, not a report.
_MODAL = re.compile(r"\b(?:would|will|could|might|may)\b", re.IGNORECASE)
# Where an unnamed object taken is: "... in central Khartoum", "... from the army in North Darfur".
_WHERE_TAKEN = re.compile(
    r"\s+(?:from\s+[^,;.]{2,40}?\s+)?in\s+(?:(?:central|northern|southern|eastern|western|north|south|east|west)"
    r"\s+)?(?P<np>[^,;.]{2,40})",
    re.IGNORECASE,
)
# "captured two soldiers in Kharkiv": people or weapons taken somewhere, not the place.
_NOT_GROUND = re.compile(
    r"\b(?:soldiers|servicemen|prisoners|fighters|troops|militants|people|civilians|hostages|members|commanders"
    r"|officers|weapons|tanks|vehicles|equipment|ammunition|drones|ships?|vessels?|aircraft|crew|sailors)\b",
    re.IGNORECASE,
)
_TAKING = ("seiz", "capt", "reca", "reto", "reta", "took", "take", "gain", "rega", "recl", "wres")
_BY = re.compile(r"\s+by\s+(?P<np>[^,;.]+)")
_BY_AT_END = re.compile(r"\s+by\s+(?P<np>.+)$")
_IN_AREA = re.compile(r"\s+in\s+(?:the\s+)?(?P<np>[^,;.]{2,40})")
_TAKEN = ("taken", "captured", "seized", "recaptured", "retaken", "took over", "taken over")
_NOMINAL_VERBS = ("control", "hold", "capture", "recapture", "seizure")


class _Claims:
    """The control claims of one speech, at most one per place."""

    def __init__(self, ctx: ArticleContext, speech: Speech) -> None:
        self.ctx = ctx
        self.speech = speech
        self.done: set[int] = set()
        self.own_forces = speaker_side_forces(ctx.lexicon, speech.claimant)
        self.belligerent = side_of(ctx.lexicon, speech.claimant) in ctx.lexicon.belligerent_sides
        self.state_speaker = self.belligerent and _is_state(ctx, speech.claimant)

    def add(self, place_id: int, controller: PartyRef | None, how: str) -> None:
        if controller is None or place_id in self.done:
            return
        self.done.add(place_id)
        speech = self.speech
        self.ctx.add(
            "control", speech.claimant, speech.qs, speech.qe, speech.sentence, f"{speech.rule}/control-{how}",
            relayed_by=speech.relay, controller=controller, place_id=place_id,
        )  # fmt: skip

    def controller(self, start: int, end: int) -> PartyRef | None:
        """Who a controller phrase names; "we", "our forces", "it" are the speaker's own side."""
        text = self.ctx.text
        raw = text[start:end]
        phrase = SUBJECT_TAIL.sub("", raw).strip()
        start += len(raw) - len(raw.lstrip())
        end = start + len(phrase)
        kind = pronoun_kind(phrase)
        lowered = phrase.lower()
        if kind == "self" or lowered.startswith(("our ", "we ", "his ", "her ", "its ", "their ")):
            return self.own_forces
        if lowered.startswith(("the country's ", "the country’s ", "his country's ", "his country’s ")):
            return self.own_forces
        if kind is not None or (lowered in _OWN_ARMY and self.state_speaker):
            return self.own_forces
        state = self.ctx.lexicon.states.get(phrase.lower())
        if state is not None:
            return state
        refs = resolve_phrase(text, start, end, self.ctx.lexicon)
        return refs[0] if len(refs) == 1 else None


# "The military had retaken the palace", said by a state's minister: its own army.
_OWN_ARMY = frozenset({"the army", "the military", "the armed forces", "troops", "the troops"})


def _is_state(ctx: ArticleContext, ref: PartyRef) -> bool:
    party_id = ref.parent_id if isinstance(ref, NewParty) else ref
    if party_id is None or party_id not in ctx.lexicon.parties:
        return False
    return ctx.lexicon.parties[ctx.lexicon.root_of(party_id)].kind in ("state", "de_facto")


def controls(ctx: ArticleContext, speech: Speech) -> None:
    """Every control claim in what is said."""
    if CONTROL_STEMS.isdisjoint(ctx.stems):
        return
    claims = _Claims(ctx, speech)
    _under(claims)
    _fell(claims)
    for match in CONTROL_RE.finditer(ctx.text, speech.cs, speech.ce):
        _control_verb(claims, match)
    if not _NOMINAL_STEMS.isdisjoint(ctx.stems):
        _nominal(claims)
    if not WITHDRAWAL_STEMS.isdisjoint(ctx.stems):
        withdrawals(claims)
    if not EXPULSION_STEMS.isdisjoint(ctx.stems):
        expulsions(claims)


def _under(claims: _Claims) -> None:
    """ "Hadrut is under the control of X", "held by X", "under Armenian control"."""
    ctx, cs, ce = claims.ctx, claims.speech.cs, claims.speech.ce
    for pattern in (_UNDER_CONTROL, _UNDER_X_CONTROL):
        for match in pattern.finditer(ctx.text, cs, ce):
            refs = claims.controller(match.start("np"), match.end("np"))
            for place in ctx.places_in(cs, match.start()):
                claims.add(place, refs, "under")
    for match in _WHERE_IN_CONTROL.finditer(ctx.text, cs, ce):
        places = ctx.places_in(max(cs, match.start() - 60), match.start())
        if places:
            claims.add(places[-1], claims.controller(match.start("np"), match.end("np")), "where-in-control")


def _fell(claims: _Claims) -> None:
    """ "Talish fell to Azerbaijani forces" (a bare "fell" names no controller: no claim)."""
    ctx, cs, ce = claims.ctx, claims.speech.cs, claims.speech.ce
    for match in _FELL.finditer(ctx.text, cs, ce):
        if NEGATION_BEFORE.search(ctx.text, max(cs, match.start() - 20), match.start()):
            continue
        controller = claims.controller(match.start("np"), match.end("np")) if match.group("np") else None
        for place in ctx.places_in(cs, match.start()):
            claims.add(place, controller, "fell")


def _control_verb(claims: _Claims, match: re.Match[str]) -> None:
    """ "X took Talish" (active) or "Talish was taken (by X)" (passive)."""
    ctx, cs, ce = claims.ctx, claims.speech.cs, claims.speech.ce
    text = ctx.text
    verb = match.group("verb").lower()
    if NEGATION_BEFORE.search(text, max(cs, match.start() - 25), match.start()):
        return
    if _AIM_BEFORE.search(text, max(cs, match.start() - 40), match.start()):
        return
    if text[max(cs, match.start() - 1) : match.start()] == "-":
        return  # "Armenian-controlled": a description, not a claim
    if text[max(cs, match.start() - 8) : match.start()].lower() == "line of ":
        return  # "the Line of Control": a border's name
    if verb.endswith("ing") and _AFTER_PARTICIPLE.search(text, max(cs, match.start() - 30), match.start()):
        # "it deployed units after successfully liberating the camp": the speaker's side took it.
        if claims.belligerent:
            stop = OBJECT_STOP.search(text, match.end(), ce)
            for place in ctx.places_in(match.end(), stop.start() if stop else ce):
                claims.add(place, claims.own_forces, "after-taking")
        return
    s, e, passive = ctx.subject_before(cs, match.start())
    if passive:
        _passive(claims, match, verb)
        return
    if verb in _NOMINAL_VERBS and text[match.end() : match.end() + 4].lower().startswith(" of"):
        return  # "the capture of X": the nominal rule
    controller = claims.controller(s, e) if e > s else None
    stop = OBJECT_STOP.search(text, match.end(), ce)
    object_end = stop.start() if stop else ce
    places = ctx.places_in(match.end(), object_end)
    taken = text[match.end() : object_end]
    taking = verb.startswith(_TAKING) and not taken.lstrip().lower().startswith("by ")
    taking = taking and not _NOT_GROUND.search(taken)
    where = None if places or stop is None or not taking else _WHERE_TAKEN.match(text, object_end, ce)
    if where is not None:
        # "seized the ministries in central Khartoum", "a key base from the army in North Darfur"
        places = ctx.places_in(where.start("np"), where.end("np"))
    for place in places:
        claims.add(place, controller, "active")


def _passive(claims: _Claims, match: re.Match[str], verb: str) -> None:
    ctx, cs, ce = claims.ctx, claims.speech.cs, claims.speech.ce
    text = ctx.text
    by = _BY.match(text[match.end() : ce])
    if by:
        controller = claims.controller(match.end() + by.start("np"), match.end() + by.end("np"))
    elif verb.startswith(("liberat", "freed")) or (claims.belligerent and verb.startswith(_TAKEN)):
        # A belligerent saying a place "was taken" without naming by whom speaks of its own forces.
        controller = claims.own_forces
    else:
        controller = None
    places = _without_qualifiers(ctx, cs, match.start())
    if not places:
        # "the villages of A and B were liberated in the Fuzuli area"
        where = _IN_AREA.match(text[match.end() : ce])
        if where:
            places = ctx.places_in(match.end() + where.start("np"), match.end() + where.end("np"))
    for place in places:
        claims.add(place, controller, "passive")


def _without_qualifiers(ctx: ArticleContext, start: int, end: int) -> list[int]:
    """The places of text[start:end] that are taken, without those that only locate the one before."""
    mentions = find_places(ctx.lexicon, tokenize(ctx.text, start, end))
    if len(mentions) < 2:
        return ctx.places_in(start, end)  # none, one, or "the town" standing for one named before
    return [m.id for m in without_qualifiers(ctx.text, mentions)]


def _nominal(claims: _Claims) -> None:
    """ "The liberation of Talish": the speaker's own forces took it (or those named after "by")."""
    ctx, cs, ce = claims.ctx, claims.speech.cs, claims.speech.ce
    text = ctx.text
    for match in _NOMINAL_CONTROL.finditer(text, cs, ce):
        if NEGATION_BEFORE.search(text, max(cs, match.start() - 30), match.start()) or _AIM_BEFORE.search(
            text, max(cs, match.start() - 40), match.start()
        ):
            continue
        if _NOMINAL_LEAD.search(text[max(cs, match.start() - 40) : match.start()].lower()) is None:
            continue
        object_start, object_end = match.start("object"), match.end("object")
        stop = OBJECT_STOP.search(text, object_start, object_end)
        object_end = stop.start() if stop else object_end
        verb = _NOMINAL_OBJECT_END.search(text, object_start, object_end)
        if verb and verb.group(0).split()[0].lower() in ("will", "would"):
            continue  # "the capture of Talish would be a disaster": a hypothesis, not a claim
        object_end = verb.start() if verb else object_end
        by = _BY_AT_END.search(text[object_start:object_end])
        named = claims.controller(object_start + by.start("np"), object_end) if by else None
        if by:
            object_end = object_start + by.start()
        named_place = bool(ctx.lexicon.place_ids(text[object_start:object_end]))
        for place in ctx.places_in(object_start, object_end):
            if named is not None:
                claims.add(place, named, "nominal")
            elif claims.belligerent:
                claims.add(place, claims.own_forces, "nominal")
            elif named_place and not _MODAL.search(text, object_end, claims.speech.sentence[1]):
                claims.add(place, _earlier_controller(ctx, place), "nominal-earlier")


def _earlier_controller(ctx: ArticleContext, place: int) -> PartyRef | None:
    """ "The recapture of the palace marked ...", said by someone on no side: who the article already
    said took the place (None when nobody was said to, or when two parties were)."""
    controllers = {c.controller for c in ctx.candidates if c.kind == "control" and c.place_id == place}
    return controllers.pop() if len(controllers) == 1 else None
