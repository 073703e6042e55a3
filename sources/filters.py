"""django-filter FilterSets for parties, outlets, places and articles."""

from __future__ import annotations

from django.db.models import Q
from django_filters import rest_framework as filters

from factcheck.rest.filters import (
    BooleanFilter,
    FilterSet,
    IdFilter,
    SizedText,
    text_filter,
    updated_since_filter,
    viewer,
)
from sources.models import Article, Outlet, Party, Place, Side
from sources.selectors import outlets_visible, parties_visible, party_subtree_ids


def _parties(request):
    return parties_visible(**viewer(request))


def _outlets(request):
    return outlets_visible(**viewer(request))


class PartyFilter(FilterSet):
    kind = filters.ChoiceFilter(choices=Party.Kind.choices)
    side = filters.ChoiceFilter(choices=Side.choices)
    parent = IdFilter(queryset=_parties, label="Direct parent party id")
    within = IdFilter(
        queryset=_parties, method="filter_within", label="A party id: it and all its sub-parties"
    )
    needs_review = BooleanFilter()
    q = text_filter("filter_text", "Text search in the name and aliases")
    updated_since = updated_since_filter()

    def filter_within(self, queryset, name, value):
        return queryset.filter(pk__in=party_subtree_ids(party=value))

    def filter_text(self, queryset, name, value):
        aliased = Party.objects.filter(aliases__alias__icontains=value).values("pk")
        return queryset.filter(Q(name__icontains=value) | Q(pk__in=aliased))


class OutletFilter(FilterSet):
    kind = filters.ChoiceFilter(choices=Outlet.Kind.choices)
    country = SizedText(max_length=2, label="ISO 3166-1 alpha-2 code")
    domain = SizedText(max_length=200)
    party = IdFilter(queryset=_parties, label="Party the outlet speaks for")
    q = text_filter("filter_text", "Text search in the name")
    updated_since = updated_since_filter()

    def filter_text(self, queryset, name, value):
        return queryset.filter(name__icontains=value)


class PlaceFilter(FilterSet):
    kind = filters.ChoiceFilter(choices=Place.Kind.choices)
    region = IdFilter(queryset=Place.objects.all(), label="Region (parent place) id")
    q = text_filter("filter_text", "Text search in the name and aliases")
    updated_since = updated_since_filter()

    def filter_text(self, queryset, name, value):
        aliased = Place.objects.filter(aliases__alias__icontains=value).values("pk")
        return queryset.filter(Q(name__icontains=value) | Q(pk__in=aliased))


class ArticleFilter(FilterSet):
    outlet = IdFilter(queryset=_outlets, label="Outlet id")
    status = filters.ChoiceFilter(choices=Article.Status.choices)
    language = SizedText(max_length=10)
    published_at__gte = filters.IsoDateTimeFilter(field_name="published_at", lookup_expr="gte")
    published_at__lte = filters.IsoDateTimeFilter(field_name="published_at", lookup_expr="lte")
    q = text_filter("filter_text", "Text search in the title")
    updated_since = updated_since_filter()

    def filter_text(self, queryset, name, value):
        return queryset.filter(title__icontains=value)
