"""Which conflict an article is about, from the belligerents and places its text names.

An article submitted without a conflict is filed under the one its text points at, or flagged for a
reviewer with the reason (silent, or fitting several conflicts); never a silent guess.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from claims.extraction import Lexicon
from claims.extraction.lexicon import find_parties, find_places, tokenize
from claims.services.lexicons import lexicon_load
from sources.models import Article, Conflict, ConflictSide, PartySide, Place


@dataclass(frozen=True)
class ConflictGuess:
    """Which conflict an article is about, as far as its text tells: the winner, or None and why."""

    conflict_id: int | None
    scores: dict[int, int]
    reason: str


# An article is filed under a conflict when it names only that conflict's belligerents or places, or
# names them at least this often and at least twice as often as any other conflict's; when another
# conflict comes closer, the same test is made again on the mentions the two do not share.
INFERENCE_MIN_MENTIONS = 2
INFERENCE_MARGIN = 2.0


@dataclass(frozen=True)
class InferenceTables:
    """What conflict inference reads from the gazetteer, loaded once and reused over many texts."""

    lexicon: Lexicon
    belligerent: dict[int, set[int]]
    conflicts: dict[int, tuple[str, set[str]]]
    place_country: dict[int, str]
    starts: dict[int, date]


def inference_tables() -> InferenceTables:
    """Load the gazetteer tables ``conflict_infer`` needs (the bulk import loads them once per batch)."""
    belligerent: dict[int, set[int]] = {}
    for party_id, conflict_id in PartySide.objects.filter(
        side__kind=ConflictSide.Kind.BELLIGERENT
    ).values_list("party_id", "conflict_id"):
        belligerent.setdefault(party_id, set()).add(conflict_id)
    return InferenceTables(
        lexicon=lexicon_load(None),
        belligerent=belligerent,
        conflicts={
            pk: (name, set(countries))
            for pk, name, countries in Conflict.objects.values_list("id", "name", "countries")
        },
        place_country=dict(Place.objects.exclude(country="").values_list("id", "country")),
        starts={
            pk: start for pk, start in Conflict.objects.values_list("id", "start_date") if start is not None
        },
    )


def conflict_infer(
    *, text: str, tables: InferenceTables | None = None, published: datetime | None = None
) -> ConflictGuess:
    """Guess an article's conflict from the belligerent parties (names, aliases, demonyms) and the places
    it names; ambiguous or silent texts give no conflict, with the reason, never a silent guess.

    An article published before a conflict began is not about it (a 2020 report naming Russia and Turkey
    is no report of the 2022 invasion), so with ``published`` those conflicts are not candidates.
    ``tables`` (from ``inference_tables``) spares the look-ups when many texts are inferred in a row.
    """
    tables = tables or inference_tables()
    lexicon, conflicts = tables.lexicon, tables.conflicts
    if published is not None:
        day = published.date()
        conflicts = {
            pk: entry
            for pk, entry in conflicts.items()
            if pk not in tables.starts or tables.starts[pk] <= day
        }
    if not conflicts:
        return ConflictGuess(None, {}, "no conflict is loaded")
    tokens = tokenize(text)
    # Each mention is the set of conflicts it counts for (a party belligerent in two wars, a place in
    # countries two conflicts share, counts for both).
    mentions: list[frozenset[int]] = []
    mentioned = [m.id for m in find_parties(lexicon, tokens)]
    mentioned += [lexicon.states[t.norm] for t in tokens if t.norm in lexicon.states and t.text[:1].isupper()]
    for party_id in mentioned:
        mentions.append(frozenset(pk for pk in tables.belligerent.get(party_id, ()) if pk in conflicts))
    for mention in find_places(lexicon, tokens):
        country = tables.place_country.get(mention.id)
        if country:
            mentions.append(frozenset(pk for pk, (_, countries) in conflicts.items() if country in countries))
    scores = dict.fromkeys(conflicts, 0)
    for counted in mentions:
        for conflict_id in counted:
            scores[conflict_id] += 1
    ranked = sorted(scores.items(), key=lambda item: -item[1])
    best_id, best = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    if best == 0 or (best < INFERENCE_MIN_MENTIONS and runner_up):
        return ConflictGuess(None, scores, "the text names no loaded conflict's sides or places often enough")
    close = [pk for pk, n in ranked[1:] if n and best < INFERENCE_MARGIN * n]
    if not close:
        return ConflictGuess(best_id, scores, f"inferred from {best} mentions of its sides and places")
    if all(_leads_on_its_own_mentions(mentions, best_id, other) for other in close):
        return ConflictGuess(
            best_id, scores, f"inferred from {best} mentions, most of them not shared with another conflict"
        )
    names = ", ".join(f"{conflicts[pk][0]} ({n})" for pk, n in ranked[:3] if n)
    return ConflictGuess(None, scores, f"the text fits several conflicts: {names}")


def _leads_on_its_own_mentions(mentions: list[frozenset[int]], leader: int, other: int) -> bool:
    """Whether ``leader`` still wins over ``other`` when only the mentions that count for one of the two
    and not both are counted: at least ``INFERENCE_MIN_MENTIONS`` and ``INFERENCE_MARGIN`` times as many.

    Two conflicts that share parties (the UN, the United States, Israel) or countries score the same for
    every shared mention, so a close score can hide a clear answer: an Israel–Hamas report that names Iran
    and the United States is still about Gaza when only Gaza, Hamas and Iran's mentions tell them apart.
    """
    own = sum(1 for counted in mentions if leader in counted and other not in counted)
    theirs = sum(1 for counted in mentions if other in counted and leader not in counted)
    return own >= INFERENCE_MIN_MENTIONS and own >= INFERENCE_MARGIN * theirs


def lexicon_for_text(text: str, published: datetime | None = None) -> Lexicon:
    """The lexicon of the conflict a text is about (inferred; the conflict-less lexicon if none fits)."""
    return lexicon_load(conflict_infer(text=text, published=published).conflict_id)


def article_conflict_assign(
    *, article: Article, tables: InferenceTables | None = None, save: bool = True
) -> Article:
    """File an article without a conflict under the one its text points at, or flag it for a reviewer.

    ``save=False`` only sets the fields (``conflict``, ``conflict_needs_review``, ``status_message``): the
    bulk import writes a whole batch's with one statement."""
    guess = conflict_infer(text=article.body, tables=tables, published=article.published_at)
    article.conflict_id = guess.conflict_id
    article.conflict_needs_review = guess.conflict_id is None
    if guess.conflict_id is None:
        note = f"Conflict not set: {guess.reason}; a reviewer should choose it."
        article.status_message = f"{article.status_message}\n{note}".strip()
    if not save:
        return article
    Article.objects.filter(pk=article.pk).update(
        conflict_id=article.conflict_id,
        conflict_needs_review=article.conflict_needs_review,
        status_message=article.status_message,
    )
    return article
