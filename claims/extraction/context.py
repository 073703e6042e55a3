"""What the rules share while they read one article: the text, its sentences, who has spoken so far,
and the helpers every claim kind uses (event windows, places, subjects, the candidate list).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from claims.extraction.lexicon import Lexicon, Mention, find_places, tokenize
from claims.extraction.parties import PartyRef
from claims.extraction.patterns import (
    ADVERBS,
    BOUNDARY_WORDS,
    PASSIVE_AUX,
    PLACE_ANAPHOR,
    VERB_LOWER_RE,
    VERB_RE,
)
from claims.extraction.sentences import sentence_spans
from claims.extraction.timeexpr import day_find, time_find

Span = tuple[int, int]
Window = tuple[datetime | None, datetime | None]


@dataclass
class Candidate:
    """One claim the extractor proposes, with the exact quote and its offsets in the body."""

    kind: str
    claimant: PartyRef
    quote_start: int
    quote_end: int
    quote: str
    rule: str
    relayed_by: PartyRef | None = None
    accused: PartyRef | None = None
    controller: PartyRef | None = None
    act: str = ""
    place_id: int | None = None
    killed: tuple[int, int | None] | None = None
    wounded: tuple[int, int | None] | None = None
    displaced: tuple[int, int | None] | None = None
    missing: tuple[int, int | None] | None = None
    victim_group: str = "unspecified"
    event_start: datetime | None = None
    event_end: datetime | None = None


@dataclass(frozen=True, slots=True)
class Speech:
    """What one speaker says in one clause: the quote (``qs``:``qe``, the clause) and the part that is
    said (``cs``:``ce``, where the claim patterns look), with the rule that attributed it."""

    claimant: PartyRef
    relay: PartyRef | None
    qs: int
    qe: int
    cs: int
    ce: int
    sentence: Span
    rule: str


# "Later it put the toll at ...": a sentence adverb before the subject is not part of it.
_LEADING_ADVERB = re.compile(
    r"(?:later|earlier|then|meanwhile|separately|previously|subsequently|afterwards|in\s+turn)\s*,?\s+(?=\S)",
    re.IGNORECASE,
)
_TRAILING_ADVERB = re.compile(
    r"(?:\s+(?:also|too|later|earlier|meanwhile|separately|previously|again|reportedly|repeatedly|then"
    r"|subsequently|further|likewise))+$",
    re.IGNORECASE,
)
_STOP = re.compile(r",\s*(?:while|but|and\s+(?:the|that)|according|which|calling|saying|adding)\b|;")


# A capital as its government: the verb it says or answers with follows, or it is who something came from.
_SPEAKING_AFTER = re.compile(
    r"\s*,?\s*(?:(?:has|have|had|also|later|then|quickly|swiftly|itself)\s+)*(?:[a-z]{2,}ed|says|claims|calls"
    r"|insists|denies|accuses|blames|maintains|alleges|dubs|describes|rejects|warns|responds)\b"
)
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
# A paragraph's opening dateline: "KYIV, Ukraine (AP) —", "LONDON --", "Khartoum, Feb 1" (after the stored
# pages' " date 2025-04-13 " stamp when there is one).
_DATELINE = re.compile(
    r"^[ \t]*(?:date \d{4}-\d{2}-\d{2}[ \t]+)?(?P<dateline>"
    r"[A-Z][A-Z'’.-]{2,}(?:[ \t]+[A-Z][A-Z'’.-]+){0,2}(?:,[ \t]*[A-Z][\w'’.]+(?:[ \t]+[A-Z][\w'’.]+)?)?"
    r"[ \t]*(?:\([^)\n]{2,30}\))?[ \t]*(?:—|–|--|-)"
    r"|\([A-Z][\w .&'’-]{1,30}\)[ \t]*(?:—|–|--|-)"
    rf"|[A-Z][A-Za-z]+(?:[ \t]+[A-Z][A-Za-z]+)?,[ \t]*{_MONTH}[ \t]+\d{{1,2}}(?:[ \t]*\([A-Z]{{2,8}}\))?(?=[ \t]))",
    re.MULTILINE,
)
_SPEAKING_BEFORE = re.compile(r"\b(?:from|by)\s+$")
_WHERE_BEFORE = re.compile(
    r"\b(?:in|on|at|near|over|around|outside|across|into|to|towards?|of)\s+(?:the\s+)?$"
)


class ArticleContext:
    """One article being read; create one per article (it keeps context between sentences)."""

    def __init__(
        self,
        text: str,
        *,
        lexicon: Lexicon,
        published: datetime | None = None,
        outlet_party: PartyRef | None = None,
    ) -> None:
        self.text = text
        lowered = text.lower()
        # The text lower-cased for the case-blind patterns, when that keeps every offset ("İ" does not).
        self.lowered = lowered if len(lowered) == len(text) else None
        self.lexicon = lexicon
        self.published = published
        self.outlet_party = outlet_party
        # "KYIV, Ukraine (AP) —": where the report was filed, not where anything happened; a sentence that
        # opens with one starts after it, so it is nobody's subject ("(Bloomberg) -- Armenians fired").
        self._datelines: list[Span] = [m.span("dateline") for m in _DATELINE.finditer(text)]
        self.sentences = [self._after_dateline(span) for span in sentence_spans(text)]
        # Every speaker so far, with where they spoke: pronouns and "the ministry" point back at them.
        self.speakers: list[tuple[int, PartyRef]] = []
        self.sentence_speakers: dict[int, list[PartyRef]] = {}
        self.speakers_after: dict[int, list[PartyRef]] = {}
        self.current_index = 0
        self.stems: set[str] = set()
        self.candidates: list[Candidate] = []
        self._days: dict[int, date | None] = {}
        self._windows: dict[Span, tuple[date | None, time | None]] = {}
        self._place_cache: dict[Span, int | None] = {}

    # --- candidates ------------------------------------------------------------------------------

    def add(
        self, kind: str, claimant: PartyRef, qs: int, qe: int, sentence: Span, rule: str, **fields: Any
    ) -> None:
        """Propose a claim quoting text[qs:qe]; its event window is the clause's unless given."""
        window = fields.pop("window", None)
        event_start, event_end = window if window is not None else self.window(qs, qe)
        self.candidates.append(
            Candidate(
                kind=kind,
                claimant=claimant,
                quote_start=qs,
                quote_end=qe,
                quote=self.text[qs:qe],
                rule=rule,
                event_start=event_start,
                event_end=event_end,
                **fields,
            )
        )

    def act(self, start: int, end: int) -> str:
        """The act a claim is about, as written (one line, at most 300 characters)."""
        act = self.text[start:end].strip(" ,.;:“”\"'")
        act = re.sub(r"\s+", " ", act)
        return act[:300]

    def stop(self, start: int, end: int) -> int:
        """Where an act's description ends: before ", while ...", ", saying ...", a semicolon."""
        stop = _STOP.search(self.text[start:end])
        return start + stop.start() if stop else end

    # --- when ------------------------------------------------------------------------------------

    def sentence_day(self, index: int) -> date | None:
        """The day a sentence names (computed once, only for sentences that claims need)."""
        if index < 0:
            return None
        if index not in self._days:
            start, end = self.sentences[index]
            self._days[index] = day_find(self.text[start:end], self.published, self.lexicon.timezone)
        return self._days[index]

    def reporting_verbs(self, start: int, end: int) -> Iterator[re.Match[str]]:
        """The reporting verbs of text[start:end] ("said", "accused", "denied"); their ``verb`` group may
        come lower-cased, so callers compare it lower-cased."""
        if self.lowered is not None:
            return VERB_LOWER_RE.finditer(self.lowered, start, end)
        return VERB_RE.finditer(self.text, start, end)

    def window(self, qs: int, qe: int) -> Window:
        """Event window of a claim: its own clause's time, else the day its sentence (or the one
        before) names.  A clock time in a sibling clause is not borrowed.  Days of other sentences
        are looked up only when the clause names none (day_find is the costly part)."""
        key = (qs, qe)
        if key not in self._windows:
            clause = self.text[qs:qe]
            self._windows[key] = (day_find(clause, self.published, self.lexicon.timezone), time_find(clause))
        day, clock = self._windows[key]
        index = self.current_index
        if day is None:
            day = self.sentence_day(index) or self.sentence_day(index - 1)
            if day is None and clock is not None:
                day = self.sentence_day(index - 2)
        if clock is not None:
            if day is None and self.published is not None:
                day = self.published.astimezone(self.lexicon.timezone).date()
            if day is None:
                return None, None
            start = datetime.combine(day, clock, tzinfo=self.lexicon.timezone)
            return start, start + timedelta(seconds=59)
        if day is None:
            return None, None
        start = datetime.combine(day, time(0, 0), tzinfo=self.lexicon.timezone)
        return start, start + timedelta(days=1) - timedelta(microseconds=1)

    # --- where -----------------------------------------------------------------------------------

    def places_in(self, start: int, end: int) -> list[int]:
        """Gazetteer places named in text[start:end]; "the town" stands for the last place named before, and
        "the presidential palace" for the one palace of the gazetteer (``site_place``)."""
        found = list(self.place_ids(start, end))
        if found:
            return found
        if PLACE_ANAPHOR.search(self.text, start, end):
            lo = self.sentences[max(0, self.current_index - 2)][0] if self.sentences else 0
            earlier = without_qualifiers(self.text, find_places(self.lexicon, tokenize(self.text, lo, start)))
            towns = [m for m in earlier if self.lexicon.place_rank.get(m.id, 0) == 0]
            if towns:
                return [towns[-1].id]
        site = site_place(self.lexicon, self.text, start, end)
        return [site] if site is not None else []

    def event_place(self, cs: int, ce: int, sentence: Span) -> int | None:
        """Where a reported event happened: a place in what is said, else a town named in the sentence
        or the two before it ("nine were killed in the strike" after "a missile hit Ganja")."""
        place = self.place(cs, ce)
        if place is not None:
            return place
        lo = self.sentences[max(0, self.current_index - 2)][0] if self.sentences else sentence[0]
        for start, end in ((sentence[0], sentence[1]), (lo, sentence[0])):
            towns = [p for p in self.place_ids(start, end) if self.lexicon.place_rank.get(p, 0) == 0]
            if towns:
                return towns[-1]
        return None

    def place(self, start: int, end: int) -> int | None:
        """The most specific place named in text[start:end] (the first of the finest rank)."""
        key = (start, end)
        if key not in self._place_cache:
            places = self.place_ids(start, end)
            ranks = self.lexicon.place_rank
            best = min(range(len(places)), key=lambda i: (ranks.get(places[i], 0), i)) if places else None
            self._place_cache[key] = places[best] if best is not None else None
        return self._place_cache[key]

    def _after_dateline(self, span: Span) -> Span:
        start, end = span
        for ds, de in self._datelines:
            if ds <= start < de < end:
                start = de
                while start < end and self.text[start].isspace():
                    start += 1
        return start, end

    def with_dateline(self, position: int) -> int:
        """Where the sentence starting at ``position`` starts with its dateline, if one stands before it
        (the dateline's capital is the government whose officials the sentence may name)."""
        for ds, de in self._datelines:
            if de <= position and not self.text[de:position].strip():
                return ds
        return position

    def in_dateline(self, position: int) -> bool:
        """Whether text[position] is inside a dateline ("Khartoum, Feb 1": the 1 is no count)."""
        return any(ds <= position < de for ds, de in self._datelines)

    def place_ids(self, start: int, end: int) -> tuple[int, ...]:
        """The places named in text[start:end], less a capital that stands for its government there
        ("no response from Kyiv", "which Islamabad described as an act of war")."""
        places = self.lexicon.place_ids(self.text[start:end])
        in_dateline = any(ds < end and start < de for ds, de in self._datelines)
        if not in_dateline and self.lexicon.metonym_places.isdisjoint(places):
            return places
        kept = []
        for mention in find_places(self.lexicon, tokenize(self.text, start, end)):
            if in_dateline and self.in_dateline(mention.start):
                continue
            before = self.text[max(0, mention.start - 12) : mention.start]
            if mention.id in self.lexicon.metonym_places and (
                (_SPEAKING_AFTER.match(self.text, mention.end) and not _WHERE_BEFORE.search(before))
                or _SPEAKING_BEFORE.search(before)
            ):
                continue
            kept.append(mention.id)
        return tuple(kept)

    # --- who -------------------------------------------------------------------------------------

    def subject_before(self, cs: int, position: int) -> tuple[int, int, bool]:
        """The few words before a verb that may name its subject; flags a passive ("were killed")."""
        start = max(cs, position - 80)
        segment = self.text[start:position]
        cut = max(
            segment.rfind(","), segment.rfind("“"), segment.rfind('"'), segment.rfind("("), segment.rfind("—"),
            segment.rfind(" – "), segment.rfind(" - "),
        )  # fmt: skip
        if cut >= 0:
            start += cut + 1
        for match in BOUNDARY_WORDS.finditer(self.text, start, position):
            start = match.end()
        words = self.text[start:position].split()
        while words and words[-1].lower().strip("\"'“”") in ADVERBS:
            words.pop()
        verb = re.match(r"\w+", self.text[position:])
        progressive = verb is not None and verb.group(0).lower().endswith("ing")
        passive = bool(words) and words[-1].lower() in PASSIVE_AUX and not progressive
        return start, position, passive

    def np_before(self, clause_start: int, verb_start: int) -> Span:
        """The noun phrase right before a verb: after the last comma (two segments for an apposition)."""
        end = verb_start
        while end > clause_start and self.text[end - 1] in " \t\n":
            end -= 1
        region = self.text[clause_start:end]
        appositive = region.endswith(",")
        stripped = region.rstrip(", “”\"'")
        cut = stripped.rfind(",")
        if appositive and cut >= 0:
            previous = stripped.rfind(",", 0, cut)
            cut = previous
        start = clause_start + (cut + 1 if cut >= 0 else 0)
        for match in BOUNDARY_WORDS.finditer(self.text, start, clause_start + len(stripped)):
            start = match.end()
        while start < end and self.text[start] in " “”\"'(":
            start += 1
        lead = _LEADING_ADVERB.match(self.text, start, end)
        if lead:
            start = lead.end()
        stop = clause_start + len(stripped)
        # "activists also reported": an adverb after the subject is not part of it.
        tail = _TRAILING_ADVERB.search(self.text, start, stop)
        if tail and tail.start() > start:
            stop = tail.start()
        return start, stop


# --- sites named by their kind (issue 14) --------------------------------------------------------

# "the presidential palace", "the airport": a site the gazetteer names with that noun last.
SITE_NOUNS = ("palace", "airport", "airbase", "refinery", "dam", "bridge", "port")
_SITE = re.compile(rf"\b(?:the|its)\s+(?:[\w-]+\s+){{0,2}}?(?P<noun>{'|'.join(SITE_NOUNS)})\b", re.IGNORECASE)
_SITES: dict[int, tuple[Lexicon, dict[str, int | None]]] = {}


def site_place(lexicon: Lexicon, text: str, start: int, end: int) -> int | None:
    """The gazetteer place a phrase such as "the presidential palace" stands for: the one place whose
    name ends in that noun ("Republican Palace"); None when the gazetteer has none or several."""
    match = _SITE.search(text, start, end)
    if match is None:
        return None
    cached = _SITES.get(id(lexicon))
    if cached is None or cached[0] is not lexicon:
        if len(_SITES) > 16:
            _SITES.clear()
        by_noun: dict[str, int | None] = {}
        for place_id, place_name in lexicon.places.items():
            last = place_name.rsplit(None, 1)[-1].lower()
            if last in SITE_NOUNS:
                by_noun[last] = None if last in by_noun else place_id
        cached = _SITES[id(lexicon)] = (lexicon, by_noun)
    return cached[1].get(match.group("noun").lower())


# "Vuhledar of the Donetsk People's Republic", "Talish in the Tartar district": the second place only
# says where the first one is.
_QUALIFIER_GAP = re.compile(r"\s*,?\s*(?:of|in)\s+(?:the\s+)?", re.IGNORECASE)


def without_qualifiers(text: str, mentions: list[Mention]) -> list[Mention]:
    """Place mentions without those that only locate the mention right before them."""
    return [
        mention
        for i, mention in enumerate(mentions)
        if i == 0 or not _QUALIFIER_GAP.fullmatch(text, mentions[i - 1].end, mention.start)
    ]
