"""Saving extracted claims: candidates from ``claims.extraction`` -> Claim rows through ``claim_create``.

Extracted claims get status "pending" (review) and origin "extractor".  Parties the
gazetteer does not know are created under the right parent and marked ``needs_review``.  Running
extraction twice on an article adds nothing: a candidate already saved (same kind, quote, claimant
and values) is skipped, which makes the Celery task safe to redeliver.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q

from claims.extraction import Candidate, Lexicon, NewParty, PartyRef, extract_candidates
from claims.models import Claim, ClaimKind, ClaimOrigin, ClaimStatus
from claims.services.claims import claim_create
from claims.services.conflict_inference import InferenceTables, article_conflict_assign, inference_tables
from claims.services.lexicons import lexicon_load
from sources.models import (
    Article,
    Outlet,
    Party,
    PartyAlias,
    Place,
)
from sources.services import party_create
from sources.text import normalize_name


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
        party = self.known(ref) or self._create(ref)
        if ref.kind == Party.Kind.MEDIA and self.article.outlet_id and ref.parent_id is None:
            Outlet.objects.filter(pk=self.article.outlet_id, party__isnull=True).update(party=party)
        self.made[ref] = party
        return party

    def known(self, ref: NewParty) -> Party | None:
        """The party a new reference already names: by alias (this conflict's first), else by name."""
        alias = (
            PartyAlias.objects.filter(normalized=normalize_name(ref.name))
            .filter(Q(conflict__isnull=True) | Q(conflict_id=self.article.conflict_id))
            .select_related("party")
            .order_by("conflict_id")
            .first()
        )
        return alias.party if alias else Party.objects.filter(name=ref.name).first()

    def _create(self, ref: NewParty) -> Party:
        parent = Party.objects.get(pk=ref.parent_id) if ref.parent_id else None
        try:
            # Two workers extracting two articles of one outlet may both create its party.  The loser
            # of the race takes the winner's row: its insert fails on the unique name once the winner
            # commits (IntegrityError, in a savepoint), or its validation already sees that row
            # (ValidationError on the name).
            with transaction.atomic():
                return party_create(
                    name=ref.name,
                    kind=ref.kind,
                    parent=parent,
                    needs_review=True,
                    description=f"Found by the extractor in article #{self.article.pk}; please confirm.",
                )
        except (IntegrityError, ValidationError):
            winner = Party.objects.filter(name=ref.name).first()
            if winner is None:
                raise
            return winner


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
        # Articles filed under a conflict (or flagged) in this batch, their fields not yet written.
        self.assigned: list[Article] = []


def article_lexicon(article: Article, batch: BatchTables | None = None) -> Lexicon:
    """The lexicon of the article's conflict, filing the article under one first if it has none yet."""
    if article.conflict_id is None and not article.conflict_needs_review:
        if batch is None:
            article_conflict_assign(article=article)
        else:
            batch.inference = batch.inference or inference_tables()
            batch.assigned.append(
                article_conflict_assign(article=article, tables=batch.inference, save=False)
            )
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
