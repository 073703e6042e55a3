"""What the extractor knows about names: parties and places with their aliases, as plain data.

A ``Lexicon`` is built once from the database (``claims.services.extraction.lexicon_load``) or from
plain rows in tests, and then used by pure functions.  Names are matched token by token on folded
text (``sources.text.normalize_name``), longest alias first, so a body is scanned in linear time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from sources.text import normalize_name

_TOKEN = re.compile(r"\w+")

# Adjectives and possessives that point at a state ("Azeri officials", "Armenia's army").
DEMONYMS = {
    "azerbaijani": "Azerbaijan",
    "azeri": "Azerbaijan",
    "azerbaijan": "Azerbaijan",
    "armenian": "Armenia",
    "armenia": "Armenia",
    "turkish": "Turkey",
    "turkey": "Turkey",
    "russian": "Russia",
    "russia": "Russia",
    "iranian": "Iran",
    "iran": "Iran",
    "french": "France",
    "france": "France",
    "american": "United States",
    "karabakh": "Republic of Artsakh",
    "artsakh": "Republic of Artsakh",
}

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
    side: str
    parent_id: int | None
    depth: int


@dataclass
class Lexicon:
    """Parties and places with their folded aliases; built once, then read by the extractor."""

    parties: dict[int, PartyEntry]
    party_aliases: dict[str, tuple[int, str]]  # normalized alias -> (party id, alias as written)
    places: dict[int, str]
    place_aliases: dict[str, int]
    _party_index: dict[tuple[str, ...], tuple[int, str]] = field(default_factory=dict, repr=False)
    _place_index: dict[tuple[str, ...], int] = field(default_factory=dict, repr=False)
    _party_first: set[str] = field(default_factory=set, repr=False)
    _place_first: set[str] = field(default_factory=set, repr=False)
    max_party_tokens: int = 1
    max_place_tokens: int = 1
    states: dict[str, int] = field(default_factory=dict)
    children: dict[int, list[int]] = field(default_factory=dict, repr=False)
    place_rank: dict[int, int] = field(default_factory=dict, repr=False)
    phrase_cache: dict[str, tuple] = field(default_factory=dict, repr=False)
    places_cache: dict[str, tuple[int, ...]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for normalized, value in self.party_aliases.items():
            key = tuple(normalized.split())
            if key:
                self._party_index[key] = value
                self._party_first.add(key[0])
                self.max_party_tokens = max(self.max_party_tokens, len(key))
        for normalized, place_id in self.place_aliases.items():
            key = tuple(normalized.split())
            if key:
                self._place_index[key] = place_id
                self._place_first.add(key[0])
                self.max_place_tokens = max(self.max_place_tokens, len(key))
        by_name = {entry.name: entry.id for entry in self.parties.values()}
        for demonym, state in DEMONYMS.items():
            if state in by_name:
                self.states[demonym] = by_name[state]
        for entry in self.parties.values():
            if entry.parent_id is not None:
                self.children.setdefault(entry.parent_id, []).append(entry.id)

    @classmethod
    def from_rows(
        cls,
        *,
        parties: list[tuple[int, str, str, str, int | None, str]],
        party_aliases: list[tuple[str, int, str]],
        places: list[tuple[int, str] | tuple[int, str, str]],
        place_aliases: list[tuple[str, int]],
    ) -> Lexicon:
        """Rows: parties (id, name, kind, side, parent_id, tree_path), aliases (normalized, id, alias),
        places (id, name[, kind])."""
        entries = {
            pid: PartyEntry(pid, name, kind, side, parent, max(path.count("/") - 2, 0))
            for pid, name, kind, side, parent, path in parties
        }
        lexicon = cls(
            parties=entries,
            party_aliases={norm: (pid, alias) for norm, pid, alias in party_aliases},
            places={row[0]: row[1] for row in places},
            place_aliases=dict(place_aliases),
        )
        lexicon.place_rank = {row[0]: PLACE_RANK.get(row[2], 0) if len(row) > 2 else 0 for row in places}
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


def find_parties(lexicon: Lexicon, tokens: list[Token]) -> list[Mention]:
    """Party aliases in a token list, longest match first, left to right, not overlapping."""
    found: list[Mention] = []
    index, first, longest = lexicon._party_index, lexicon._party_first, lexicon.max_party_tokens
    i, n = 0, len(tokens)
    while i < n:
        if tokens[i].norm not in first:
            i += 1
            continue
        for length in range(min(longest, n - i), 0, -1):
            key = tuple(t.norm for t in tokens[i : i + length])
            hit = index.get(key)
            if hit and _case_ok(hit[1], tokens[i : i + length]):
                found.append(Mention(hit[0], tokens[i].start, tokens[i + length - 1].end, i, i + length))
                i += length
                break
        else:
            i += 1
    return found


def find_places(lexicon: Lexicon, tokens: list[Token]) -> list[Mention]:
    """Gazetteer places (through their aliases and transliterations) in a token list."""
    found: list[Mention] = []
    index, first, longest = lexicon._place_index, lexicon._place_first, lexicon.max_place_tokens
    i, n = 0, len(tokens)
    while i < n:
        if tokens[i].norm not in first or not tokens[i].text[:1].isupper():
            i += 1
            continue
        for length in range(min(longest, n - i), 0, -1):
            hit = index.get(tuple(t.norm for t in tokens[i : i + length]))
            if hit:
                found.append(Mention(hit, tokens[i].start, tokens[i + length - 1].end, i, i + length))
                i += length
                break
        else:
            i += 1
    return found


def gazetteer_lexicon() -> Lexicon:
    """A lexicon built straight from the starter gazetteer (``sources.gazetteer``), without a database.

    Ids are assigned in tree order; used by fast unit tests and the benchmark of the pure extractor.
    """
    from sources.gazetteer import PLACES, iter_parties

    ids: dict[str, int] = {}
    paths: dict[int, str] = {}
    parties, aliases = [], []
    for seed, parent in iter_parties():
        party_id = len(ids) + 1
        ids[seed.name] = party_id
        parent_id = ids.get(parent) if parent else None
        paths[party_id] = (paths[parent_id] if parent_id else "/") + f"{party_id}/"
        parties.append((party_id, seed.name, seed.kind, seed.side, parent_id, paths[party_id]))
        for alias in (seed.name, *seed.aliases):
            normalized = normalize_name(alias)
            if normalized and not any(a[0] == normalized for a in aliases):
                aliases.append((normalized, party_id, alias))
    places, place_aliases = [], []
    for number, seed in enumerate(PLACES, start=1):
        places.append((number, seed.name, seed.kind))
        for alias in (seed.name, *seed.aliases):
            place_aliases.append((normalize_name(alias), number))
    return Lexicon.from_rows(
        parties=parties, party_aliases=aliases, places=places, place_aliases=place_aliases
    )
