"""What the extractor knows about names: parties and places with their aliases, as plain data.

A ``Lexicon`` is built once from the database (``claims.services.lexicons.lexicon_load``) or from
plain rows in tests, and then used by pure functions.  Names are matched token by token on folded
text (``sources.text.normalize_name``), longest alias first, so a body is scanned in linear time.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

from sources.conflict_packs import pack_read, shipped_pack_paths
from sources.text import normalize_name

_TOKEN = re.compile(r"\w+")

# Nouns that make a demonym mean the armed forces rather than the government.
MILITARY_NOUNS = frozenset(
    {
        "forces", "force", "troops", "army", "military", "soldiers", "soldier", "units", "unit",
        "artillery", "drones", "drone", "missile", "missiles", "rocket", "rockets", "shells", "shell",
        "aircraft", "jets", "jet", "tanks", "tank", "positions", "commander", "commanders", "general",
        "colonel", "servicemen", "fighters", "gunners", "sappers", "defence", "army's", "armed",
        "battalion", "brigade", "helicopter", "howitzers", "mortars", "fire", "peacekeepers",
        "peacekeeping", "contingent",
    }
)  # fmt: skip

# Words that name a role or body in front of a person's name; never part of the name itself.
ROLE_WORDS = frozenset(
    {
        "president", "presidential", "prime", "minister", "ministry", "deputy", "foreign", "defence",
        "defense", "spokesman", "spokeswoman", "spokesperson", "aide", "adviser", "advisor",
        "ambassador", "envoy", "commander", "general", "colonel", "major", "lieutenant", "captain",
        "chief", "head", "director", "secretary", "official", "officer", "mp", "lawmaker",
        "ombudsman", "mayor", "governor", "representative", "assistant", "press", "senior",
        "human", "rights", "health", "interior", "emergency", "emergencies", "state", "national",
        "security", "service", "committee", "office", "council", "parliament", "speaker", "leader",
        "de", "facto", "acting", "former", "top", "military", "army", "analyst", "researcher",
        "correspondent", "reporter", "editor", "doctor", "surgeon", "prosecutor", "the", "a", "an",
        "its", "his", "her", "their", "said", "told", "on", "in", "at", "of", "for", "and", "by",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "later",
        "earlier", "meanwhile", "however", "but", "also", "late", "early", "january", "february",
        "march", "april", "may", "june", "july", "august", "september", "october", "november",
        "december", "mr", "mrs", "ms", "dr", "ethnic", "separatist", "government", "minsk", "group",
        "osce", "un", "co", "chair", "chairs", "both", "after", "before", "when", "while",
    }
)  # fmt: skip


# A named town says more about where something happened than the country around it.
PLACE_RANK = {"village": 0, "town": 0, "city": 0, "district": 1, "region": 2, "country": 3}


@dataclass(frozen=True)
class PartyEntry:
    id: int
    name: str
    kind: str
    side: str  # the side's slug in the lexicon's conflict, "unknown" when it has none
    parent_id: int | None
    depth: int


@dataclass
class Lexicon:
    """Parties and places with their folded aliases, for one conflict; built once, then read by the extractor.

    ``states`` maps demonyms ("ukrainian", "azeri") to the party they point at; ``belligerent_sides``
    are the side slugs that oppose someone in the conflict; ``timezone`` is the zone its reports' times
    are read in.  All of it comes from the conflict packs loaded in the database.
    """

    parties: dict[int, PartyEntry]
    party_aliases: dict[str, tuple[int, str]]  # normalized alias -> (party id, alias as written)
    places: dict[int, str]
    place_aliases: dict[str, int]
    _party_index: dict[tuple[str, ...], tuple[int, str]] = field(default_factory=dict, repr=False)
    _place_index: dict[tuple[str, ...], int] = field(default_factory=dict, repr=False)
    _party_first: set[str] = field(default_factory=set, repr=False)
    _place_first: set[str] = field(default_factory=set, repr=False)
    # Every leading run of words of an alias: a match grows word by word only while it is one of these.
    _party_prefixes: set[tuple[str, ...]] = field(default_factory=set, repr=False)
    _place_prefixes: set[tuple[str, ...]] = field(default_factory=set, repr=False)
    max_party_tokens: int = 1
    max_place_tokens: int = 1
    states: dict[str, int] = field(default_factory=dict)
    children: dict[int, list[int]] = field(default_factory=dict, repr=False)
    place_rank: dict[int, int] = field(default_factory=dict, repr=False)
    phrase_cache: dict[str, tuple] = field(default_factory=dict, repr=False)
    places_cache: dict[str, tuple[int, ...]] = field(default_factory=dict, repr=False)
    demonyms: dict[str, int] = field(default_factory=dict)
    belligerent_sides: frozenset[str] = frozenset()
    timezone: ZoneInfo = field(default_factory=lambda: ZoneInfo("UTC"))
    conflict_id: int | None = None
    demonym_targets: frozenset[int] = frozenset()
    # Places one of whose aliases also names a party: a capital that stands for its government ("Kyiv").
    metonym_places: frozenset[int] = frozenset()
    # place id -> the state party of the place's country, where the gazetteer names one.
    place_state: dict[int, int] = field(default_factory=dict, repr=False)
    # party id -> (folded name, its words): "its defence ministry" is matched against every name.
    folded_names: dict[int, tuple[str, frozenset[str]]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for normalized, value in self.party_aliases.items():
            key = tuple(normalized.split())
            if key:
                self._party_index[key] = value
                self._party_first.add(key[0])
                self._party_prefixes.update(key[:length] for length in range(1, len(key) + 1))
                self.max_party_tokens = max(self.max_party_tokens, len(key))
        for normalized, place_id in self.place_aliases.items():
            key = tuple(normalized.split())
            if key:
                self._place_index[key] = place_id
                self._place_first.add(key[0])
                self._place_prefixes.update(key[:length] for length in range(1, len(key) + 1))
                self.max_place_tokens = max(self.max_place_tokens, len(key))
        for entry in self.parties.values():
            if entry.kind == "state" and " " not in entry.name:
                self.states.setdefault(normalize_name(entry.name), entry.id)
        for demonym, party_id in self.demonyms.items():
            if party_id in self.parties:
                self.states[normalize_name(demonym)] = party_id
        self.demonym_targets = frozenset(self.states.values())
        self.metonym_places = frozenset(
            place_id for alias, place_id in self.place_aliases.items() if alias in self.party_aliases
        )
        for entry in self.parties.values():
            if entry.parent_id is not None:
                self.children.setdefault(entry.parent_id, []).append(entry.id)
            folded = normalize_name(entry.name)
            self.folded_names[entry.id] = (folded, frozenset(folded.split()))

    @classmethod
    def from_rows(
        cls,
        *,
        parties: Sequence[tuple[int, str, str, str, int | None, str]],
        party_aliases: Sequence[tuple[str, int, str]],
        places: Sequence[tuple[int, str] | tuple[int, str, str] | tuple[int, str, str, str]],
        place_aliases: Sequence[tuple[str, int]],
        demonyms: Sequence[tuple[str, int]] = (),
        belligerent_sides: frozenset[str] | set[str] = frozenset(),
        timezone: str = "UTC",
        conflict_id: int | None = None,
    ) -> Lexicon:
        """Rows: parties (id, name, kind, side slug, parent_id, tree_path), aliases (normalized, id, alias),
        places (id, name[, kind[, country code]]), demonyms (word, party id); the conflict's belligerent side
        slugs and zone."""
        entries = {
            pid: PartyEntry(pid, name, kind, side, parent, max(path.count("/") - 2, 0))
            for pid, name, kind, side, parent, path in parties
        }
        lexicon = cls(
            parties=entries,
            party_aliases={norm: (pid, alias) for norm, pid, alias in party_aliases},
            places={row[0]: row[1] for row in places},
            place_aliases=dict(place_aliases),
            demonyms=dict(demonyms),
            belligerent_sides=frozenset(belligerent_sides),
            timezone=ZoneInfo(timezone),
            conflict_id=conflict_id,
        )
        lexicon.place_rank = {row[0]: PLACE_RANK.get(row[2], 0) if len(row) > 2 else 0 for row in places}
        # A country's state party is the state named as its country place ("UA" -> place "Ukraine" ->
        # party "Ukraine"); every place of that country then lies in that state.
        state_of_code = {
            row[3]: lexicon.states.get(normalize_name(row[1]))
            for row in places
            if len(row) > 3 and row[2] == "country" and row[3]
        }
        lexicon.place_state = {
            row[0]: state
            for row in places
            if len(row) > 3 and (state := state_of_code.get(row[3])) is not None
        }
        return lexicon

    # --- lookups ---------------------------------------------------------------------------------

    def child_of_kind(self, party_id: int, kind: str) -> int | None:
        """The first direct child of ``party_id`` with ``kind`` (a state's government or armed forces)."""
        for child in self.children.get(party_id, ()):
            if self.parties[child].kind == kind:
                return child
        return None

    def root_of(self, party_id: int) -> int:
        entry = self.parties[party_id]
        while entry.parent_id is not None and entry.parent_id in self.parties:
            entry = self.parties[entry.parent_id]
        return entry.id

    def place_ids(self, text: str) -> tuple[int, ...]:
        """Ids of the gazetteer places named in ``text``, in order (cached per text: phrases repeat)."""
        cache = self.places_cache
        if text not in cache:
            if len(cache) > 50_000:
                cache.clear()
            cache[text] = tuple(m.id for m in find_places(self, tokenize(text)))
        return cache[text]

    def party_by_name(self, name: str) -> int | None:
        found = self.party_aliases.get(normalize_name(name))
        return found[0] if found else None


class Token(NamedTuple):
    norm: str
    text: str
    start: int
    end: int


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Word tokens of text[start:end] with absolute offsets; ``norm`` is the folded form of the alias index."""
    tokens = []
    for match in _TOKEN.finditer(text, start, len(text) if end is None else end):
        word = match.group(0)
        norm = word.lower() if word.isascii() else normalize_name(word)
        tokens.append(Token(norm, word, match.start(), match.end()))
    return tokens


class Mention(NamedTuple):
    id: int
    start: int
    end: int
    token_start: int
    token_end: int


def _case_ok(alias: str, tokens: list[Token]) -> bool:
    """Short all-caps aliases ("US", "AP") must be written in capitals; capitalised ones capitalised."""
    first = tokens[0].text
    if alias.isupper() and len(alias) <= 5:
        return all(t.text.isupper() for t in tokens)
    if alias[:1].isupper() and len(tokens) == 1:
        return first[:1].isupper()
    return True


def _longest_at(
    tokens: list[Token],
    i: int,
    index: dict[tuple[str, ...], Any],
    prefixes: set[tuple[str, ...]],
    accept: Callable[[Any, list[Token]], bool],
) -> tuple[Any, int] | None:
    """The longest alias starting at token ``i`` that ``accept`` takes, and the token after it: the key
    grows a word at a time while it is the start of some alias, so a common first word ("the") costs
    one look-up per word it is followed by, not one per possible alias length."""
    best = None
    key: tuple[str, ...] = ()
    for j in range(i, len(tokens)):
        key = (*key, tokens[j].norm)
        if key not in prefixes:
            break
        hit = index.get(key)
        if hit is not None and accept(hit, tokens[i : j + 1]):
            best = (hit, j + 1)
    return best


def find_parties(lexicon: Lexicon, tokens: list[Token]) -> list[Mention]:
    """Party aliases in a token list, longest match first, left to right, not overlapping."""
    found: list[Mention] = []
    index, first, prefixes = lexicon._party_index, lexicon._party_first, lexicon._party_prefixes
    i, n = 0, len(tokens)
    while i < n:
        if tokens[i].norm not in first:
            i += 1
            continue
        best = _longest_at(tokens, i, index, prefixes, lambda hit, words: _case_ok(hit[1], words))
        if best is None:
            i += 1
            continue
        (party_id, _), after = best
        found.append(Mention(party_id, tokens[i].start, tokens[after - 1].end, i, after))
        i = after
    return found


def find_places(lexicon: Lexicon, tokens: list[Token]) -> list[Mention]:
    """Gazetteer places (through their aliases and transliterations) in a token list."""
    found: list[Mention] = []
    index, first, prefixes = lexicon._place_index, lexicon._place_first, lexicon._place_prefixes
    i, n = 0, len(tokens)
    while i < n:
        if tokens[i].norm not in first or not tokens[i].text[:1].isupper():
            i += 1
            continue
        best = _longest_at(tokens, i, index, prefixes, lambda _hit, _words: True)
        if best is None:
            i += 1
            continue
        place_id, after = best
        found.append(Mention(place_id, tokens[i].start, tokens[after - 1].end, i, after))
        i = after
    return found


def pack_lexicon(paths: list, conflict_slug: str) -> Lexicon:
    """A lexicon built straight from pack files, without a database, for one of their conflicts.

    Ids are assigned in file and tree order; used by fast unit tests and the benchmark of the pure
    extractor.  Matches what ``claims.services.lexicons.lexicon_load`` builds from the same packs.
    """
    packs = [pack_read(path) for path in paths]
    target = next(pack for pack in packs if pack.slug == conflict_slug)
    ids: dict[str, int] = {}
    parents: dict[int, int | None] = {}
    kinds: dict[int, str] = {}
    aliases: dict[str, tuple[int, str]] = {}
    local: dict[str, tuple[int, str]] = {}
    demonyms: list[tuple[str, int]] = []
    for pack in packs:
        for spec in pack.parties:
            if spec.name not in ids:
                ids[spec.name] = len(ids) + 1
            party_id = ids[spec.name]
            if spec.parent or party_id not in parents:
                parents[party_id] = ids[spec.parent] if spec.parent else None
            kinds[party_id] = spec.kind
            for alias in (spec.name, *spec.aliases):
                aliases.setdefault(normalize_name(alias), (party_id, alias))
            if pack is target:
                for alias in spec.local_aliases:
                    local[normalize_name(alias)] = (party_id, alias)
            demonyms += [(word, party_id) for word in spec.demonyms]
    paths_of: dict[int, str] = {}

    def path_of(party_id: int) -> str:
        if party_id not in paths_of:
            parent = parents.get(party_id)
            paths_of[party_id] = (path_of(parent) if parent else "/") + f"{party_id}/"
        return paths_of[party_id]

    sides: dict[int, str] = {}
    for side_spec, root in sorted(
        ((s, root) for s in target.sides for root in s.roots),
        key=lambda item: len(path_of(ids[item[1]])),
    ):
        prefix = path_of(ids[root])
        for party_id in ids.values():
            if path_of(party_id).startswith(prefix):
                sides[party_id] = side_spec.slug
    names = {party_id: name for name, party_id in ids.items()}
    parties = [
        (pid, names[pid], kinds[pid], sides.get(pid, "unknown"), parents.get(pid), path_of(pid))
        for pid in ids.values()
    ]
    places, place_aliases = _pack_places(packs, set(target.countries))
    return Lexicon.from_rows(
        parties=parties,
        party_aliases=[(norm, pid, alias) for norm, (pid, alias) in {**aliases, **local}.items()],
        places=places,
        place_aliases=place_aliases,
        demonyms=demonyms,
        belligerent_sides={spec.slug for spec in target.sides if spec.kind == "belligerent"},
        timezone=target.timezone,
    )


def _pack_places(packs: list, countries: set[str]) -> tuple[list, list]:
    """The gazetteer rows (id, name, kind, country) and alias rows (normalized, id) of the conflict's countries."""
    places: list[tuple[int, str, str, str]] = []
    place_aliases: list[tuple[str, int]] = []
    for pack in packs:
        for place in pack.places:
            if place.country not in countries:
                continue
            number = len(places) + 1
            places.append((number, place.name, place.kind, place.country))
            for alias in (place.name, *place.aliases):
                place_aliases.append((normalize_name(alias), number))
    return places, place_aliases


def shipped_lexicon(conflict_slug: str) -> Lexicon:
    """``pack_lexicon`` over every pack that ships with factcheck, for one conflict."""
    return pack_lexicon(shipped_pack_paths(), conflict_slug)
