"""Who is speaking or accused: noun phrases -> parties, through aliases, demonyms, roles and names.

"Armenian Defence Ministry spokeswoman Shushan Stepanyan" -> the alias with the deepest party
(Stepanyan, under the ministry).  "Russian Deputy Foreign Minister Andrei Rudenko" (unknown) -> a new
party "Andrei Rudenko" under Russia's foreign ministry, marked for review.  "Azeri and Armenian
forces" -> both armed forces.  Pronouns and "the ministry" are left to the caller's context.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claims.extraction.lexicon import (
    MILITARY_NOUNS,
    ROLE_WORDS,
    Lexicon,
    Token,
    find_parties,
    find_places,
    tokenize,
)


@dataclass(frozen=True)
class NewParty:
    """A party the gazetteer does not know yet; the extraction service creates it for review."""

    name: str
    parent_id: int | None
    kind: str


PartyRef = int | NewParty

# Words that stand for someone named earlier, with the kind of party they can stand for.
PRONOUNS = {
    "he": "official",
    "she": "official",
    "him": "official",
    "her": "official",
    "they": "any",
    "them": "any",
    "it": "any",
    "we": "self",
    "our": "self",
    "ours": "self",
    "us": "self",
    "its": "any",
    "their": "any",
}
DEFINITE = {
    "ministry": "ministry",
    "defence ministry": "ministry",
    "defense ministry": "ministry",
    "foreign ministry": "ministry",
    "spokesman": "official",
    "spokeswoman": "official",
    "spokesperson": "official",
    "official": "official",
    "president": "official",
    "minister": "official",
    "prime minister": "official",
    "leader": "official",
    "ombudsman": "official",
    "aide": "official",
    # "the source said": the unnamed source who spoke before ("a source from the RSF").
    "source": "source",
    # '"...," the news agency said': the agency named before, relaying.
    "news agency": "media",
    "agency": "media",
    # "the statement says": whoever was said to have issued it, never a party it mentions.
    "statement": "speaker",
    "report": "speaker",
    "office": "ministry",
    "government": "government",
    "officials": "any",
    "authorities": "any",
    "army": "armed_force",
    "military": "armed_force",
    # "a military spokesperson denied it": the voice of a state's armed forces named just before (a
    # paramilitary named since is not "the military").
    "military spokesperson": "state_force",
    "military spokesman": "state_force",
    "military spokeswoman": "state_force",
    "army spokesperson": "state_force",
    "army spokesman": "state_force",
    "army spokeswoman": "state_force",
}
_DEFINITE_RE = re.compile(
    r"^(?:the|this|that|a|its|his|her)\s+(?:same\s+)?(?P<noun>"
    + "|".join(sorted(DEFINITE, key=len, reverse=True))
    + r")$",
    re.IGNORECASE,
)
_PERSON_KINDS = frozenset({"official"})
POLITICAL_NOUNS = frozenset(
    {
        "president", "presidential", "prime", "minister", "ministry", "spokesman", "spokeswoman",
        "spokesperson", "aide", "adviser", "advisor", "official", "officials", "authorities", "government",
        "ambassador", "envoy", "diplomats", "diplomat", "leadership", "sources", "mp", "lawmaker", "deputy",
        "foreign", "prosecutor", "office", "leader", "parliament", "speaker", "ombudsman", "press",
    }
)  # fmt: skip
_POLITICAL_ORG_WORDS = {"foreign": "Foreign", "defence": "Defence", "defense": "Defence"}


def pronoun_kind(text: str) -> str | None:
    """The kind of antecedent a pronoun or definite description ("the ministry") needs, else None."""
    original = text.strip(" ,“”\"'")
    if original.split(" ", 1)[0] == "US":
        return None  # the country's abbreviation, not the pronoun "us"
    cleaned = original.lower()
    if cleaned in PRONOUNS:
        return PRONOUNS[cleaned]
    match = _DEFINITE_RE.match(cleaned)
    if match:
        return DEFINITE[match.group("noun").lower()]
    words = cleaned.split()
    if words and words[0] in ("we", "our", "us"):
        return "self"
    return None


def _state_default(lexicon: Lexicon, state_id: int, nouns: set[str]) -> int:
    """A state's armed forces for military nouns, else its government (else the state itself)."""
    if nouns & MILITARY_NOUNS:
        return lexicon.child_of_kind(state_id, "armed_force") or state_id
    if nouns & POLITICAL_NOUNS:
        government = lexicon.child_of_kind(state_id, "government")
        if government is not None:
            ministry = _ministry_of(lexicon, government, nouns) if "ministry" in nouns else None
            return government if ministry is None else ministry
    return state_id


_FORCE_NOUNS = frozenset(
    {"forces", "troops", "army", "military", "soldiers", "peacekeepers", "contingent", "units", "servicemen"}
)
_ORG_NOUNS = frozenset(
    {
        "ministry",
        "committee",
        "service",
        "office",
        "council",
        "agency",
        "commission",
        "parliament",
        "assembly",
    }
)


def _ministry_of(lexicon: Lexicon, government: int, nouns: set[str]) -> int | None:
    for key, fragment in _POLITICAL_ORG_WORDS.items():
        if key in nouns:
            for child in lexicon.children.get(government, ()):
                entry = lexicon.parties[child]
                if entry.kind == "ministry" and fragment in entry.name:
                    return child
    return None


def _new_body(text, tokens, start, state, anchor, nouns, lexicon) -> NewParty | None:
    """An unknown body of a known state: "the Russian Defence Ministry", "Russian peacekeepers"."""
    government = lexicon.child_of_kind(state, "government")
    org = next((j for j in range(start + 1, len(tokens)) if tokens[j].norm in _ORG_NOUNS), None)
    if org is not None and anchor in (government, state) and org - start <= 3:
        return NewParty(text[tokens[start].start : tokens[org].end], government or state, "ministry")
    if nouns & MILITARY_NOUNS and anchor == state and start + 1 < len(tokens):
        last = next((j for j in range(start + 1, len(tokens)) if tokens[j].norm in _FORCE_NOUNS), None)
        if last is not None:
            return NewParty(text[tokens[start].start : tokens[last].end], state, "armed_force")
    return None


def _person_name(tokens: list[Token], lexicon: Lexicon) -> list[Token]:
    """Trailing capitalised tokens that look like a personal name ("Andrei Rudenko")."""
    name: list[Token] = []
    for token in reversed(tokens):
        if (
            token.text[:1].isupper()
            and token.norm not in ROLE_WORDS
            and token.norm not in lexicon.states
            and not token.text.isupper()
            and len(token.text) > 1
        ):
            name.insert(0, token)
        else:
            break
    if len(name) < 2 or len(name) > 4:
        return []
    if find_places(lexicon, name):
        return []
    return name


_WHERE_AFTER_HEAD = re.compile(r"\s(?:in|on|at|near|over|across)\s")
_DIGIT = re.compile(r"\d")


def head_before_place(text: str, start: int, end: int, lexicon: Lexicon) -> list[PartyRef]:
    """ "An American airstrike in Yemen", "Houthi media outlets in Yemen": the one party a short head
    names before a place phrase (the country after "in" is where, not who); [] when there is none."""
    phrase = text[start:end]
    where = _WHERE_AFTER_HEAD.search(phrase)
    if where is None or len(phrase[: where.start()].split()) > 6 or _DIGIT.search(phrase):
        return []
    head = resolve_phrase(text, start, start + where.start(), lexicon)
    return head if len(head) == 1 else []


def resolve_phrase(text: str, start: int, end: int, lexicon: Lexicon) -> list[PartyRef]:
    """Parties a noun phrase names (several for "Azeri and Armenian forces"); [] if none.

    The answer depends only on the phrase, so it is cached on the lexicon: speakers repeat.
    """
    phrase = text[start:end]
    cache = lexicon.phrase_cache
    if phrase not in cache:
        if len(cache) > 50_000:
            cache.clear()
        cache[phrase] = tuple(_resolve_phrase(phrase, 0, len(phrase), lexicon))
    return list(cache[phrase])


def _shared_noun(norms: list[str], lexicon: Lexicon) -> list[PartyRef]:
    """ "Azeri and Armenian forces": two demonyms sharing one noun name two parties."""
    for i in range(len(norms) - 3):
        if norms[i] in lexicon.states and norms[i + 1] == "and" and norms[i + 2] in lexicon.states:
            tail = norms[i + 3 :]
            refs: list[PartyRef] = []
            for demonym in (norms[i], norms[i + 2]):
                alias = lexicon.party_aliases.get(" ".join([demonym, *tail[:2]])) or (
                    lexicon.party_aliases.get(" ".join([demonym, *tail[:1]]))
                )
                if alias:
                    refs.append(alias[0])
                elif demonym in lexicon.states:
                    refs.append(_state_default(lexicon, lexicon.states[demonym], set(tail)))
            if len(refs) == 2 and refs[0] != refs[1]:
                return refs
    return []


def _resolve_phrase(text: str, start: int, end: int, lexicon: Lexicon) -> list[PartyRef]:
    tokens = tokenize(text, start, end)
    if not tokens:
        return []
    norms = [t.norm for t in tokens]
    shared = _shared_noun(norms, lexicon)
    if shared:
        return shared
    mentions = find_parties(lexicon, tokens)
    # "Armenia and Azerbaijan", "Baku and Yerevan": two named parties joined by "and".
    if (
        len(mentions) == 2
        and mentions[1].token_start == mentions[0].token_end + 1
        and norms[mentions[0].token_end] == "and"
    ):
        return [mentions[0].id, mentions[1].id]
    name = _person_name(tokens, lexicon)
    covered = {i for m in mentions for i in range(m.token_start, m.token_end)}
    if name and tokens.index(name[0]) in covered:
        name = []
    anchor: int | None = None
    if mentions:
        best = max(mentions, key=lambda m: (lexicon.parties[m.id].depth, m.token_start))
        anchor = best.id
        anchor_tokens = set(norms)
        bare_state = best.token_end - best.token_start == 1 and norms[best.token_start] in lexicon.states
        if lexicon.parties[anchor].kind == "state" and not name and bare_state:
            # "Armenia's defence ministry" is not an alias, but Armenia plus role words point at it.
            demonym_default = _state_default(lexicon, anchor, anchor_tokens)
            if demonym_default != anchor and anchor in lexicon.demonym_targets:
                anchor = demonym_default
        elif lexicon.parties[anchor].kind == "government" and not name and "ministry" in anchor_tokens:
            # "the defence ministry in Baku": Baku is the government, the ministry is one of its own.
            anchor = _ministry_of(lexicon, anchor, anchor_tokens) or anchor
    else:
        for i, norm in enumerate(norms):
            if norm in lexicon.states and (i + 1 < len(norms) or name):
                state = lexicon.states[norm]
                nouns = set(norms[i + 1 :])
                anchor = _state_default(lexicon, state, nouns)
                if not name:
                    made = _new_body(text, tokens, i, state, anchor, nouns, lexicon)
                    if made is not None:
                        return [made]
                break
    if name:
        parent = anchor
        if parent is not None and lexicon.parties[parent].kind == "state":
            parent = lexicon.child_of_kind(parent, "government") or parent
        full = text[name[0].start : name[-1].end]
        known = lexicon.party_by_name(full)
        if known is not None:
            return [known]
        return [NewParty(name=full, parent_id=parent, kind="official")]
    return [anchor] if anchor is not None else []


def speaker_side_forces(lexicon: Lexicon, ref: PartyRef) -> int | None:
    """The armed forces on the speaker's side ("our forces", "its troops"), else the speaker's state."""
    party_id = ref.parent_id if isinstance(ref, NewParty) else ref
    if party_id is None or party_id not in lexicon.parties:
        return None
    root = lexicon.root_of(party_id)
    if lexicon.parties[root].kind not in ("state", "de_facto"):
        # An armed group speaking ("the RSF said it took control of ..."): its own forces are itself.
        return root if lexicon.parties[root].side in lexicon.belligerent_sides else None
    return lexicon.child_of_kind(root, "armed_force") or root


def enemy_forces(lexicon: Lexicon, ref: PartyRef) -> int | None:
    """ "The enemy", "the occupiers" in a belligerent's mouth: the forces of the one other belligerent
    side (None when the speaker is no belligerent or the conflict has several other belligerent sides)."""
    own = side_of(lexicon, ref)
    if own not in lexicon.belligerent_sides:
        return None
    others = lexicon.belligerent_sides - {own}
    if len(others) != 1:
        return None
    [other] = others
    roots = [e for e in lexicon.parties.values() if e.side == other and e.depth == 0]
    if not roots:
        return None
    root = min(roots, key=lambda e: (e.kind != "state", e.id))
    return lexicon.child_of_kind(root.id, "armed_force") or root.id


def ceasefire_counterpart(lexicon: Lexicon, ref: PartyRef) -> int | None:
    """The other party to a truce in a belligerent's mouth ("there have been repeated violations of the
    understanding"): the one other belligerent side, or else the one other belligerent side led by a
    state (India's counterpart is Pakistan, not the militant groups that also oppose it)."""
    enemy = enemy_forces(lexicon, ref)
    if enemy is not None:
        return enemy
    own = side_of(lexicon, ref)
    if own not in lexicon.belligerent_sides:
        return None
    state_roots = [
        e for e in lexicon.parties.values()
        if e.side in lexicon.belligerent_sides and e.side != own and e.depth == 0 and e.kind == "state"
    ]  # fmt: skip
    if len({e.side for e in state_roots}) != 1:
        return None
    root = min(state_roots, key=lambda e: e.id)
    return lexicon.child_of_kind(root.id, "armed_force") or root.id


def side_of(lexicon: Lexicon, ref: PartyRef | None) -> str:
    if ref is None:
        return "unknown"
    party_id = ref.parent_id if isinstance(ref, NewParty) else ref
    if party_id is None or party_id not in lexicon.parties:
        return "unknown"
    return lexicon.parties[party_id].side


def is_media(lexicon: Lexicon, ref: PartyRef | None) -> bool:
    return isinstance(ref, int) and ref in lexicon.parties and lexicon.parties[ref].kind == "media"


def kind_matches(lexicon: Lexicon, ref: PartyRef, wanted: str) -> bool:
    if wanted in ("any", "speaker"):
        return True
    if wanted == "source":
        return isinstance(ref, NewParty) and ref.name.endswith(" source")
    if wanted == "state_force":
        return (
            isinstance(ref, int)
            and lexicon.parties[ref].kind == "armed_force"
            and lexicon.parties[lexicon.root_of(ref)].kind in ("state", "de_facto")
        )
    kind = ref.kind if isinstance(ref, NewParty) else lexicon.parties[ref].kind
    if wanted == "official":
        return kind in _PERSON_KINDS
    return kind == wanted


def placed_under_role(lexicon: Lexicon, ref: PartyRef, text: str, start: int, end: int) -> PartyRef:
    """A new person placed under the body their role in text[start:end] names ("an aide to the
    president": the president's government); ``ref`` itself when it is known or already placed."""
    if not isinstance(ref, NewParty) or ref.parent_id is not None:
        return ref
    role = resolve_phrase(text, start, end, lexicon)
    if not role or not isinstance(role[0], int):
        return ref
    parent: int | None = role[0]
    entry = lexicon.parties[role[0]]
    if entry.kind == "official":
        parent = entry.parent_id
    elif entry.kind == "state":
        parent = lexicon.child_of_kind(role[0], "government") or role[0]
    return NewParty(ref.name, parent, ref.kind)
