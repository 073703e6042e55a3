"""Saving extracted claims: candidates from ``claims.extraction`` -> Claim rows through ``claim_create``.

Extracted claims get status "extracted" (pending review) and origin "extractor".  Parties the
gazetteer does not know are created under the right parent and marked ``needs_review``.  Running
extraction twice on an article adds nothing: a candidate already saved (same kind, quote, claimant
and values) is skipped, which makes the Celery task safe to redeliver.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import Count, Max

from claims.extraction import Candidate, Lexicon, NewParty, PartyRef, extract_candidates
from claims.models import Claim, ClaimKind, ClaimOrigin, ClaimStatus
from claims.services.claims import claim_create
from sources.models import Article, Outlet, Party, PartyAlias, Place, PlaceAlias
from sources.services import party_create
from sources.text import normalize_name

_LEXICON_CACHE: dict[str, object] = {}


def _lexicon_signature() -> tuple:
    parties = Party.objects.aggregate(n=Count("id"), changed=Max("updated_at"))
    aliases = PartyAlias.objects.aggregate(n=Count("id"), last=Max("id"))
    places = PlaceAlias.objects.aggregate(n=Count("id"), last=Max("id"))
    return (parties["n"], parties["changed"], aliases["n"], aliases["last"], places["n"], places["last"])


def lexicon_load() -> Lexicon:
    """The parties and places with their aliases, rebuilt only when the gazetteer changed."""
    signature = _lexicon_signature()
    if _LEXICON_CACHE.get("signature") == signature:
        return _LEXICON_CACHE["lexicon"]  # type: ignore[return-value]
    lexicon = Lexicon.from_rows(
        parties=list(Party.objects.values_list("id", "name", "kind", "side", "parent_id", "tree_path")),
        party_aliases=list(PartyAlias.objects.values_list("normalized", "party_id", "alias")),
        places=list(Place.objects.values_list("id", "name", "kind")),
        place_aliases=list(PlaceAlias.objects.values_list("normalized", "place_id")),
    )
    _LEXICON_CACHE.update(signature=signature, lexicon=lexicon)
    return lexicon


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


class _PartyMaker:
    """Turns candidate party references into Party rows, creating unknown ones once per run."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.made: dict[NewParty, Party] = {}
        self.by_id: dict[int, Party] = {}

    def get(self, ref: PartyRef | None) -> Party | None:
        if ref is None:
            return None
        if isinstance(ref, int):
            if ref not in self.by_id:
                self.by_id[ref] = Party.objects.get(pk=ref)
            return self.by_id[ref]
        if ref in self.made:
            return self.made[ref]
        alias = PartyAlias.objects.filter(normalized=normalize_name(ref.name)).select_related("party").first()
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


@transaction.atomic
def article_extract_claims(*, article: Article) -> list[Claim]:
    """Extract and save the claims of one article; returns every extractor claim it now has.

    Idempotent: candidates already saved for the article are skipped.  Sets the article's status
    to "extracted".  Contradiction checks are enqueued by ``claim_create`` after commit.
    """
    lexicon = lexicon_load()
    candidates: list[Candidate] = extract_candidates(
        article.body,
        lexicon=lexicon,
        published=article.published_at,
        outlet_party=_outlet_party(article, lexicon),
    )
    keys = _existing_keys(article)
    maker = _PartyMaker(article)
    for candidate in candidates:
        claimant = maker.get(candidate.claimant)
        accused = maker.get(candidate.accused)
        controller = maker.get(candidate.controller)
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
            "quote": candidate.quote,
            "quote_start": candidate.quote_start,
            "quote_end": candidate.quote_end,
            "relayed_by": maker.get(candidate.relayed_by),
            "accused": accused,
            "controller": controller,
            "act": candidate.act,
            "place_id": candidate.place_id,
            "event_start": candidate.event_start,
            "event_end": candidate.event_end,
        }
        if candidate.kind == ClaimKind.CASUALTY:
            fields["victim_group"] = candidate.victim_group
            for name in ("killed", "wounded", "displaced", "missing"):
                _interval(fields, name, getattr(candidate, name))
        fields.pop("place_id")
        claim_create(
            claimant=claimant,
            kind=candidate.kind,
            article=article,
            status=ClaimStatus.EXTRACTED,
            origin=ClaimOrigin.EXTRACTOR,
            place=Place(pk=candidate.place_id) if candidate.place_id else None,
            **fields,
        )
    if article.status != Article.Status.EXTRACTED:
        article.status = Article.Status.EXTRACTED
        article.save(update_fields=["status", "updated_at"])
    return list(
        Claim.objects.filter(article=article, origin=ClaimOrigin.EXTRACTOR)
        .select_related("claimant", "relayed_by", "accused", "place", "article", "controller")
        .order_by("quote_start", "id")
    )
