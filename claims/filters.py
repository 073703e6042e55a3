"""django-filter FilterSets for claims, contradictions, incidents and verdicts.

Ids are checked against what the caller may see (``IdFilter``): another partner's unpublished article
is refused exactly like an id that does not exist.  Party filters include sub-parties: ``claimant=<id
of Azerbaijan>`` also returns claims by its defence ministry.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q
from django_filters import rest_framework as filters

from claims.models import (
    ClaimKind,
    ClaimOrigin,
    ClaimStatus,
    ContradictionKind,
    ContradictionStatus,
    Incident,
    IncidentKind,
    Polarity,
    VerdictRating,
    VictimGroup,
)
from claims.selectors.provenance import articles_visible, outlets_visible, parties_visible
from claims.selectors.visibility import claims_visible, incidents_visible
from factcheck.rest.filters import (
    BooleanFilter,
    CountFilter,
    FilterSet,
    IdFilter,
    ScoreFilter,
    SizedText,
    text_filter,
    updated_since_filter,
    viewer,
)
from sources.filters import conflict_filter
from sources.models import PartySide, Place
from sources.selectors import REFERENCE_PARTIES, party_subtree_ids


def _visible_articles(request):
    return articles_visible(**viewer(request))


def _visible_incidents(request):
    return incidents_visible(**viewer(request))


def _visible_claims(request):
    return claims_visible(**viewer(request))


def _parties(request):
    return parties_visible(**viewer(request))


def _outlets(request):
    return outlets_visible(**viewer(request))


class ClaimFilter(FilterSet):
    conflict = conflict_filter()
    side = SizedText(
        max_length=100, method="filter_side", label="Claimant's side slug (in the claim's conflict)"
    )
    kind = filters.ChoiceFilter(choices=ClaimKind.choices)
    status = filters.ChoiceFilter(choices=ClaimStatus.choices)
    origin = filters.ChoiceFilter(choices=ClaimOrigin.choices)
    polarity = filters.ChoiceFilter(choices=Polarity.choices)
    victim_group = filters.ChoiceFilter(choices=VictimGroup.choices)
    claimant = IdFilter(
        queryset=_parties,
        seen_by_all=REFERENCE_PARTIES,
        method="filter_claimant",
        label="Claimant party id, including its sub-parties",
    )
    accused = IdFilter(
        queryset=_parties,
        seen_by_all=REFERENCE_PARTIES,
        method="filter_accused",
        label="Accused party id, including its sub-parties",
    )
    relayed_by = IdFilter(queryset=_parties, label="Relaying party id")
    controller = IdFilter(queryset=_parties, label="Party said to control the place")
    incident = IdFilter(queryset=_visible_incidents, label="Incident id")
    place = IdFilter(queryset=Place.objects.all(), label="Place id")
    article = IdFilter(queryset=_visible_articles, label="Article id")
    outlet = IdFilter(queryset=_outlets, field_name="article__outlet", label="Outlet id of the article")
    stated_at__gte = filters.IsoDateTimeFilter(field_name="stated_at", lookup_expr="gte")
    stated_at__lte = filters.IsoDateTimeFilter(field_name="stated_at", lookup_expr="lte")
    event_start__gte = filters.IsoDateTimeFilter(field_name="event_start", lookup_expr="gte")
    event_end__lte = filters.IsoDateTimeFilter(field_name="event_end", lookup_expr="lte")
    killed_min__gte = CountFilter(field_name="killed_min", lookup_expr="gte")
    killed_min__lte = CountFilter(field_name="killed_min", lookup_expr="lte")
    killed_max__gte = CountFilter(field_name="killed_max", lookup_expr="gte")
    killed_max__lte = CountFilter(field_name="killed_max", lookup_expr="lte")
    wounded_min__gte = CountFilter(field_name="wounded_min", lookup_expr="gte")
    wounded_min__lte = CountFilter(field_name="wounded_min", lookup_expr="lte")
    wounded_max__gte = CountFilter(field_name="wounded_max", lookup_expr="gte")
    wounded_max__lte = CountFilter(field_name="wounded_max", lookup_expr="lte")
    has_verdict = BooleanFilter(field_name="verdict", lookup_expr="isnull", exclude=True)
    q = text_filter("filter_text", "Text search in the quote and the act (case-insensitive)")
    updated_since = updated_since_filter()

    def filter_claimant(self, queryset, name, value):
        return queryset.filter(claimant__in=party_subtree_ids(party=value))

    def filter_side(self, queryset, name, value):
        return queryset.filter(
            Exists(
                PartySide.objects.filter(
                    party_id=OuterRef("claimant_id"), conflict_id=OuterRef("conflict_id"), side__slug=value
                )
            )
        )

    def filter_accused(self, queryset, name, value):
        return queryset.filter(accused__in=party_subtree_ids(party=value))

    def filter_text(self, queryset, name, value):
        return queryset.filter(Q(quote__icontains=value) | Q(act__icontains=value))


class ContradictionFilter(FilterSet):
    conflict = conflict_filter("claim_a__conflict")
    kind = filters.ChoiceFilter(choices=ContradictionKind.choices)
    status = filters.ChoiceFilter(choices=ContradictionStatus.choices)
    incident = IdFilter(queryset=_visible_incidents, label="Incident id")
    party = IdFilter(
        queryset=_parties,
        method="filter_party",
        label="A party (with its sub-parties) that made either of the two claims",
    )
    claim = IdFilter(queryset=_visible_claims, method="filter_claim", label="Either of the two claims")
    detected_at__gte = filters.IsoDateTimeFilter(field_name="detected_at", lookup_expr="gte")
    detected_at__lte = filters.IsoDateTimeFilter(field_name="detected_at", lookup_expr="lte")
    score__gte = ScoreFilter(field_name="score", lookup_expr="gte", min_value=0, max_value=1)
    updated_since = updated_since_filter()

    def filter_party(self, queryset, name, value):
        ids = party_subtree_ids(party=value)
        return queryset.filter(Q(claim_a__claimant__in=ids) | Q(claim_b__claimant__in=ids))

    def filter_claim(self, queryset, name, value):
        return queryset.filter(Q(claim_a=value) | Q(claim_b=value))


class IncidentFilter(FilterSet):
    conflict = conflict_filter()
    kind = filters.ChoiceFilter(choices=IncidentKind.choices)
    grade = filters.ChoiceFilter(choices=Incident.Grade.choices, method="filter_published")
    place = IdFilter(queryset=Place.objects.all(), label="Place id")
    window_start__gte = filters.IsoDateTimeFilter(field_name="window_start", lookup_expr="gte")
    window_start__lte = filters.IsoDateTimeFilter(field_name="window_start", lookup_expr="lte")
    killed_high__gte = CountFilter(field_name="killed_high", method="filter_published_gte")
    killed_low__gte = CountFilter(field_name="killed_low", method="filter_published_gte")
    q = text_filter("filter_text", "Text search in the title")
    updated_since = updated_since_filter()

    def _column(self, name: str) -> str:
        # Partners filter on the figures they read (over published claims), staff on all claims.
        return name if viewer(self.request)["is_staff"] else f"published_{name}"

    def filter_published(self, queryset, name, value):
        return queryset.filter(**{self._column(name): value})

    def filter_published_gte(self, queryset, name, value):
        return queryset.filter(**{f"{self._column(name)}__gte": value})

    def filter_text(self, queryset, name, value):
        return queryset.filter(title__icontains=value)


class VerdictFilter(FilterSet):
    conflict = conflict_filter("claim__conflict")
    rating = filters.ChoiceFilter(choices=VerdictRating.choices)
    claim = IdFilter(queryset=_visible_claims, label="Claim id")
    updated_since = updated_since_filter()
