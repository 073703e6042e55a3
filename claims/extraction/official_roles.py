"""Speakers named by their role: "its prosecutor general" under the owner's state, "the regional
governor" of the latest place named.  Used by ``attribution.resolve``.
"""

from __future__ import annotations

import re

from claims.extraction.context import ArticleContext
from claims.extraction.lexicon import PLACE_RANK, Lexicon, find_places, tokenize
from claims.extraction.parties import NewParty, PartyRef
from sources.text import normalize_name

# Roles that name a body of the state ("its health ministry", "the country's emergency service"), which
# a state has whether or not the gazetteer lists it; "its forces" or "its people" are not such bodies.
_BODY_ROLE = re.compile(
    r"^(?P<field>(?:[a-z]+\s+){0,2}?)(?P<body>ministry|service|committee|agency|office|department)$"
    r"|^(?P<head>ministry|office|department|committee)\s+of\s+(?P<of>[a-z]+(?:\s+[a-z]+){0,2})$",
    re.IGNORECASE,
)


def official_of_place(ctx: ArticleContext, role: str, before: int, index: int) -> PartyRef | None:
    """ "Russia shelled Kharkiv, the regional governor said": the official the gazetteer knows as the
    governor (mayor) of the latest place named in this or the previous sentence ("the head of the
    region" is its governor).

    When the gazetteer knows no such official of the latest place but does of a place named before it
    (a dateline's capital), the speaker is the latest place's own official, proposed as a new party
    under the same body: "KYIV (AP) - ... on the city of Sumy, the city's acting mayor said" is Sumy's."""
    lo = ctx.with_dateline(ctx.sentences[max(0, index - 1)][0]) if ctx.sentences else 0
    role = "governor" if role.lower().startswith("head") else role.lower()
    latest: str | None = None
    for mention in reversed(find_places(ctx.lexicon, tokenize(ctx.text, lo, before))):
        place = ctx.text[mention.start : mention.end]
        for alias in (f"{place} {role}", f"{place} regional {role}", f"{role} of {place}"):
            found = ctx.lexicon.party_aliases.get(normalize_name(alias))
            if found is None:
                continue
            if latest is None or latest == ctx.lexicon.places.get(mention.id):
                return found[0]
            parent = ctx.lexicon.parties[found[0]].parent_id
            return NewParty(f"{role.capitalize()} of {latest}", parent, "official")
        if ctx.lexicon.place_rank.get(mention.id, 0) < PLACE_RANK["region"]:
            latest = latest or ctx.lexicon.places.get(mention.id, place)
    return None


def role_of(lexicon: Lexicon, owner: PartyRef, role: str) -> int | None:
    """ "its prosecutor general": the party under the owner's state whose name holds the role."""
    if not isinstance(owner, int):
        return None
    root = lexicon.root_of(owner)
    wanted = normalize_name(role)
    # "defence ministry" is "Ministry of Defence of X": every word of the role, in any order.
    words = set(wanted.split())
    best: int | None = None
    for entry in lexicon.parties.values():
        name, name_words = lexicon.folded_names[entry.id]
        if (
            (wanted in name or words <= name_words)
            and lexicon.root_of(entry.id) == root
            and (best is None or entry.depth < lexicon.parties[best].depth)
        ):
            best = entry.id
    return best


def body_of_state(lexicon: Lexicon, owner: PartyRef, role: str) -> NewParty | None:
    """ "The country's health ministry" when the gazetteer knows no such body of the owner's state: a new
    ministry, "Ministry of Health of Azerbaijan", under that state's government (so it takes the state's
    side), for review.  None when the owner is not a known state or the role names no body."""
    if not isinstance(owner, int):
        return None
    state = lexicon.root_of(owner)
    entry = lexicon.parties.get(state)
    match = _BODY_ROLE.match(role.strip())
    if entry is None or entry.kind not in ("state", "de_facto") or match is None:
        return None
    if match.group("body"):
        field, body = match.group("field").strip(), match.group("body").capitalize()
        name = (
            f"{body} of {field.title()}"
            if field and body == "Ministry"
            else f"{field} {body}".strip().title()
        )
    else:
        name = f"{match.group('head').capitalize()} of {match.group('of').title()}"
    parent = lexicon.child_of_kind(state, "government") or state
    return NewParty(f"{name} of {entry.name}", parent, "ministry")
