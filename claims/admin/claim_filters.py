"""The claim queue's list filters: by party tree, side, incident, open contradictions, chosen row."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Q

from claims.models import Contradiction, ContradictionStatus
from review.admin_tools import PartyTreeFilter, SideFilter


class ClaimantFilter(PartyTreeFilter):
    title = "claimant (with sub-parties)"
    parameter_name = "claimant"
    field_path = "claimant"


class ClaimantSideFilter(SideFilter):
    title = "claimant's side"
    parameter_name = "claimant_side"
    field_path = "claimant"


class AccusedFilter(PartyTreeFilter):
    title = "accused (with sub-parties)"
    parameter_name = "accused"
    field_path = "accused"


class IncidentFilter(admin.SimpleListFilter):
    """Claims of one incident (by id, as linked from the incident page) or claims with no incident."""

    title = "incident"
    parameter_name = "incident"

    def lookups(self, request, model_admin):
        choices = [("none", "No incident")]
        value = self.value()
        if value and value.isdigit():
            choices.append((value, f"Incident #{value}"))
        return choices

    def queryset(self, request, queryset):
        value = self.value()
        if value == "none":
            return queryset.filter(incident__isnull=True)
        if value and value.isdigit():
            return queryset.filter(incident_id=int(value))
        return queryset


class OpenContradictionsFilter(admin.SimpleListFilter):
    title = "has open contradictions"
    parameter_name = "open_contradictions"

    def lookups(self, request, model_admin):
        return [("yes", "Yes"), ("no", "No")]

    def queryset(self, request, queryset):
        if self.value() not in ("yes", "no"):
            return queryset
        open_ = Contradiction.objects.filter(status=ContradictionStatus.OPEN)
        in_open = Q(pk__in=open_.values("claim_a_id")) | Q(pk__in=open_.values("claim_b_id"))
        return queryset.filter(in_open) if self.value() == "yes" else queryset.exclude(in_open)


class ChosenRelatedFieldListFilter(admin.RelatedFieldListFilter):
    """A related-row filter that lists only the row chosen (from a link or the review page).

    Listing every outlet and place on each page load read and rendered hundreds of rows the reviewer
    rarely picks from the sidebar (the search box and the links in each row do that job).
    """

    def field_choices(self, field, request, model_admin):
        chosen = [int(value) for value in (self.lookup_val or []) if str(value).isdigit()]
        if not chosen:
            return []
        rows = field.remote_field.model._default_manager.filter(pk__in=chosen)
        return [(row.pk, str(row)) for row in rows]
