"""Admin pieces that know the domain, shared by the reviewer admins of every app: the audit trail and
change forms in the conflict's local time, and list filters by side and party tree that stay cheap at
a million rows.  The app-independent blocks are in ``factcheck.admin_tools``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms as django_forms
from django.contrib import admin
from django.db.models import Q
from django.utils import timezone

from factcheck import admin_tools as core
from review.display import incident_tz, local_time_text, zone_label
from sources.models import ConflictSide, Party


class AuditedAdmin(core.AuditedAdmin):
    """``factcheck.admin_tools.AuditedAdmin`` with the trail's times in the conflict's local time."""

    history_time_text = staticmethod(local_time_text)


if TYPE_CHECKING:
    # The mixin is used only on a ModelAdmin, whose hooks it wraps.
    _ModelAdmin = admin.ModelAdmin
else:
    _ModelAdmin = object


class LocalTimeAdminMixin(_ModelAdmin):
    """Change forms in the conflict's local time: date-times are shown and read in the object's zone
    (``review.display.incident_tz``), each labelled with it; the UTC time is on the read-only displays."""

    def time_zone_for(self, obj):
        """The zone of ``obj``'s times; subclasses pass its incident to ``incident_tz``."""
        return incident_tz(obj)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        obj = self.get_object(request, object_id) if object_id else None
        with timezone.override(self.time_zone_for(obj)):
            response = super().changeform_view(request, object_id, form_url, extra_context)
            # A TemplateResponse renders later, outside the override, unless rendered here.
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()
            return response

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        label = zone_label(timezone.localtime(timezone.now(), self.time_zone_for(obj)))
        for field in form.base_fields.values():
            if isinstance(field, django_forms.SplitDateTimeField | django_forms.DateTimeField):
                field.help_text = " ".join(filter(None, [str(field.help_text), f"Local time: {label}."]))
        return form


class SideFilter(admin.SimpleListFilter):
    """Filter by the side of a party field (``field_path``): a side of one conflict, from its pack."""

    field_path = "claimant"

    def lookups(self, request, model_admin):
        return [(str(side.pk), str(side)) for side in ConflictSide.objects.select_related("conflict")]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(**{f"{self.field_path}__conflict_sides__side_id": int(value)})
        return queryset


class PartyTreeFilter(admin.SimpleListFilter):
    """Filter by a party and everything below it in the tree ("Azerbaijan" includes its ministries).

    The choices list only the top two levels of the tree (one small query); any party id works in
    the URL, which is how the dashboard links to a party's claims.
    """

    field_path = "claimant"

    def lookups(self, request, model_admin):
        top = Party.objects.filter(Q(parent__isnull=True) | Q(parent__parent__isnull=True)).order_by(
            "tree_path"
        )
        choices = [(str(p.pk), ("\u2003" * p.depth) + p.name) for p in top.only("id", "name", "tree_path")]
        selected = self.value()
        if selected and selected.isdigit() and selected not in {c[0] for c in choices}:
            party = Party.objects.filter(pk=int(selected)).only("id", "name").first()
            if party:
                choices.append((selected, party.name))
        return choices

    def queryset(self, request, queryset):
        value = self.value()
        if not value:
            return queryset
        if not value.isdigit():
            return queryset.none()
        party = Party.objects.filter(pk=int(value)).only("tree_path").first()
        if party is None:
            return queryset.none()
        # The subtree's ids as literals, not a join on tree_path: PostgreSQL then estimates from its
        # per-claimant statistics and uses the claimant index for a party with few claims instead of
        # walking a million rows in date order looking for them.
        subtree = list(
            Party.objects.filter(tree_path__startswith=party.tree_path).values_list("id", flat=True)
        )
        return queryset.filter(**{f"{self.field_path}_id__in": subtree})
