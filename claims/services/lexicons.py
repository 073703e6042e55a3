"""What the extractor knows, built from the gazetteer: one ``Lexicon`` per conflict, cached until it changes.

``lexicon_load`` reads the parties (with their sides in the conflict), the global and local aliases, the
places of the conflict's countries, the demonyms and the time zone into the pure ``claims.extraction``
lexicon, and keeps it until a party, alias, place or conflict changes.
"""

from __future__ import annotations

from django.db.models import Count, Max, Q

from claims.extraction import Lexicon
from sources.models import Conflict, ConflictSide, Party, PartyAlias, PartySide, Place, PlaceAlias

_LEXICON_CACHE: dict[int | None, tuple[tuple, Lexicon]] = {}


def lexicons_forget() -> None:
    """Drop every cached lexicon, so the next load reads the gazetteer (after a rolled-back import, say,
    whose parties the signature cannot tell apart from the ones written later)."""
    _LEXICON_CACHE.clear()


def _lexicon_signature() -> tuple:
    """What changes whenever the gazetteer does: counts and latest ids or edit times of its tables."""
    parties = Party.objects.aggregate(n=Count("id"), changed=Max("updated_at"))
    aliases = PartyAlias.objects.aggregate(n=Count("id"), last=Max("id"))
    places = PlaceAlias.objects.aggregate(n=Count("id"), last=Max("id"))
    place_rows = Place.objects.aggregate(n=Count("id"), last=Max("id"))
    conflicts = Conflict.objects.aggregate(n=Count("id"), changed=Max("updated_at"))
    return (
        parties["n"], parties["changed"], aliases["n"], aliases["last"], places["n"], places["last"],
        place_rows["n"], place_rows["last"], conflicts["n"], conflicts["changed"],
    )  # fmt: skip


def lexicon_load(conflict_id: int | None = None) -> Lexicon:
    """What the extractor knows for articles of one conflict: every party with its side in that
    conflict, the global aliases plus the conflict's local ones, the places of its countries (and places
    with no country), demonyms and the conflict's time zone.  Rebuilt only when the gazetteer changed.

    With no conflict, parties have no sides and every place is known (used to infer an article's conflict).
    """
    signature = _lexicon_signature()
    cached = _LEXICON_CACHE.get(conflict_id)
    if cached is not None and cached[0] == signature:
        return cached[1]
    conflict = Conflict.objects.filter(pk=conflict_id).first() if conflict_id is not None else None
    parties = _lexicon_parties(conflict)
    aliases = _lexicon_aliases(conflict)
    places = Place.objects.all()
    if conflict is not None and conflict.countries:
        places = places.filter(Q(country__in=conflict.countries) | Q(country=""))
    place_rows: list[tuple[int, str, str, str]] = list(places.values_list("id", "name", "kind", "country"))
    place_ids = {row[0] for row in place_rows}
    demonyms = [
        (word, pid)
        for pid, words in Party.objects.exclude(demonyms=[]).values_list("id", "demonyms")
        for word in words
    ]
    lexicon = Lexicon.from_rows(
        parties=parties,
        party_aliases=[(norm, pid, alias) for norm, (pid, alias) in aliases.items()],
        places=place_rows,
        place_aliases=[
            (norm, pid)
            for norm, pid in PlaceAlias.objects.values_list("normalized", "place_id")
            if pid in place_ids
        ],
        demonyms=demonyms,
        belligerent_sides=set(
            ConflictSide.objects.filter(conflict=conflict, kind=ConflictSide.Kind.BELLIGERENT).values_list(
                "slug", flat=True
            )
        )
        if conflict
        else set(),
        timezone=conflict.timezone if conflict else "UTC",
        conflict_id=conflict_id,
    )
    _LEXICON_CACHE[conflict_id] = (signature, lexicon)
    return lexicon


def _lexicon_parties(conflict: Conflict | None) -> list[tuple[int, str, str, str, int | None, str]]:
    """Every party as the lexicon reads it, with its side's slug in ``conflict`` ("unknown" without)."""
    sides = (
        dict(PartySide.objects.filter(conflict=conflict).values_list("party_id", "side__slug"))
        if conflict
        else {}
    )
    return [
        (pid, name, kind, sides.get(pid, "unknown"), parent, path)
        for pid, name, kind, parent, path in Party.objects.values_list(
            "id", "name", "kind", "parent_id", "tree_path"
        )
    ]


def _lexicon_aliases(conflict: Conflict | None) -> dict[str, tuple[int, str]]:
    """The global party aliases, overridden by ``conflict``'s local ones, by normalized form."""
    aliases = {
        norm: (pid, alias)
        for norm, pid, alias in PartyAlias.objects.filter(conflict__isnull=True).values_list(
            "normalized", "party_id", "alias"
        )
    }
    if conflict is not None:
        local = PartyAlias.objects.filter(conflict=conflict).values_list("normalized", "party_id", "alias")
        aliases.update({norm: (pid, alias) for norm, pid, alias in local})
    return aliases
