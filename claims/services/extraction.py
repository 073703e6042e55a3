"""Saving extracted claims: candidates from ``claims.extraction`` -> Claim rows through ``claim_create``.

Extracted claims get status "pending" (review) and origin "extractor".  Parties the
gazetteer does not know are created under the right parent and marked ``needs_review``.  Running
extraction twice on an article adds nothing: a candidate already saved (same kind, quote, claimant
and values) is skipped, which makes the Celery task safe to redeliver.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q

from claims.extraction import Candidate, Lexicon, NewParty, PartyRef, extract_candidates
from claims.extraction.lexicon import find_parties, find_places, tokenize
from claims.models import Claim, ClaimKind, ClaimOrigin, ClaimStatus
from claims.services.claims import claim_create
from sources.models import (
    Article,
    Conflict,
    ConflictSide,
    Outlet,
    Party,
    PartyAlias,
    PartySide,
    Place,
    PlaceAlias,
)
from sources.services import party_create
from sources.text import normalize_name

_LEXICON_CACHE: dict[int | None, tuple[tuple, Lexicon]] = {}


def _lexicon_signature() -> tuple:
    parties = Party.objects.aggregate(n=Count("id"), changed=Max("updated_at"))
    aliases = PartyAlias.objects.aggregate(n=Count("id"), last=Max("id"))
    places = PlaceAlias.objects.aggregate(n=Count("id"), last=Max("id"))
    conflicts = Conflict.objects.aggregate(n=Count("id"), changed=Max("updated_at"))
    return (
        parties["n"], parties["changed"], aliases["n"], aliases["last"], places["n"], places["last"],
        conflicts["n"], conflicts["changed"],
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
    place_rows: list[tuple[int, str] | tuple[int, str, str]] = list(places.values_list("id", "name", "kind"))
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
    )


def conflict_infer(*, text: str, tables: InferenceTables | None = None) -> ConflictGuess:
    """Guess an article's conflict from the belligerent parties (names, aliases, demonyms) and the places
    it names; ambiguous or silent texts give no conflict, with the reason, never a silent guess.

    ``tables`` (from ``inference_tables``) spares the look-ups when many texts are inferred in a row.
    """
    tables = tables or inference_tables()
    lexicon, conflicts = tables.lexicon, tables.conflicts
    if not conflicts:
        return ConflictGuess(None, {}, "no conflict is loaded")
    tokens = tokenize(text)
    # Each mention is the set of conflicts it counts for (a party belligerent in two wars, a place in
    # countries two conflicts share, counts for both).
    mentions: list[frozenset[int]] = []
    mentioned = [m.id for m in find_parties(lexicon, tokens)]
    mentioned += [lexicon.states[t.norm] for t in tokens if t.norm in lexicon.states and t.text[:1].isupper()]
    for party_id in mentioned:
        mentions.append(frozenset(tables.belligerent.get(party_id, ())))
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


def lexicon_for_text(text: str) -> Lexicon:
    """The lexicon of the conflict a text is about (inferred; the conflict-less lexicon if none fits)."""
    return lexicon_load(conflict_infer(text=text).conflict_id)


def article_conflict_assign(*, article: Article, tables: InferenceTables | None = None) -> Article:
    """File an article without a conflict under the one its text points at, or flag it for a reviewer."""
    guess = conflict_infer(text=article.body, tables=tables)
    article.conflict_id = guess.conflict_id
    article.conflict_needs_review = guess.conflict_id is None
    if guess.conflict_id is None:
        note = f"Conflict not set: {guess.reason}; a reviewer should choose it."
        article.status_message = f"{article.status_message}\n{note}".strip()
    Article.objects.filter(pk=article.pk).update(
        conflict_id=article.conflict_id,
        conflict_needs_review=article.conflict_needs_review,
        status_message=article.status_message,
    )
    return article


def _outlet_party(article: Article, lexicon: Lexicon) -> PartyRef | None:
    """Who speaks when the article speaks in its own voice: the outlet's party (made if missing)."""
    outlet: Outlet | None = article.outlet
    if outlet is None:
        return None
    if outlet.party_id:
        return outlet.party_id
    known = lexicon.party_by_name(outlet.name)
    if known is not None:
        Outlet.objects.filter(pk=outlet.pk).update(party_id=known)
        outlet.party_id = known
        return known
    return NewParty(name=outlet.name, parent_id=None, kind=Party.Kind.MEDIA)


class PartyMaker:
    """Turns candidate party references into Party rows, creating unknown ones once per run."""

    def __init__(self, article: Article, by_id: dict[int, Party] | None = None) -> None:
        self.article = article
        self.made: dict[NewParty, Party] = {}
        # Known parties by id; the bulk import shares one dict across the articles of a batch.
        self.by_id: dict[int, Party] = {} if by_id is None else by_id

    def get(self, ref: PartyRef | None) -> Party | None:
        if ref is None:
            return None
        if isinstance(ref, int):
            if ref not in self.by_id:
                self.by_id[ref] = Party.objects.get(pk=ref)
            return self.by_id[ref]
        if ref in self.made:
            return self.made[ref]
        alias = (
            PartyAlias.objects.filter(normalized=normalize_name(ref.name))
            .filter(Q(conflict__isnull=True) | Q(conflict_id=self.article.conflict_id))
            .select_related("party")
            .order_by("conflict_id")
            .first()
        )
        party = alias.party if alias else Party.objects.filter(name=ref.name).first()
        if party is None:
            parent = Party.objects.get(pk=ref.parent_id) if ref.parent_id else None
            try:
                # Two workers extracting two articles of one outlet may both create its party: the
                # loser of the race (a savepoint) takes the winner's row.
                with transaction.atomic():
                    party = party_create(
                        name=ref.name,
                        kind=ref.kind,
                        parent=parent,
                        needs_review=True,
                        description=f"Found by the extractor in article #{self.article.pk}; please confirm.",
                    )
            except IntegrityError:
                party = Party.objects.get(name=ref.name)
        if ref.kind == Party.Kind.MEDIA and self.article.outlet_id and ref.parent_id is None:
            Outlet.objects.filter(pk=self.article.outlet_id, party__isnull=True).update(party=party)
        self.made[ref] = party
        return party


def _interval(fields: dict, name: str, value: tuple[int, int | None] | None) -> None:
    if value is not None:
        fields[f"{name}_min"], fields[f"{name}_max"] = value


def _claim_key(
    kind, quote_start, quote_end, claimant_id, accused_id, controller_id, place_id, killed, wounded, group
):
    return (
        kind,
        quote_start,
        quote_end,
        claimant_id,
        accused_id,
        controller_id,
        place_id,
        killed,
        wounded,
        group,
    )


def _existing_keys(article: Article) -> set[tuple]:
    rows = Claim.objects.filter(article=article, origin=ClaimOrigin.EXTRACTOR).values_list(
        "kind",
        "quote_start",
        "quote_end",
        "claimant_id",
        "accused_id",
        "controller_id",
        "place_id",
        "killed_min",
        "wounded_min",
        "victim_group",
    )
    return {_claim_key(*row) for row in rows}


def claim_arguments(
    article: Article, lexicon: Lexicon, maker: PartyMaker, keys: set[tuple]
) -> Iterator[dict]:
    """``claim_create`` keyword arguments for each candidate of the article not already in ``keys``
    (the candidates saved before), adding each one's key so a repeated candidate comes out once."""
    candidates: list[Candidate] = extract_candidates(
        article.body,
        lexicon=lexicon,
        published=article.published_at,
        outlet_party=_outlet_party(article, lexicon),
    )
    for candidate in candidates:
        claimant = maker.get(candidate.claimant)
        accused = maker.get(candidate.accused)
        controller = maker.get(candidate.controller)
        if claimant is None:
            continue  # the extractor always names a claimant; a candidate without one is not a claim
        key = _claim_key(
            candidate.kind,
            candidate.quote_start,
            candidate.quote_end,
            claimant.pk,
            accused.pk if accused else None,
            controller.pk if controller else None,
            candidate.place_id,
            candidate.killed[0] if candidate.killed else None,
            candidate.wounded[0] if candidate.wounded else None,
            candidate.victim_group if candidate.kind == ClaimKind.CASUALTY else "unspecified",
        )
        if key in keys:
            continue
        keys.add(key)
        fields: dict = {
            "claimant": claimant,
            "kind": candidate.kind,
            "article": article,
            "status": ClaimStatus.PENDING,
            "origin": ClaimOrigin.EXTRACTOR,
            "place": Place(pk=candidate.place_id) if candidate.place_id else None,
            "quote": candidate.quote,
            "quote_start": candidate.quote_start,
            "quote_end": candidate.quote_end,
            "relayed_by": maker.get(candidate.relayed_by),
            "accused": accused,
            "controller": controller,
            "act": candidate.act,
            "event_start": candidate.event_start,
            "event_end": candidate.event_end,
        }
        if candidate.kind == ClaimKind.CASUALTY:
            fields["victim_group"] = candidate.victim_group
            for name in ("killed", "wounded", "displaced", "missing"):
                _interval(fields, name, getattr(candidate, name))
        yield fields


class BatchTables:
    """The gazetteer look-ups of one bulk batch, each made once: lexicons by conflict, inference tables."""

    def __init__(self) -> None:
        self.lexicons: dict[int | None, Lexicon] = {}
        self.inference: InferenceTables | None = None


def article_lexicon(article: Article, batch: BatchTables | None = None) -> Lexicon:
    """The lexicon of the article's conflict, filing the article under one first if it has none yet."""
    if article.conflict_id is None and not article.conflict_needs_review:
        if batch is not None and batch.inference is None:
            batch.inference = inference_tables()
        article_conflict_assign(article=article, tables=batch.inference if batch else None)
    if batch is None:
        return lexicon_load(article.conflict_id)
    if article.conflict_id not in batch.lexicons:
        batch.lexicons[article.conflict_id] = lexicon_load(article.conflict_id)
    return batch.lexicons[article.conflict_id]


@transaction.atomic
def article_extract_claims(*, article: Article) -> list[Claim]:
    """Extract and save the claims of one article; returns every extractor claim it now has.

    Idempotent: candidates already saved for the article are skipped.  Sets the article's status
    to "extracted".  Contradiction checks are enqueued by ``claim_create`` after commit.  An article
    kept as not English (status "skipped_language") is left alone: the rules only read English.
    """
    if article.status == Article.Status.SKIPPED_LANGUAGE:
        return []
    lexicon = article_lexicon(article)
    for fields in claim_arguments(article, lexicon, PartyMaker(article), _existing_keys(article)):
        claim_create(**fields)
    if article.status != Article.Status.EXTRACTED:
        article.status = Article.Status.EXTRACTED
        article.save(update_fields=["status", "updated_at"])
    return list(
        Claim.objects.filter(article=article, origin=ClaimOrigin.EXTRACTOR)
        .select_related("claimant", "relayed_by", "accused", "place", "article", "controller")
        .order_by("quote_start", "id")
    )
