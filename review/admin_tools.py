"""Building blocks shared by the reviewer admins: a paginator that never counts a whole big table,
a history admin whose audit trail is read-only, and list filters that stay cheap at a million rows."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.text import capfirst
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import DeletedObject
from simple_history.template_utils import HistoricalRecordContextHelper

from sources.models import ConflictSide, Party


class CappedCountPaginator(Paginator):
    """Counts at most ``cap`` rows (``SELECT COUNT(*) FROM (... LIMIT cap+1)``), so opening a list of a
    million claims reads a bounded number of index entries; the pagination says "more than 10000"."""

    cap = 10_000

    @cached_property
    def count(self) -> int:
        try:
            counted = self.object_list.order_by()[: self.cap + 1].count()
        except (AttributeError, TypeError):
            counted = len(self.object_list)
        self.capped = counted > self.cap
        return min(counted, self.cap)

    capped = False


class ReviewAdminMixin:
    """What every reviewer list shares: capped counting, no full result count, one page of 50."""

    paginator = CappedCountPaginator
    show_full_result_count = False
    list_per_page = 50


class ReadOnlyAdminMixin:
    """For rows the system writes (logs, fetch outcomes, built reports): viewable, never added or edited by hand."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


def history_value(field, value: Any) -> str:
    """One side of a change as a reviewer reads it: a choice's label, "—" for nothing, local times,
    the related object's name (or "#pk, since deleted" when it is really gone)."""
    from review.display import local_time_text

    if isinstance(value, DeletedObject):
        return "—" if value.pk is None else f"#{value.pk}, since deleted"
    if value is None or value == "" or value == []:
        return "—"
    if getattr(field, "choices", None):
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, datetime):
        return local_time_text(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


class AuditHistoryHelper(HistoricalRecordContextHelper):
    """Changes in words: labels of choices, "—" for empty links (not "Deleted user (pk=None)")."""

    def prepare_delta_change_value(self, change, value):
        return history_value(self.model._meta.get_field(change.field), value)


def history_changes(model, records: list) -> None:
    """Set ``history_delta_changes`` on each of ``records`` (one object's, newest first): the fields that
    changed from the record before, or for the first record the values it was created with."""
    for current, previous in zip(records, [*records[1:], None], strict=True):
        if previous is not None:
            delta = current.diff_against(previous, foreign_keys_are_objs=True)
            helper = AuditHistoryHelper(model, current)
            current.history_delta_changes = helper.context_for_delta_changes(delta)
            continue
        created = []
        for field in model._meta.fields:
            if not field.editable or field.primary_key or not hasattr(current, field.attname):
                continue
            raw = getattr(current, field.attname)
            if raw is None or raw == "" or raw == []:
                continue
            value = getattr(current, field.name, None) if field.is_relation else raw
            created.append(
                {"field": capfirst(field.verbose_name), "old": "—", "new": history_value(field, value)}
            )
        current.history_delta_changes = created


class AuditedAdmin(ReviewAdminMixin, SimpleHistoryAdmin):
    """A history admin whose audit trail (who, when, what changed, from what, to what) is read-only.

    Reverting from the history page would write the model directly and skip the services that keep
    checks, tree paths and cached figures right, so reverting is switched off. Changes made by the
    system (the detection engine, recomputed figures) read "system"; ``related_history`` adds the trail
    of rows that belong to the object (a claim's verdict and notes) under its own.
    """

    object_history_template = "admin/audited_history.html"
    object_history_list_template = "admin/audited_history_list.html"

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        records = list(historical_records)
        # The page's last record is diffed against the one before it, which may be on the next page.
        older = None
        if records:
            last = records[-1]
            older = (
                type(last)
                .objects.filter(**{self.model._meta.pk.attname: getattr(last, self.model._meta.pk.attname)})
                .filter(history_date__lte=last.history_date, history_id__lt=last.history_id)
                .order_by("-history_date", "-history_id")
                .first()
            )
        history_changes(self.model, [*records, *([older] if older else [])])

    def related_history(self, request, obj) -> list[tuple[str, Any]]:
        """(label, historical queryset) pairs whose records are shown with the object's own trail."""
        return []

    def history_view(self, request, object_id, extra_context=None):
        extra_context = dict(extra_context or {})
        obj = self.get_object(request, object_id)
        rows = []
        for label, queryset in self.related_history(request, obj) if obj else []:
            records = list(
                queryset.select_related("history_user").order_by("-history_date", "-history_id")[:200]
            )
            by_object: dict[Any, list] = {}
            for record in records:
                by_object.setdefault(getattr(record, record.instance_type._meta.pk.attname), []).append(
                    record
                )
            for same in by_object.values():
                history_changes(same[0].instance_type, same)
            rows += [(label, record) for record in records]
        rows.sort(key=lambda row: (row[1].history_date, row[1].history_id), reverse=True)
        extra_context["related_history"] = rows
        return super().history_view(request, object_id, extra_context)

    def revert_disabled(self, request, obj=None) -> bool:
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied("Reverting from the audit trail is disabled; edit the object instead.")
        return super().history_form_view(request, object_id, version_id, extra_context)


class LocalTimeAdminMixin:
    """Change forms in the conflict's local time: date-times are shown and read in the object's zone
    (``review.display.incident_tz``), each labelled with it; the UTC time is on the read-only displays."""

    def time_zone_for(self, obj):
        """The zone of ``obj``'s times; subclasses pass its incident to ``incident_tz``."""
        from review.display import incident_tz

        return incident_tz(obj)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        from django.utils import timezone

        obj = self.get_object(request, object_id) if object_id else None
        with timezone.override(self.time_zone_for(obj)):
            response = super().changeform_view(request, object_id, form_url, extra_context)
            # A TemplateResponse renders later, outside the override, unless rendered here.
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()
            return response

    def get_form(self, request, obj=None, change=False, **kwargs):
        from django import forms as django_forms
        from django.utils import timezone

        from review.display import zone_label

        form = super().get_form(request, obj, change, **kwargs)
        label = zone_label(timezone.localtime(timezone.now(), self.time_zone_for(obj)))
        for field in form.base_fields.values():
            if isinstance(field, django_forms.SplitDateTimeField | django_forms.DateTimeField):
                field.help_text = " ".join(filter(None, [field.help_text, f"Local time: {label}."]))
        return form


class SideFilter(admin.SimpleListFilter):
    """Filter by the side of a party field (``field_path``): a side of one conflict, from its pack."""

    field_path = "claimant"

    def lookups(self, request, model_admin):
        return [(str(side.pk), str(side)) for side in ConflictSide.objects.select_related("conflict")]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(**{f"{self.field_path}__conflict_sides__side_id": int(self.value())})
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
