"""django-filter FilterSets of the provenance endpoints: parties, outlets, places and articles.

An interface module (beside ``sources.api``): its choices and its outlet-by-conflict filter read what
the caller may see through ``claims.selectors.provenance``."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q
from django_filters import rest_framework as filters

from claims.selectors.provenance import articles_visible, outlets_visible, parties_visible
from factcheck.rest.filters import (
    BooleanFilter,
    FilterSet,
    IdFilter,
    SizedText,
    text_filter,
    updated_since_filter,
    viewer,
)
from sources.filters import ConflictSlugFilter, SideSlugFilter, conflict_filter
from sources.models import Article, Outlet, Party, Place
from sources.selectors import party_subtree_ids


def _parties(request):
    return parties_visible(**viewer(request))


def _outlets(request):
    return outlets_visible(**viewer(request))


class PartyFilter(FilterSet):
    kind = filters.ChoiceFilter(choices=Party.Kind.choices)
    conflict = ConflictSlugFilter(method="filter_conflict", label="Conflict slug: parties with a side in it")
    side = SideSlugFilter(method="filter_side", label="Side slug (e.g. with conflict=...)")
    parent = IdFilter(queryset=_parties, label="Direct parent party id")
    within = IdFilter(
        queryset=_parties, method="filter_within", label="A party id: it and all its sub-parties"
    )
    needs_review = BooleanFilter()
    q = text_filter("filter_text", "Text search in the name and aliases")
    updated_since = updated_since_filter()

    def filter_conflict(self, queryset, name, value):
        return queryset.filter(conflict_sides__conflict=value)

    def filter_side(self, queryset, name, value):
        conflict = self.form.cleaned_data.get("conflict")
        sides = {"conflict_sides__side__slug": value}
        if conflict is not None:
            sides["conflict_sides__conflict"] = conflict
        return queryset.filter(**sides).distinct()

    def filter_within(self, queryset, name, value):
        return queryset.filter(pk__in=party_subtree_ids(party=value))

    def filter_text(self, queryset, name, value):
        aliased = Party.objects.filter(aliases__alias__icontains=value).values("pk")
        return queryset.filter(Q(name__icontains=value) | Q(pk__in=aliased))


class OutletFilter(FilterSet):
    conflict = ConflictSlugFilter(
        method="filter_conflict", label="Conflict slug: outlets with an article (you can see) about it"
    )
    kind = filters.ChoiceFilter(choices=Outlet.Kind.choices)
    country = SizedText(max_length=2, label="ISO 3166-1 alpha-2 code")
    domain = SizedText(max_length=200)
    party = IdFilter(queryset=_parties, label="Party the outlet speaks for")
    q = text_filter("filter_text", "Text search in the name")
    updated_since = updated_since_filter()

    def filter_conflict(self, queryset, name, value):
        # Through the articles the caller may see: another partner's unpublished article must not tell
        # which conflict an outlet reports on.
        seen = articles_visible(**viewer(self.request)).filter(outlet=OuterRef("pk"), conflict=value)
        return queryset.filter(Exists(seen))

    def filter_text(self, queryset, name, value):
        return queryset.filter(name__icontains=value)


class PlaceFilter(FilterSet):
    kind = filters.ChoiceFilter(choices=Place.Kind.choices)
    country = SizedText(max_length=2, label="ISO 3166-1 alpha-2 code")
    conflict = ConflictSlugFilter(method="filter_conflict", label="Conflict slug: places in its countries")
    region = IdFilter(queryset=Place.objects.all(), label="Region (parent place) id")
    q = text_filter("filter_text", "Text search in the name and aliases")
    updated_since = updated_since_filter()

    def filter_conflict(self, queryset, name, value):
        return queryset.filter(country__in=value.countries)

    def filter_text(self, queryset, name, value):
        aliased = Place.objects.filter(aliases__alias__icontains=value).values("pk")
        return queryset.filter(Q(name__icontains=value) | Q(pk__in=aliased))


class ArticleFilter(FilterSet):
    outlet = IdFilter(queryset=_outlets, label="Outlet id")
    conflict = conflict_filter()
    conflict_needs_review = BooleanFilter()
    status = filters.ChoiceFilter(choices=Article.Status.choices)
    language = SizedText(max_length=10)
    published_at__gte = filters.IsoDateTimeFilter(field_name="published_at", lookup_expr="gte")
    published_at__lte = filters.IsoDateTimeFilter(field_name="published_at", lookup_expr="lte")
    q = text_filter("filter_text", "Text search in the title")
    updated_since = updated_since_filter()

    def filter_text(self, queryset, name, value):
        return queryset.filter(title__icontains=value)
