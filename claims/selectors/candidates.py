"""Reads for the contradiction check: the facts of claims, and the blocking candidate query for one claim.

Candidates come from blocking, never from all pairs:

- same incident (``claim_incident_kind_idx``);
- claims without an incident (no place, so never grouped): same place (or both none), a partner kind
  and a block time within ``LOOSE_BUCKET`` (``claim_loose_block_idx`` on kind, place and
  ``COALESCE(event_start, stated_at)``);
- the same claimant's claims of the same kind with the opposite polarity, for self-reversals
  (``claim_retraction_idx`` for retractions, ``claim_claimant_kind_idx`` for assertions);
- control claims and denials of it by place and time bucket, or by article; accusations of the same
  article and event start (the article foreign-key index).

Each rule in ``claims.contradictions`` requires one of these, so the blocking loses no pair a rule
could flag.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import BooleanField, F, FilteredRelation, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce

from claims.contradictions.facts import LOOSE_BUCKET, ClaimFacts
from claims.contradictions.wording import states_revision, victims_named
from claims.models import Claim, ClaimKind, ClaimStatus, Polarity
from factcheck.sql import null_safe_equals
from sources.selectors import SideRelations, side_relations

FACT_COLUMNS = {
    "id": "id",
    "kind": "kind",
    "conflict_id": "conflict_id",
    "claimant_id": "claimant_id",
    "claimant_name": "claimant__name",
    "claimant_side": "claimant_side_id",
    "claimant_path": "claimant__tree_path",
    "stated_at": "stated_at",
    "polarity": "polarity",
    "status": "status",
    "incident_id": "incident_id",
    "place_id": "place_id",
    "place_name": "place__name",
    "event_start": "event_start",
    "event_end": "event_end",
    "killed_min": "killed_min",
    "killed_max": "killed_max",
    "wounded_min": "wounded_min",
    "wounded_max": "wounded_max",
    "victim_group": "victim_group",
    "accused_id": "accused_id",
    "accused_name": "accused__name",
    "accused_side": "accused_side_id",
    "accused_path": "accused__tree_path",
    "act": "act",
    "controller_id": "controller_id",
    "controller_name": "controller__name",
    "controller_side": "controller_side_id",
    "article_id": "article_id",
    "revised": "quote",
    "repeats": "repeats",
    "quote_start": "quote_start",
    "quote_end": "quote_end",
}
_FIELDS = tuple(FACT_COLUMNS)
_LOOKUPS = tuple(FACT_COLUMNS.values())
_NULLABLE_TEXT = ("claimant_path", "accused_path")
# Each party's side in the claim's own conflict, read through a LEFT JOIN on PartySide's unique
# (conflict, party) key: at most one row per party, so the join never multiplies claims.
_SIDE_OF = {
    "claimant_side_id": "claimant",
    "accused_side_id": "accused",
    "controller_side_id": "controller",
}


# What a later claim must share with an earlier one of its article, besides kind, polarity and place, to
# repeat it: the same toll (killed, wounded, victim group), the same party blamed, the same party said
# to hold the place (the fields of the other kinds are empty on both); for tolls and accusations the
# same event start too (two strikes a day apart are two events), not for a capture or a denial.
_REPEAT_VALUES = (
    "killed_min", "killed_max", "wounded_min", "wounded_max", "victim_group", "accused_id", "controller_id",
)  # fmt: skip
_DATED_KINDS = (ClaimKind.CASUALTY, ClaimKind.ACCUSATION)


def _repeats_sql() -> str:
    """The correlated EXISTS behind ``repeats``, written once as SQL (the ORM spelling of its null-safe
    comparisons cost more to build and plan than the whole check)."""
    same = null_safe_equals()
    values = " AND ".join(f"t.{field} {same} claims_claim.{field}" for field in ("place_id", *_REPEAT_VALUES))
    dated = ", ".join(f"'{kind.value}'" for kind in _DATED_KINDS)
    return (
        "EXISTS (SELECT 1 FROM claims_claim t "  # noqa: S608 (fixed fragments, no values)
        "JOIN sources_party tp ON tp.id = t.claimant_id JOIN sources_party op ON op.id = claims_claim.claimant_id "
        "WHERE t.article_id = claims_claim.article_id AND t.id < claims_claim.id "
        "AND t.kind = claims_claim.kind AND t.polarity = claims_claim.polarity "
        f"AND t.status <> '{ClaimStatus.REJECTED.value}' AND {values} "
        f"AND (t.kind NOT IN ({dated}) OR t.event_start {same} claims_claim.event_start) "
        "AND (t.claimant_id = claims_claim.claimant_id OR (tp.tree_path <> '' AND op.tree_path <> '' "
        "AND (tp.tree_path LIKE op.tree_path || '%%' OR op.tree_path LIKE tp.tree_path || '%%'))))"
    )


def with_repeats(queryset: QuerySet[Claim]) -> QuerySet[Claim]:
    """Annotate each claim with ``repeats``: an earlier claim (lower id) of its article says the same
    thing (``_REPEAT_VALUES``) in the same voice and is not rejected.  The same voice is the same
    claimant, or one claimant within the other in the party tree (a force's head and the force, a state
    and its government); two sibling bodies (a ministry and a prosecutor) are two voices.

    A statement written twice in one article (the lead and the quote; "Kyiv rejected the claim" and
    "Ukraine said fighting goes on") is one claim: the rules pair only its first mention, so a denial
    answering it is flagged once, not once per sentence.  Claims of no article repeat nothing.  Served
    by the article foreign-key index (an article holds a few dozen claims).
    """
    repeats = RawSQL(_repeats_sql(), (), output_field=BooleanField())  # noqa: S611 (fixed SQL)
    return queryset.annotate(repeats=repeats)


def with_sides(queryset: QuerySet[Claim]) -> QuerySet[Claim]:
    """Annotate each claim with its claimant's, accused's and controller's side in the claim's conflict
    (null when the party has none there), joined rather than looked up per row."""
    relations = {
        f"{party}_in_conflict": FilteredRelation(
            f"{party}__conflict_sides",
            condition=Q(**{f"{party}__conflict_sides__conflict_id": F("conflict_id")}),
        )
        for party in _SIDE_OF.values()
    }
    return queryset.annotate(**relations).annotate(
        **{name: F(f"{party}_in_conflict__side_id") for name, party in _SIDE_OF.items()}
    )


# Kinds an ungrouped claim is compared with (rules 3 and 4; rule 5 has its own block).
LOOSE_PARTNERS: dict[str, tuple[str, ...]] = {
    ClaimKind.ACCUSATION: (ClaimKind.DENIAL,),
    ClaimKind.DENIAL: (ClaimKind.ACCUSATION,),
    ClaimKind.CONTROL: (ClaimKind.CONTROL,),
}


def _facts(row: tuple, relations: SideRelations) -> ClaimFacts:
    values = dict(zip(_FIELDS, row, strict=True))
    for name in _NULLABLE_TEXT:
        values[name] = values[name] or ""
    # Only tolls are read for a revision and for whose dead they count; the quote is not kept.
    quote, toll = values["revised"], values["kind"] == ClaimKind.CASUALTY
    values["revised"] = toll and states_revision(quote)
    values["victims"] = victims_named(quote) if toll else ""
    return ClaimFacts(
        **values,
        claimant_belligerent=values["claimant_side"] in relations.belligerent,
        claimant_opponents=relations.opponents.get(values["claimant_side"], frozenset()),
        accused_opponents=relations.opponents.get(values["accused_side"], frozenset()),
        controller_opponents=relations.opponents.get(values["controller_side"], frozenset()),
    )


def facts_rows(queryset: QuerySet[Claim]) -> list[ClaimFacts]:
    """Evaluate a claim queryset as ``ClaimFacts`` (one query, parties and place joined)."""
    relations = side_relations()
    rows = with_repeats(with_sides(queryset)).values_list(*_LOOKUPS)
    return [_facts(row, relations) for row in rows]


def claims_facts(*, claim_ids: Iterable[int]) -> dict[int, ClaimFacts]:
    """The facts of the given claims by id, in one query per 5,000 ids."""
    ids = list(claim_ids)
    found: dict[int, ClaimFacts] = {}
    for start in range(0, len(ids), 5000):
        for facts in facts_rows(Claim.objects.filter(pk__in=ids[start : start + 5000]).order_by()):
            found[facts.id] = facts
    return found


def _block(facts: ClaimFacts) -> Q:
    block = Q()
    if facts.incident_id is not None:
        block |= Q(incident_id=facts.incident_id)
    elif facts.kind in LOOSE_PARTNERS:
        place = Q(place_id=facts.place_id) if facts.place_id is not None else Q(place__isnull=True)
        block |= (
            Q(incident__isnull=True)
            & Q(kind__in=LOOSE_PARTNERS[facts.kind])
            & place
            & Q(
                block_time__gte=facts.block_time - LOOSE_BUCKET,
                block_time__lte=facts.block_time + LOOSE_BUCKET,
            )
        )
    block |= _control_denial_block(facts)
    block |= _article_blame_block(facts)
    opposite = Polarity.ASSERTS if facts.polarity == Polarity.RETRACTS else Polarity.RETRACTS
    block |= Q(claimant_id=facts.claimant_id, kind=facts.kind, polarity=opposite)
    return block


def _control_denial_block(facts: ClaimFacts) -> Q:
    """Control claims and denials of that control (rule 4b): they sit in incidents of different kinds,
    so they meet by place and time bucket (``claim_place_time_idx``), or by article when the denial
    names no place."""
    partners: dict[str, str] = {ClaimKind.CONTROL: ClaimKind.DENIAL, ClaimKind.DENIAL: ClaimKind.CONTROL}
    partner = partners.get(facts.kind)
    if partner is None:
        return Q()
    block = Q()
    if facts.place_id is not None:
        block |= Q(
            kind=partner,
            place_id=facts.place_id,
            block_time__gte=facts.block_time - LOOSE_BUCKET,
            block_time__lte=facts.block_time + LOOSE_BUCKET,
        )
    if facts.article_id is not None:
        same_article = Q(kind=partner, article_id=facts.article_id)
        if facts.kind == ClaimKind.CONTROL:
            block |= same_article & Q(place__isnull=True)  # a placeless denial in the same article
        elif facts.place_id is None:
            block |= same_article
    return block


def _article_blame_block(facts: ClaimFacts) -> Q:
    """Accusations of the same article and event start (rule 2 across incidents: each side's ministry
    blaming the other for one flare-up, each naming its own sector), read through the article index."""
    if facts.kind != ClaimKind.ACCUSATION or facts.article_id is None:
        return Q()
    same_day = (
        Q(event_start=facts.event_start) if facts.event_start is not None else Q(event_start__isnull=True)
    )
    return Q(kind=ClaimKind.ACCUSATION, article_id=facts.article_id) & same_day


def candidates_query(*, facts: ClaimFacts) -> QuerySet[Claim]:
    """The claims one claim must be compared with: its blocks, rejected claims and itself left out."""
    return (
        Claim.objects.alias(block_time=Coalesce("event_start", "stated_at"))
        .filter(_block(facts))
        .exclude(pk=facts.id)
        .exclude(status=ClaimStatus.REJECTED)
        .order_by()
    )


def claim_candidates(*, facts: ClaimFacts) -> list[ClaimFacts]:
    """The facts of every candidate partner of one claim (one query)."""
    return facts_rows(candidates_query(facts=facts))


def claim_with_candidates(*, claim: Claim) -> tuple[ClaimFacts, list[ClaimFacts]]:
    """The facts of a loaded claim and of its candidates, in one query (the check's hot path)."""
    outline = ClaimFacts(
        id=claim.pk,
        kind=claim.kind,
        claimant_id=claim.claimant_id,
        claimant_name="",
        stated_at=claim.stated_at,
        polarity=claim.polarity,
        incident_id=claim.incident_id,
        place_id=claim.place_id,
        event_start=claim.event_start,
        article_id=claim.article_id,
    )
    partners = _block(outline) & ~Q(pk=claim.pk) & ~Q(status=ClaimStatus.REJECTED)
    rows = facts_rows(
        Claim.objects.alias(block_time=Coalesce("event_start", "stated_at"))
        .filter(Q(pk=claim.pk) | partners)
        .order_by()
    )
    own = next(facts for facts in rows if facts.id == claim.pk)
    return own, [facts for facts in rows if facts.id != claim.pk]
