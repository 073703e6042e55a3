"""People called by their surname after the full name ("Asif emphasized ...", "Mr Bassal said ...")."""

from __future__ import annotations

import re

from claims.extraction.context import ArticleContext
from claims.extraction.lexicon import find_parties, tokenize
from claims.extraction.parties import NewParty, PartyRef

# "Asif emphasized ...", "Mr Bassal said ...": a person called by the surname after the full name.
SURNAME = re.compile(r"(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?(?P<name>[A-Z][\w’'-]{2,})")


def person_named_before(ctx: ArticleContext, surname: str, start: int) -> PartyRef | None:
    """The one person named earlier in the article (a speaker, or an official of the gazetteer) whose
    name ends with ``surname``; None when there is none or more than one."""
    wanted = surname.lower()
    people: set[PartyRef] = {
        ref
        for at, ref in ctx.speakers
        if at < start and _is_person(ctx, ref) and _name_of(ctx, ref).split()[-1].lower() == wanted
    }
    for mention in find_parties(ctx.lexicon, tokenize(ctx.text, 0, start)):
        party = ctx.lexicon.parties[mention.id]
        if party.kind == "official" and " of " not in party.name and party.name.split()[-1].lower() == wanted:
            people.add(mention.id)
    return next(iter(people)) if len(people) == 1 else None


def _is_person(ctx: ArticleContext, ref: PartyRef) -> bool:
    kind = ref.kind if isinstance(ref, NewParty) else ctx.lexicon.parties[ref].kind
    name = _name_of(ctx, ref)
    return kind == "official" and len(name.split()) > 1 and " of " not in name


def _name_of(ctx: ArticleContext, ref: PartyRef) -> str:
    return ref.name if isinstance(ref, NewParty) else ctx.lexicon.parties[ref].name
